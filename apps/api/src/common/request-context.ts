// Each request runs with its log fields (request id, case, user once signed in: request-logging.ts) and in the
// audit context with its request id, so every line it logs and every audit event it appends carries the id
// without a service passing it along.

import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type DynamicModule,
  Inject,
  Injectable,
  type MiddlewareConsumer,
  Module,
  type NestMiddleware,
  type NestModule,
  RequestMethod,
} from '@nestjs/common';
import { type Logger, withLogFields } from '@libs/logging';
import { auditContext } from '@libs/persistence';
import { logRequest } from './request-logging';

const REQUEST_LOGGER = Symbol('REQUEST_LOGGER');

@Injectable()
class RequestContextMiddleware implements NestMiddleware {
  constructor(@Inject(REQUEST_LOGGER) private readonly logger: Logger) {}

  use(req: IncomingMessage, res: ServerResponse, next: () => void): void {
    const fields = logRequest(this.logger, req, res);
    withLogFields(fields, () => auditContext.run({ requestId: fields.requestId }, next));
  }
}

@Module({})
export class RequestContextModule implements NestModule {
  static forRoot(logger: Logger): DynamicModule {
    return {
      module: RequestContextModule,
      providers: [{ provide: REQUEST_LOGGER, useValue: logger }, RequestContextMiddleware],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    // Every route under the global prefix, in path-to-regexp 8's syntax (a bare '*' is converted with a warning).
    consumer.apply(RequestContextMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
