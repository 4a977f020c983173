// Limits on guessing passwords: a name given at sign-in locks after consecutive wrong passwords, and a
// source address that fails too often is refused for a while. Both counts live in the database, so every
// API process sees the same ones. A name no account has is counted and locked exactly as an account is,
// so the lockout never tells which names exist.

import type { EntityManager } from 'typeorm';
import { SYSTEM_ACTOR } from '@libs/contracts';
import { appendAuditEvent, returningRows } from '@libs/persistence';
import { AppException } from '../common/app.exception';
import { beijingTime } from '../data-checks/data-check-workbook';

/** Consecutive wrong passwords (within the window) that lock an account. */
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;
/** How long a name's count of wrong passwords lasts from its first one before it starts again. */
export const NAME_WINDOW_MINUTES = 15;
// Failed sign-ins one address may make in a window. High enough for an office behind one address (and
// for the test run, whose specs all sign in from 127.0.0.1), low enough to stop spraying passwords.
export const ADDRESS_FAILURE_LIMIT = 300;
export const ADDRESS_WINDOW_MINUTES = 15;

/**
 * Distinct refused tokens audited per address and window; past it a refused token is answered as ever (401)
 * but adds no audit row, so forged tokens cannot fill the audit log. Counted in the same table as failed
 * sign-ins under their own key (tokenRefusalKey): a stale browser tab must not lock its office out of signing in.
 */
export const TOKEN_REFUSALS_AUDITED = 100;
export const tokenRefusalKey = (address: string) => `token ${address}`;

/** When the address (or a key of tokenRefusalKey) is clear again, if it has reached `limit` in its window. */
export async function addressBlockedUntil(
  manager: EntityManager,
  address: string,
  limit = ADDRESS_FAILURE_LIMIT,
): Promise<Date | null> {
  const [row] = await manager.query(
    `SELECT window_started_at + make_interval(mins => $3) AS until FROM login_failures_by_address
     WHERE source_address = $1 AND failures >= $2 AND window_started_at > now() - make_interval(mins => $3)`,
    [address, limit, ADDRESS_WINDOW_MINUTES],
  );
  return row?.until ?? null;
}

/** Counts a failed sign-in against the address, in a window that starts again once it has passed. */
export async function recordAddressFailure(manager: EntityManager, address: string): Promise<void> {
  await manager.query(
    `INSERT INTO login_failures_by_address AS f (source_address, window_started_at, failures)
     VALUES ($1, now(), 1)
     ON CONFLICT (source_address) DO UPDATE SET
       failures = CASE WHEN f.window_started_at <= now() - make_interval(mins => $2) THEN 1 ELSE f.failures + 1 END,
       window_started_at = CASE WHEN f.window_started_at <= now() - make_interval(mins => $2)
         THEN now() ELSE f.window_started_at END`,
    [address, ADDRESS_WINDOW_MINUTES],
  );
}

/** Until when a name no account has is locked, if it is. */
export async function unknownNameLockedUntil(manager: EntityManager, username: string): Promise<Date | null> {
  const [row] = await manager.query(
    'SELECT locked_until FROM login_failures_by_username WHERE username = $1 AND locked_until > now()',
    [username],
  );
  return row?.locked_until ?? null;
}

/**
 * Counts a wrong password against the account (userId) or, for a name no account has, against the name;
 * the one that reaches the limit locks it, audited. A count whose window has passed or whose lock has run
 * out starts again.
 */
