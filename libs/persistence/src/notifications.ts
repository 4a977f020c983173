// 通知 notifications: one row per user in the app, plus an outbox row per configured outbound channel,
// written inside the caller's transaction so a notification exists exactly when its cause does.

import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { maskPersonalText } from '@libs/domain';

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
export async function notifyUsers(manager: EntityManager, input: NotificationInput): Promise<number> {
  let created = 0;
  for (const userId of input.userIds) {
    const [row] = await manager.query(
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
      await manager.query(
        `INSERT INTO outbound_messages (id, notification_id, channel) VALUES ($1, $2, $3)`,
        [randomUUID(), row.id, channel],
      );
    }
  }
  return created;
}
