// 登录 signing in: the sessions a token names (user_sessions), and the counts of failed sign-ins per source
// address and per name no account has (login_failures_by_*), with the count of wrong passwords an account
// keeps on its users row. Every statement on those tables lives here; the limits and windows are the API's
// policy (login-throttle.ts), passed in.

import type { Role } from '@libs/domain';
import { type Queryable, returningRows } from '../sql';

export type SessionRevokedReason =
  'logout' | 'passwordChanged' | 'passwordReset' | 'accountChanged' | 'disabled';

/** A session with its user's current record, as the guard reads it on each request. */
export interface SessionWithUser {
  session_id: string;
  revoked: boolean;
  expired: boolean;
  user_id: string;
  username: string;
  display_name: string;
  role: Role;
  jurisdiction_id: string;
  jurisdiction_path: string;
  department: string | null;
  enabled: boolean;
  must_change_password: boolean;
}

/** Where a sign-in comes from: kept with its session, and counted when it fails. */
export interface LoginSource {
  address: string;
  userAgent: string | null;
}

/** How long each kind of sign-in record lasts, and how much one prune deletes. */
export interface SignInRecordsKept {
  sessionKeepDays: number;
  addressWindowMinutes: number;
  nameWindowMinutes: number;
  pruneBatch: number;
}

/** When wrong passwords lock a name: how many within how long, and for how long. */
export interface LockoutRule {
  maxFailedLogins: number;
  lockoutMinutes: number;
  nameWindowMinutes: number;
}

export class SignInRepository {
  /** The session and its user in one look-up by primary keys; undefined when it is not that user's. */
  async findSessionWithUser(
    db: Queryable,
    sessionId: string,
    userId: string,
  ): Promise<SessionWithUser | undefined> {
    const [row]: SessionWithUser[] = await db.query(
      `SELECT s.id AS session_id, s.revoked_at IS NOT NULL AS revoked, s.expires_at <= now() AS expired, u.id AS user_id, u.username,
         u.display_name, u.role, u.jurisdiction_id, j.path AS jurisdiction_path, u.department, u.enabled,
         u.must_change_password
       FROM user_sessions s JOIN users u ON u.id = s.user_id JOIN jurisdictions j ON j.id = u.jurisdiction_id
       WHERE s.id = $1 AND s.user_id = $2`,
      [sessionId, userId],
    );
    return row;
  }

  async insertSession(
    db: Queryable,
    session: { id: string; userId: string; expiresAt: Date; source: LoginSource },
  ): Promise<void> {
    await db.query(
      `INSERT INTO user_sessions (id, user_id, expires_at, source_address, user_agent)
       VALUES ($1, $2, $3, $4, $5)`,
      [
        session.id,
        session.userId,
        session.expiresAt,
        session.source.address.slice(0, 64),
        session.source.userAgent?.slice(0, 256) ?? null,
      ],
    );
  }

  /** Revokes one live session; false when it was no longer live. */
  async revokeSession(db: Queryable, sessionId: string, reason: SessionRevokedReason): Promise<boolean> {
    const rows = await returningRows(
      db,
      `UPDATE user_sessions SET revoked_at = now(), revoked_reason = $2
       WHERE id = $1 AND revoked_at IS NULL RETURNING id`,
      [sessionId, reason],
    );
    return rows.length > 0;
  }

  /** Revokes the user's live sessions (but the one kept, if any); answers how many it ended. */
  async revokeSessionsOf(
    db: Queryable,
    userId: string,
    reason: SessionRevokedReason,
    keepSessionId: string | null = null,
  ): Promise<number> {
    const rows = await returningRows(
      db,
      `UPDATE user_sessions SET revoked_at = now(), revoked_reason = $2
       WHERE user_id = $1 AND revoked_at IS NULL AND ($3::uuid IS NULL OR id <> $3::uuid) RETURNING id`,
      [userId, reason, keepSessionId],
    );
    return rows.length;
  }

