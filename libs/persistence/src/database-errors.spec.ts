import { QueryFailedError } from 'typeorm';
import { isPermanentDatabaseError, sqlState } from './database-errors';

function pgError(code: string): Error {
  return Object.assign(new Error('failed'), { code });
}

describe('isPermanentDatabaseError', () => {
  it.each([
    ['22021', 'a NUL byte in a text'],
    ['22P02', 'malformed JSON'],
    ['22003', 'a number out of range'],
    ['23505', 'a unique violation'],
    ['23514', 'a check violation'],
    ['42P01', 'a missing table'],
  ])('treats %s (%s) as permanent', (code) => {
    expect(isPermanentDatabaseError(pgError(code))).toBe(true);
  });

  it.each([
    ['23503', 'a foreign key to a row not yet committed'],
    ['40P01', 'a deadlock'],
    ['57P01', 'an administrator shutdown'],
    ['08006', 'a lost connection'],
    ['57014', 'a statement timeout'],
  ])('lets %s (%s) be retried', (code) => {
    expect(isPermanentDatabaseError(pgError(code))).toBe(false);
  });

  it('reads the code through TypeORM’s QueryFailedError', () => {
    const failed = new QueryFailedError('INSERT', [], pgError('22021'));
    expect(sqlState(failed)).toBe('22021');
    expect(isPermanentDatabaseError(failed)).toBe(true);
  });

  it('lets errors without a SQLSTATE be retried', () => {
    expect(isPermanentDatabaseError(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }))).toBe(
      false,
    );
    expect(isPermanentDatabaseError(new Error('boom'))).toBe(false);
    expect(isPermanentDatabaseError(undefined)).toBe(false);
  });
});
