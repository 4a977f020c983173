import { DatabaseError } from 'pg';
import {
  QueryFailedError,
  QueryRunnerAlreadyReleasedError,
  QueryRunnerProviderAlreadyReleasedError,
} from 'typeorm';
import { isDatabaseConflict, isDatabaseDataError, isDatabaseUnavailable } from './database-errors';

/** A PostgreSQL error as pg raises it, with its SQLSTATE. */
function postgresError(code: string, message = 'failed'): DatabaseError {
  const error = new DatabaseError(message, message.length, 'error');
  error.code = code;
  return error;
}

/** The same error as TypeORM wraps a failed query. */
function queryFailed(driverError: Error): QueryFailedError {
  return new QueryFailedError('SELECT 1', [], driverError);
}

function socketError(code: string): Error {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, syscall: 'connect' });
}

describe('isDatabaseUnavailable', () => {
  it('knows a refused or reset connection, raw from the pool or wrapped around a query', () => {
    expect(isDatabaseUnavailable(socketError('ECONNREFUSED'))).toBe(true);
    expect(isDatabaseUnavailable(queryFailed(socketError('ECONNRESET')))).toBe(true);
    expect(isDatabaseUnavailable(queryFailed(socketError('EPIPE')))).toBe(true);
  });

  it('knows the driver and pool messages that carry no code', () => {
    for (const message of [
      'Connection terminated unexpectedly',
      'Connection terminated due to connection timeout',
      'timeout exceeded when trying to connect',
      'Client has encountered a connection error and is not queryable',
    ]) {
      expect(isDatabaseUnavailable(new Error(message))).toBe(true);
      expect(isDatabaseUnavailable(queryFailed(new Error(message)))).toBe(true);
    }
  });

  it('knows a transaction whose connection died under it and was released (TypeORM)', () => {
    expect(isDatabaseUnavailable(new QueryRunnerAlreadyReleasedError())).toBe(true);
    expect(isDatabaseUnavailable(new QueryRunnerProviderAlreadyReleasedError())).toBe(true);
  });

  it('knows connection exceptions, shutdown, start-up, too many connections, the statement timeout and a deadlock', () => {
    for (const code of ['08006', '08001', '57P01', '57P02', '57P03', '53300', '57014', '40001', '40P01']) {
      expect(isDatabaseUnavailable(queryFailed(postgresError(code)))).toBe(true);
    }
  });

  it('leaves data errors, constraint errors and errors of other kinds alone', () => {
    expect(isDatabaseUnavailable(queryFailed(postgresError('22P02')))).toBe(false);
    expect(isDatabaseUnavailable(queryFailed(postgresError('23505')))).toBe(false);
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
    // An outbound HTTP call that was refused is not the database.
    expect(isDatabaseUnavailable(new TypeError('fetch failed', { cause: socketError('ECONNREFUSED') }))).toBe(
      false,
    );
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});

describe('isDatabaseDataError', () => {
  it('knows a query PostgreSQL refused for its data (class 22)', () => {
    for (const code of ['22P02', '22003', '22021', '22P05']) {
      expect(isDatabaseDataError(queryFailed(postgresError(code)))).toBe(true);
    }
  });

  it('leaves other classes and errors that are not failed queries alone', () => {
    expect(isDatabaseDataError(queryFailed(postgresError('23505')))).toBe(false);
    expect(isDatabaseDataError(postgresError('22P02'))).toBe(false);
    expect(isDatabaseDataError(new Error('22P02'))).toBe(false);
  });
});

describe('isDatabaseConflict', () => {
  it('knows a write that broke an integrity constraint (class 23)', () => {
    for (const code of ['23505', '23503', '23514']) {
      expect(isDatabaseConflict(queryFailed(postgresError(code)))).toBe(true);
    }
    expect(isDatabaseConflict(queryFailed(postgresError('22P02')))).toBe(false);
    expect(isDatabaseConflict(postgresError('23505'))).toBe(false);
  });
});