  /** When the address (or another key counted the same way) is clear again, if it has reached `limit`. */
  async findAddressBlockedUntil(
    db: Queryable,
    address: string,
    limit: number,
    windowMinutes: number,
  ): Promise<Date | null> {
    const [row]: { until: Date }[] = await db.query(
      `SELECT window_started_at + make_interval(mins => $3) AS until FROM login_failures_by_address
       WHERE source_address = $1 AND failures >= $2 AND window_started_at > now() - make_interval(mins => $3)`,
      [address, limit, windowMinutes],
    );
    return row?.until ?? null;
  }

  /** Counts a failure against the address, in a window that starts again once it has passed. */
  async countAddressFailure(db: Queryable, address: string, windowMinutes: number): Promise<void> {
    await db.query(
      `INSERT INTO login_failures_by_address AS f (source_address, window_started_at, failures)
       VALUES ($1, now(), 1)
       ON CONFLICT (source_address) DO UPDATE SET
         failures = CASE WHEN f.window_started_at <= now() - make_interval(mins => $2) THEN 1 ELSE f.failures + 1 END,
         window_started_at = CASE WHEN f.window_started_at <= now() - make_interval(mins => $2)
           THEN now() ELSE f.window_started_at END`,
      [address, windowMinutes],
    );
  }

  /** Until when a name no account has is locked, if it is. */
  async findNameLockedUntil(db: Queryable, username: string): Promise<Date | null> {
    const [row]: { locked_until: Date }[] = await db.query(
      'SELECT locked_until FROM login_failures_by_username WHERE username = $1 AND locked_until > now()',
      [username],
    );
    return row?.locked_until ?? null;
  }

  /**
   * Counts a wrong password against the account (userId) or, for a name no account has, against the name;
   * a count whose window has passed or whose lock has run out starts again. The count, and the lock when
   * this one reached the rule's limit.
   */
  async countWrongPassword(
    db: Queryable,
    username: string,
    userId: string | undefined,
    rule: LockoutRule,
  ): Promise<{ failed_logins: number; locked_until: Date | null }> {
    // An account's count lives on its users row (where an admin sees and lifts the lock), a name no account
    // has gets a row of its own with the same columns.
    const [table, key] = userId ? ['users', 'id'] : ['login_failures_by_username', 'username'];
    if (!userId) {
      await db.query(
        `INSERT INTO login_failures_by_username (username, failed_logins, failed_logins_since)
         VALUES ($1, 0, now()) ON CONFLICT (username) DO NOTHING`,
        [username],
      );
    }
    const restarts = `(locked_until <= now() OR COALESCE(failed_logins_since <= now() - make_interval(mins => $4), true))`;
    const [row] = await returningRows<{ failed_logins: number; locked_until: Date | null }>(
      db,
      `UPDATE ${table} SET
         failed_logins = CASE WHEN ${restarts} THEN 1 ELSE failed_logins + 1 END,
         failed_logins_since = CASE WHEN ${restarts} THEN now() ELSE failed_logins_since END,
         locked_until = CASE WHEN (CASE WHEN ${restarts} THEN 1 ELSE failed_logins + 1 END) >= $2
           THEN now() + make_interval(mins => $3) END
       WHERE ${key} = $1 RETURNING failed_logins, locked_until`,
      [userId ?? username, rule.maxFailedLogins, rule.lockoutMinutes, rule.nameWindowMinutes],
    );
    return row;
  }

  /**
   * Deletes a batch of what has run its course: sessions expired over sessionKeepDays ago, address windows
   * that have passed, and name counts whose window has passed with no lock in force. Rows another sign-in
   * holds are left to the next one.
   */
  async pruneRecords(db: Queryable, kept: SignInRecordsKept): Promise<void> {
    await db.query(
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
      [kept.sessionKeepDays, kept.pruneBatch, kept.addressWindowMinutes, kept.nameWindowMinutes],
    );
  }
}