export async function recordWrongPassword(
  manager: EntityManager,
  username: string,
  userId: string | undefined,
): Promise<void> {
  // An account's count lives on its users row (where an admin sees and lifts the lock), a name no account
  // has gets a row of its own with the same columns.
  const [table, key] = userId ? ['users', 'id'] : ['login_failures_by_username', 'username'];
  if (!userId) {
    await manager.query(
      `INSERT INTO login_failures_by_username (username, failed_logins, failed_logins_since)
       VALUES ($1, 0, now()) ON CONFLICT (username) DO NOTHING`,
      [username],
    );
  }
  const restarts = `(locked_until <= now() OR COALESCE(failed_logins_since <= now() - make_interval(mins => $4), true))`;
  const [row] = await returningRows<{ failed_logins: number; locked_until: Date | null }>(
    manager,
    `UPDATE ${table} SET
       failed_logins = CASE WHEN ${restarts} THEN 1 ELSE failed_logins + 1 END,
       failed_logins_since = CASE WHEN ${restarts} THEN now() ELSE failed_logins_since END,
       locked_until = CASE WHEN (CASE WHEN ${restarts} THEN 1 ELSE failed_logins + 1 END) >= $2
         THEN now() + make_interval(mins => $3) END
     WHERE ${key} = $1 RETURNING failed_logins, locked_until`,
    [userId ?? username, MAX_FAILED_LOGINS, LOCKOUT_MINUTES, NAME_WINDOW_MINUTES],
  );
  if (!row.locked_until) return;
  await appendAuditEvent(manager, {
    eventKey: `auth.locked:${userId ?? `username:${username}`}:${row.locked_until.toISOString()}`,
    actor: SYSTEM_ACTOR,
    action: 'auth.locked',
    entityType: userId ? 'user' : 'username',
    entityId: userId ?? username,
    after: {
      username,
      accountExists: userId !== undefined,
      failedLogins: row.failed_logins,
      lockedUntil: row.locked_until,
    },
    reason: `连续 ${row.failed_logins} 次密码错误`,
  });
}

/** Sessions are kept this long after they expired (revoked ones too), then pruned. */
export const SESSION_KEEP_DAYS = 30;
/** The most rows of each kind one sign-in prunes. */
export const PRUNE_BATCH = 100;

/**
 * Deletes a batch of what has run its course: sessions expired over SESSION_KEEP_DAYS ago, address
 * windows that have passed, and name counts whose window has passed with no lock in force (such a row
 * answers exactly as no row, so pruning it tells nothing). Each sign-in adds at most one row of a kind
 * and prunes up to PRUNE_BATCH, so the tables keep to what is live; rows another sign-in holds are left
 * to the next one.
 */
export async function pruneSignInRecords(manager: EntityManager): Promise<void> {
  await manager.query(
    `WITH sessions AS (
       DELETE FROM user_sessions WHERE id IN (
         SELECT id FROM user_sessions WHERE expires_at < now() - make_interval(days => $1)
         LIMIT $2 FOR UPDATE SKIP LOCKED)
     ), addresses AS (
       DELETE FROM login_failures_by_address WHERE source_address IN (
         SELECT source_address FROM login_failures_by_address
         WHERE window_started_at <= now() - make_interval(mins => $3)
         LIMIT $2 FOR UPDATE SKIP LOCKED)
     ), names AS (
       DELETE FROM login_failures_by_username WHERE username IN (
         SELECT username FROM login_failures_by_username
         WHERE failed_logins_since <= now() - make_interval(mins => $4)
           AND (locked_until IS NULL OR locked_until <= now())
         LIMIT $2 FOR UPDATE SKIP LOCKED)
     )
     SELECT 1`,
    [SESSION_KEEP_DAYS, PRUNE_BATCH, ADDRESS_WINDOW_MINUTES, NAME_WINDOW_MINUTES],
  );
}

export function accountLocked(until: Date): AppException {
  return new AppException(
    'ACCOUNT_LOCKED',
    423,
    `账户因连续 ${MAX_FAILED_LOGINS} 次密码错误已被锁定，请于 ${beijingTime(until)}（北京时间）后再试，或请系统管理员解锁`,
    { lockedUntil: until.toISOString() },
  );
}

export function addressBlocked(until: Date): AppException {
  return new AppException(
    'TOO_MANY_LOGIN_FAILURES',
    429,
    `该地址登录失败次数过多，请于 ${beijingTime(until)}（北京时间）后再试`,
    { retryAt: until.toISOString() },
  );
}
