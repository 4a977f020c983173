// Taking records out of the system, or looking for a person in them, is itself audited (issue 14): who ran
// which report, search or export, over which place and window.

import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { appendAuditEvent } from '@libs/persistence';
import { actorOf, type AuthUser } from '../auth/auth-user';

export interface AccessEvent {
  action: string;
  entityType: string;
  entityId: string;
  after: Record<string, unknown>;
}

/**
 * Appends the run as an event of the user's own chain (no case: the event is the reader's, whatever case the
 * filters name), in a transaction of its own; a random key, since every run counts, a repeated one too.
 */
export async function appendAccessEvent(
  dataSource: DataSource,
  user: AuthUser,
  event: AccessEvent,
): Promise<void> {
  await dataSource.transaction((manager) =>
    appendAuditEvent(manager, {
      eventKey: `${event.action}:${randomUUID()}`,
      actor: actorOf(user),
      ...event,
    }),
  );
}
