// 登录会话 sign-in sessions: a token names one, and is good only while its row is live. Whatever changes
// who a user is (role, place, department, password, disabling) revokes their rows in the same transaction.

import type { EntityManager } from 'typeorm';
import type { Role } from '@libs/domain';
import { returningRows } from '@libs/persistence';

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

/** The session and its user in one look-up by primary keys; undefined when it is not that user's. */
export async function findSessionWithUser(
  manager: EntityManager,
  sessionId: string,
  userId: string,
): Promise<SessionWithUser | undefined> {
  const [row]: SessionWithUser[] = await manager.query(
    `SELECT s.id AS session_id, s.revoked_at IS NOT NULL AS revoked, s.expires_at <= now() AS expired, u.id AS user_id, u.username,
       u.display_name, u.role, u.jurisdiction_id, j.path AS jurisdiction_path, u.department, u.enabled,
       u.must_change_password
     FROM user_sessions s JOIN users u ON u.id = s.user_id JOIN jurisdictions j ON j.id = u.jurisdiction_id
     WHERE s.id = $1 AND s.user_id = $2`,
    [sessionId, userId],
  );
  return row;
}

/** Where a sign-in comes from: kept with its session, and counted when it fails. */
export interface LoginSource {
  address: string;
  userAgent: string | null;
}

export async function createSession(
  manager: EntityManager,
  session: { id: string; userId: string; expiresAt: Date; source: LoginSource },
): Promise<void> {
  await manager.query(
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
export async function revokeSession(
  manager: EntityManager,
  sessionId: string,
  reason: SessionRevokedReason,
): Promise<boolean> {
  const rows = await returningRows(
    manager,
    `UPDATE user_sessions SET revoked_at = now(), revoked_reason = $2
     WHERE id = $1 AND revoked_at IS NULL RETURNING id`,
    [sessionId, reason],
  );
  return rows.length > 0;
}

/** Revokes the user's live sessions (but the one kept, if any); answers how many it ended. */
export async function revokeSessionsOf(
  manager: EntityManager,
  userId: string,
  reason: SessionRevokedReason,
  keepSessionId: string | null = null,
): Promise<number> {
  const rows = await returningRows(
    manager,
    `UPDATE user_sessions SET revoked_at = now(), revoked_reason = $2
     WHERE user_id = $1 AND revoked_at IS NULL AND ($3::uuid IS NULL OR id <> $3::uuid) RETURNING id`,
    [userId, reason, keepSessionId],
  );
  return rows.length;
}
