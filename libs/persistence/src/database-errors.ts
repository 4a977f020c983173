// What a PostgreSQL error says about trying again. A data exception (class 22: a NUL byte, a malformed JSON
// text, a number out of range), an integrity violation (23), a bad statement or missing privilege (42) or an
// unsupported feature (0A) fails the same way every time; a lost connection, a timeout or a deadlock may not.

const PERMANENT_CLASSES = new Set(['22', '23', '42', '0A']);
// A foreign key may name a row whose transaction has not committed yet (a case's first step racing the
// request that writes the case): worth another try.
const FOREIGN_KEY_VIOLATION = '23503';

/** The SQLSTATE of a PostgreSQL error (pg's DatabaseError, or TypeORM's QueryFailedError around it). */
export function sqlState(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** True when retrying the statement cannot succeed until its data or the schema changes. */
export function isPermanentDatabaseError(error: unknown): boolean {
  const state = sqlState(error);
  return state !== undefined && state !== FOREIGN_KEY_VIOLATION && PERMANENT_CLASSES.has(state.slice(0, 2));
}
