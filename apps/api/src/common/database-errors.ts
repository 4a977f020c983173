// PostgreSQL failures that reach the edge: an outage is the client's to retry later (503), bad data that
// validation should have caught is the client's to fix (400). Either way nothing was written: the
// statement failed, so its transaction rolled back.

import { QueryFailedError } from 'typeorm';
import { sqlState } from '@libs/persistence';
import { AppException } from './app.exception';

// SQLSTATE: 57P01–57P03 the server is shutting down or starting, 53300 too many connections, 57014 the
// statement timeout (or a cancel). Class 08 (connection exceptions) is matched by its prefix.
// 40001 and 40P01: a serialization failure or a deadlock chose this statement to give way: a retry may pass.
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300', '57014', '40001', '40P01']);
// The driver's socket errors, when the server is down or the connection drops.
const UNAVAILABLE_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
]);
// The driver's and the pool's own errors carry no code, only these messages.
const UNAVAILABLE_MESSAGES =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed)/;
// TypeORM's, when a transaction's connection died under it (terminated, the server gone) and was released.
const UNAVAILABLE_TYPEORM_ERRORS = new Set([
  'QueryRunnerAlreadyReleasedError',
  'QueryRunnerProviderAlreadyReleasedError',
]);

/** The error itself and, for a TypeORM QueryFailedError, the driver's error inside it. */
function driverErrors(error: unknown): unknown[] {
  const driverError = (error as { driverError?: unknown } | null)?.driverError;
  return driverError === undefined ? [error] : [error, driverError];
}

function saysUnavailable(error: unknown): boolean {
  const { code, message, name } = (error ?? {}) as { code?: unknown; message?: unknown; name?: unknown };
  if (typeof name === 'string' && UNAVAILABLE_TYPEORM_ERRORS.has(name)) return true;
  // Socket codes first: EPIPE has the shape of a SQLSTATE.
  if (typeof code === 'string' && UNAVAILABLE_SOCKET_CODES.has(code)) return true;
  const state = sqlState(error);
  if (state !== undefined) return state.startsWith('08') || UNAVAILABLE_STATES.has(state);
  return typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message);
}

/** PostgreSQL cannot be reached or will not serve: refused or dropped connection, pool or statement timeout. */
export function isDatabaseUnavailable(error: unknown): boolean {
  return driverErrors(error).some(saysUnavailable);
}

/** A statement PostgreSQL refused for its data (SQLSTATE class 22: invalid syntax, out of range, bad encoding). */
export function isDatabaseDataError(error: unknown): boolean {
  return error instanceof QueryFailedError && sqlState(error)?.startsWith('22') === true;
}

/** A statement that broke an integrity constraint (class 23): the request conflicts with what is stored. */
export function isDatabaseConflict(error: unknown): boolean {
  return error instanceof QueryFailedError && sqlState(error)?.startsWith('23') === true;
}

export function databaseConflict(): AppException {
  return new AppException(
    'CONFLICT',
    409,
    '与已有数据冲突（可能已被他人同时修改），请刷新后重试；本次操作未生效',
  );
}

export function databaseUnavailable(): AppException {
  return new AppException('DATABASE_UNAVAILABLE', 503, '数据库暂不可用，请稍后重试；本次操作未生效');
}

/** A decision the workflow has recorded, whose answer could not be read back: not "未生效". */
export function decisionRecordedUnreadable(): AppException {
  return new AppException(
    'DECISION_RECORDED',
    503,
    '办理已记录，但数据库暂不可用，暂时无法显示最新状态：请稍后刷新查看，无需重新办理',
  );
}

/** A decision sent to the workflow when the database failed: it may or may not have been recorded. */
export function decisionPerhapsRecorded(): AppException {
  return new AppException(
    'DATABASE_UNAVAILABLE',
    503,
    '数据库暂不可用：本次办理可能已生效，请稍后刷新查看；用同一 Idempotency-Key 重试不会重复办理',
  );
}

export function databaseRefusedData(): AppException {
  return new AppException(
    'INVALID_VALUE',
    400,
    '请求中的数据格式或取值超出允许范围，请检查后重试；本次操作未生效',
  );
}
