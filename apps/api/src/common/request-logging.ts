// The API's log: pino through nestjs-pino. Each request gets an id (the caller's X-Request-Id when it is a
// sane one, else a new UUID), answered in X-Request-Id; every line written while the request runs carries
// it, with the user once signed in (the auth guard adds it) and the case the path names. The request's own
// line has the method, the path (masked: a search may carry an ID number), the status and the duration;
// never a header (the token) nor a body.

import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Logger as PinoBackedLogger, type Params } from 'nestjs-pino';
import { caseIdOf, type Logger } from '@libs/logging';
import { maskPersonalText } from '@libs/domain';

const REQUEST_ID = /^[\w.-]{1,64}$/;
// Paths that name a case: /cases/<id>…, /tasks/<case id>:…, /supervision/cases|tasks/<…>.
const CASE_PATH = /\/(?:cases|tasks)\/([^/?]+)/;
// Nest's start-up chatter (modules loaded, routes mapped): not worth a line each.
const FRAMEWORK_CONTEXTS = new Set([
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestApplication',
]);

function requestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader('x-request-id', id);
  return id;
}

export function requestLogging(logger: Logger): Params {
  return {
    // The user the auth guard assigns goes on the request's own line too.
    assignResponse: true,
    pinoHttp: {
      logger,
      genReqId: requestId,
      customAttributeKeys: { reqId: 'requestId' },
      customProps: (req: IncomingMessage) => {
        const path = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '';
        const caseId = caseIdOf(CASE_PATH.exec(path)?.[1]);
        return caseId ? { caseId } : {};
      },
      serializers: {
        req: (req: { method: string; url: string }) => ({
          method: req.method,
          url: maskPersonalText(req.url),
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (_req, res, error) =>
        error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
      // The health probe and Prometheus's scrape run every few seconds.
      autoLogging: { ignore: (req) => /^\/api\/(?:health|metrics)(?:[/?]|$)/.test(req.url ?? '') },
      quietReqLogger: true,
    },
  };
}

/** Nest's logger on pino, without the framework's start-up lines. */
export class ApiLogger extends PinoBackedLogger {
  override log(message: unknown, ...optionalParams: unknown[]): void {
    if (FRAMEWORK_CONTEXTS.has(optionalParams.at(-1) as string)) return;
    super.log(message, ...optionalParams);
  }
}
