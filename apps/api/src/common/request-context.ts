// Each request runs in the audit context with its request id (the one the request logger assigned, answered
// in X-Request-Id), so every audit event it appends carries the id without a service passing it along.

import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  Injectable,
  type MiddlewareConsumer,
  Module,
  type NestMiddleware,
  type NestModule,
  RequestMethod,
} from '@nestjs/common';
import { auditContext } from '@libs/persistence';

@Injectable()
class RequestContextMiddleware implements NestMiddleware {
  use(req: IncomingMessage & { id?: unknown }, res: ServerResponse, next: () => void): void {
    // pino-http's id, set by the logger's middleware, which runs first (LoggerModule is imported before).
    const id = req.id ?? res.getHeader('x-request-id');
    auditContext.run({ requestId: typeof id === 'string' ? id : undefined }, next);
  }
}

@Module({})
export class RequestContextModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // Every route under the global prefix, in path-to-regexp 8's syntax (a bare '*' is converted with a warning).
    consumer.apply(RequestContextMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
