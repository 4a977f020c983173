// Limits on guessing passwords: a name given at sign-in locks after consecutive wrong passwords, and a
// source address that fails too often is refused for a while. Both counts live in the database, so every
// API process sees the same ones. A name no account has is counted and locked exactly as an account is,
// so the lockout never tells which names exist.

import type { EntityManager } from 'typeorm';
import { SYSTEM_ACTOR } from '@libs/contracts';
import { appendAuditEvent, type Queryable, SignInRepository } from '@libs/persistence';
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

// The policy above applied to the sign-in records: the functions below name the limits and windows, the
// repository keeps the statements. It needs nothing injected.
const signIn = new SignInRepository();

/** When the address (or a key of tokenRefusalKey) is clear again, if it has reached `limit` in its window. */
export function addressBlockedUntil(
  db: Queryable,
  address: string,
  limit = ADDRESS_FAILURE_LIMIT,
): Promise<Date | null> {
  return signIn.findAddressBlockedUntil(db, address, limit, ADDRESS_WINDOW_MINUTES);
}

/** Counts a failed sign-in against the address, in a window that starts again once it has passed. */
export function recordAddressFailure(db: Queryable, address: string): Promise<void> {
  return signIn.countAddressFailure(db, address, ADDRESS_WINDOW_MINUTES);
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
  const row = await signIn.countWrongPassword(manager, username, userId, {
    maxFailedLogins: MAX_FAILED_LOGINS,
    lockoutMinutes: LOCKOUT_MINUTES,
    nameWindowMinutes: NAME_WINDOW_MINUTES,
  });
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
export function pruneSignInRecords(db: Queryable): Promise<void> {
  return signIn.pruneRecords(db, {
    sessionKeepDays: SESSION_KEEP_DAYS,
    pruneBatch: PRUNE_BATCH,
    addressWindowMinutes: ADDRESS_WINDOW_MINUTES,
    nameWindowMinutes: NAME_WINDOW_MINUTES,
  });
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
