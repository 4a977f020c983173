// 通知 notifications: one row per user in the app, plus an outbox row (outbound_messages) per configured
// outbound channel, written inside the caller's transaction so a notification exists exactly when its cause
// does; the outbox's delivery (OutboxRepository) is the worker's dispatcher.

import { randomUUID } from 'node:crypto';
import { maskPersonalText } from '@libs/domain';
import { type Queryable, returningRows } from '../sql';

export const OUTBOUND_CHANNELS = ['webhook', 'sms'] as const;
export type OutboundChannel = (typeof OUTBOUND_CHANNELS)[number];

export interface NotificationInput {
  /** Idempotency key of the cause; each recipient's row is keyed by it plus the user id. */
  eventKey: string;
  userIds: string[];
  kind: string;
  title: string;
  body: string;
  caseId?: string;
  taskId?: string;
  channels: readonly OutboundChannel[];
}

/** Returns how many notifications were new (a retried write returns 0). */
export async function notifyUsers(db: Queryable, input: NotificationInput): Promise<number> {
  let created = 0;
  for (const userId of input.userIds) {
    const [row] = await db.query(
      `INSERT INTO notifications (id, event_key, user_id, kind, title, body, case_id, task_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (event_key) DO NOTHING RETURNING id`,
      [
        randomUUID(),
        `${input.eventKey}:${userId}`,
        userId,
        input.kind,
        // Masked when written: the text goes to inboxes, webhooks and SMS, beyond any need to know.
        maskPersonalText(input.title),
        maskPersonalText(input.body),
        input.caseId ?? null,
        input.taskId ?? null,
      ],
    );
    if (!row) continue;
    created += 1;
    for (const channel of input.channels) {
      await db.query(`INSERT INTO outbound_messages (id, notification_id, channel) VALUES ($1, $2, $3)`, [
        randomUUID(),
        row.id,
        channel,
      ]);
    }
  }
  return created;
}

/** A row of `notifications`, as its recipient reads it. */
export interface NotificationRow {
  id: string;
  kind: string;
  title: string;
  body: string;
  case_id: string | null;
  task_id: string | null;
  created_at: Date;
  read_at: Date | null;
}

const NOTIFICATION_COLUMNS = 'id, kind, title, body, case_id, task_id, created_at, read_at';

/** A user's own notifications, as the app's bell lists and marks them. */
export class NotificationsRepository {
  /** The user's notifications (or the unread ones), newest first, before the (created_at, id) cursor. */
  async findPageForUser(
    db: Queryable,
    userId: string,
    unreadOnly: boolean,
    before: { at: string; id: string } | undefined,
    limit: number,
  ): Promise<NotificationRow[]> {
    const params: unknown[] = [userId];
    const where = ['user_id = $1'];
    if (unreadOnly) where.push('read_at IS NULL');
    if (before) {
      params.push(before.at, before.id);
      where.push(`(created_at, id) < ($2, $3)`);
    }
    params.push(limit);
    return db.query(
      `SELECT ${NOTIFICATION_COLUMNS} FROM notifications
       WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT $${params.length}`,
      params,
    );
  }

  async countUnread(db: Queryable, userId: string): Promise<number> {
    const [row]: { unread: number }[] = await db.query(
      'SELECT count(*)::int AS unread FROM notifications WHERE user_id = $1 AND read_at IS NULL',
      [userId],
    );
    return row.unread;
  }

  /** Marks the user's notification read (once: a second time keeps the first); undefined when not theirs. */
  async markRead(db: Queryable, userId: string, id: string): Promise<NotificationRow | undefined> {
    const [row] = await returningRows<NotificationRow>(
      db,
      `UPDATE notifications SET read_at = coalesce(read_at, now())
       WHERE id::text = $1 AND user_id = $2
       RETURNING ${NOTIFICATION_COLUMNS}`,
      [id, userId],
    );
    return row;
  }

  /** Marks every unread notification of the user read; how many it marked. */
  async markAllRead(db: Queryable, userId: string): Promise<number> {
    const rows = await returningRows(
      db,
      'UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL RETURNING id',
      [userId],
    );
    return rows.length;
  }
}

/** An outbox message with its notification and recipient, as a channel sends it. */
export interface OutboundMessage {
  id: string;
  notificationId: string;
  kind: string;
  title: string;
  body: string;
  caseId: string | null;
  taskId: string | null;
  recipient: { userId: string; username: string; displayName: string; phone: string | null };
}

/** A message taken for sending: its channel and how many attempts it has had, this one included. */
export type LeasedMessage = OutboundMessage & { channel: OutboundChannel; attempts: number };

export class OutboxRepository {
  /**
   * The messages waiting to be sent, and how long the longest-due of them has waited (seconds, 0 when none is
   * due yet): the outbox's backlog for the worker's metrics. Read through the index of pending messages.
   */
  async backlog(db: Queryable): Promise<{ pending: number; oldestDueSeconds: number }> {
    const [row]: { pending: number; oldest_due_seconds: number }[] = await db.query(
      `SELECT count(*)::int AS pending,
              coalesce(extract(epoch FROM now() - min(next_attempt_at)), 0)::float8 AS oldest_due_seconds
       FROM outbound_messages WHERE status = 'pending'`,
    );
    return { pending: row.pending, oldestDueSeconds: Math.max(row.oldest_due_seconds, 0) };
  }

  /**
   * Takes up to `limit` due messages, soonest due first, and leases them for `lease` (an interval): a
   * concurrent dispatcher skips them (SKIP LOCKED), and a dispatcher that dies leaves them due again after.
   */
  async leaseDue(db: Queryable, limit: number, lease: string): Promise<LeasedMessage[]> {
    return returningRows<LeasedMessage>(
      db,
      `WITH due AS (
         SELECT id FROM outbound_messages WHERE status = 'pending' AND next_attempt_at <= now()
         ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
       UPDATE outbound_messages m SET attempts = m.attempts + 1, next_attempt_at = now() + $2::interval
       FROM due, notifications n, users u
       WHERE m.id = due.id AND n.id = m.notification_id AND u.id = n.user_id
       RETURNING m.id, m.channel, m.attempts, n.id AS "notificationId", n.kind, n.title, n.body,
         n.case_id AS "caseId", n.task_id AS "taskId",
         json_build_object('userId', u.id, 'username', u.username, 'displayName', u.display_name, 'phone', u.phone)
           AS recipient`,
      [limit, lease],
    );
  }

  async markSent(db: Queryable, messageId: string): Promise<void> {
    await db.query(
      `UPDATE outbound_messages SET status = 'sent', sent_at = now(), last_error = NULL WHERE id = $1`,
      [messageId],
    );
  }

  /** A failed attempt: tried again after `backoffMs`, or given up on (`failed`). */
  async markFailed(
    db: Queryable,
    messageId: string,
    status: 'pending' | 'failed',
    error: string,
    backoffMs: number,
  ): Promise<void> {
    await db.query(
      `UPDATE outbound_messages SET status = $2, last_error = $3,
         next_attempt_at = now() + make_interval(secs => $4::double precision / 1000)
       WHERE id = $1`,
      [messageId, status, error, backoffMs],
    );
  }
}
