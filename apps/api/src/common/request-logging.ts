// The API's log: pino, with Nest's own lines through nestjs-pino's adapter. Each request gets an id (the caller's
// X-Request-Id when it is a sane one, else a new UUID), answered in X-Request-Id; every line written while the
// request runs carries it, with the user once signed in (the auth guard adds it) and the case the path names:
// fields of the work in progress (withLogFields), so a request makes no child logger, and builds nothing for a
// line the level in force drops. The request's own line has the method, the path (masked by the logger: a
// search may carry an ID number), the status and the duration; never a header (the token) nor a body.

import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LoggerService } from '@nestjs/common';
import { Logger as PinoBackedLogger, PinoLogger } from 'nestjs-pino';
import { caseIdOf, type LogFields, type Logger } from '@libs/logging';

const REQUEST_ID = /^[\w.-]{1,64}$/;
// Paths that name a case: /cases/<id>…, /tasks/<case id>:…, /supervision/cases|tasks/<…>.
const CASE_PATH = /\/(?:cases|tasks)\/([^/?]+)/;
// The health probe and Prometheus's scrape run every few seconds: no line of their own.
const UNLOGGED_PATH = /^\/api\/(?:health|metrics)(?:[/?]|$)/;
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

/**
 * Gives the request its id (answered in X-Request-Id) and writes the request's line once it is answered, at the
 * level its status calls for, if that level is in force. The fields every line of the request carries.
 */
export function logRequest(
  logger: Logger,
  req: IncomingMessage & { originalUrl?: string },
  res: ServerResponse,
): LogFields {
  const started = Date.now();
  const path = req.originalUrl ?? req.url ?? '';
  const fields: LogFields = { requestId: requestId(req, res) };
  const caseId = caseIdOf(CASE_PATH.exec(path)?.[1]);
  if (caseId) fields.caseId = caseId;
  if (UNLOGGED_PATH.test(path)) return fields;
  let written = false;
  const answered = (error?: Error) => {
    if (written) return;
    written = true;
    const statusCode = res.statusCode;
    const failed = error !== undefined || statusCode >= 500;
    const level = failed ? 'error' : statusCode >= 400 ? 'warn' : 'info';
    if (!logger.isLevelEnabled(level)) return;
    // `fields` as they are now: the auth guard has added the user.
    const line = {
      ...fields,
      req: { method: req.method, url: path },
      res: { statusCode },
      responseTime: Date.now() - started,
    };
    if (failed) {
      logger.error(
        { ...line, err: error ?? new Error(`failed with status code ${statusCode}`) },
        'request errored',
      );
    } else logger[level](line, 'request completed');
  };
  // 'close' alone when the client went away before the answer was sent.
  res.once('finish', answered);
  res.once('close', answered);
  res.once('error', answered);
  return fields;
}

// nestjs-pino's PinoLogger writes to the logger of the request's store, else to the first one a process made:
// this one writes to the API's own.
class ApiPinoLogger extends PinoLogger {
  constructor(private readonly apiLog: Logger) {
    super({ pinoHttp: { logger: apiLog } });
  }

  override get logger(): Logger {
    return this.apiLog;
  }
}

// Nest's logger on pino, without the framework's start-up lines.
class ApiLogger extends PinoBackedLogger {
  override log(message: unknown, ...optionalParams: unknown[]): void {
    if (FRAMEWORK_CONTEXTS.has(optionalParams.at(-1) as string)) return;
    super.log(message, ...optionalParams);
  }
}

/** Nest's logger (its own lines and those of `new Logger(context)` in services), writing to the API's. */
export function apiLogger(logger: Logger): LoggerService {
  return new ApiLogger(new ApiPinoLogger(logger), {});
}
