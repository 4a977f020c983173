// 审计 audit log: append-only hash chains. Each case's events are one chain (`case:<id>`), and an event
// outside a case joins its actor's chain (`actor:<user id>`; the workflow's own events, `actor:system`), so
// appends for different cases never wait on each other. Each row is hashed with the one before it in its
// chain, so an edit or a gap shows; audit_chain_heads keeps each chain's newest (seq, hash), sealed at
// intervals into the county's signed checkpoints (audit-checkpoints.ts), so that removing the newest rows
// shows too. The rows written before the chains are the chain 'global', hashed without chain, seq and
// request id.

import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Actor } from '@libs/contracts';
import { canonicalJson, storableValue } from '@libs/domain';
import { afterCursor, inSubtree, inWindow, type Queryable, type RecordsWindow, Where } from '../sql';

/** A row of `audit_events`, as PostgreSQL returns it. */
export interface AuditEventRow {
  /** bigserial: PostgreSQL returns it as a string. */
  id: string;
  event_key: string;
  occurred_at: Date;
  actor_id: string;
  actor_username: string;
  actor_role: string;
  actor_jurisdiction_id: string;
  action: string;
  entity_type: string;
  entity_id: string;
  case_id: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  reason: string | null;
  request_id: string | null;
  chain: string;
  /** bigint: a string. */
  seq: string;
  prev_hash: string;
  hash: string;
}

/** An event as the audit views show it: all but its key and the chain's hashes. */
export type AuditEventEntry = Omit<
  AuditEventRow,
  'event_key' | 'actor_id' | 'prev_hash' | 'hash' | 'chain' | 'seq' | 'request_id'
>;

/** One escalation of a task as its audit event recorded it: the level, when, and who was told. */
export interface EscalationRow {
  task_id: string;
  level: number;
  escalated_at: Date;
  jurisdiction_name: string | null;
  notified_names: string[];
}

export interface AuditEventInput {
  /** Idempotency key chosen by the writer: writing the same event twice adds one row. */
  eventKey: string;
  actor: Actor;
  action: string;
  entityType: string;
  entityId: string;
  caseId?: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

/** What the events appended while it runs carry besides their input: the API request they come from. */
export interface AuditContext {
  requestId?: string;
}

/** Set by the API per request, so that no service passes the id along (the worker's events carry none). */
export const auditContext = new AsyncLocalStorage<AuditContext>();

export const AUDIT_GENESIS_HASH = '0'.repeat(64);
/** The one chain of the rows written before there was a chain per case. */
export const LEGACY_AUDIT_CHAIN = 'global';
/** Checkpoints of the chains that belong to no county (the legacy chain, the workflow's own actor). */
export const PLATFORM_CHECKPOINTS = 'platform';

/** The chain an event joins: its case's, else its actor's. */
export function auditChainOf(event: Pick<AuditEventInput, 'caseId' | 'actor'>): string {
  return event.caseId ? `case:${event.caseId}` : `actor:${event.actor.userId}`;
}

export function auditHash(prevHash: string, row: Record<string, unknown>): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(row)).digest('hex');
}

/** What a row's hash covers, read back from PostgreSQL (the legacy chain's rows: without chain, seq, request id). */
export function hashedAuditRow(row: Record<string, unknown>): Record<string, unknown> {
  const hashed: Record<string, unknown> = {
    eventKey: row.event_key,
    occurredAt: (row.occurred_at as Date).toISOString(),
    actorId: row.actor_id,
    actorUsername: row.actor_username,
    actorRole: row.actor_role,
    actorJurisdictionId: row.actor_jurisdiction_id,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    caseId: row.case_id,
    before: row.before,
    after: row.after,
    reason: row.reason,
  };
  if (row.chain === LEGACY_AUDIT_CHAIN) return hashed;
  return { ...hashed, chain: row.chain, seq: Number(row.seq), requestId: row.request_id };
}

/**
 * Appends one event inside the caller's transaction; returns false when it was already written. The chain's
 * head row, locked FOR UPDATE until the caller commits, orders the appends of one chain and only them.
 */
export async function appendAuditEvent(manager: EntityManager, event: AuditEventInput): Promise<boolean> {
  const [written] = await appendAuditEvents(manager, [event]);
  return written;
}

/**
 * Appends events inside the caller's transaction, in their order: each run of events of one chain locks the
 * chain's head once and goes in with one statement. Says of each event whether it was written now (false:
 * written before, by an earlier attempt of the same work).
 */
export async function appendAuditEvents(
  manager: EntityManager,
  events: readonly AuditEventInput[],
): Promise<boolean[]> {
  const written: boolean[] = [];
  for (let start = 0; start < events.length;) {
    const chain = auditChainOf(events[start]);
    let end = start + 1;
    while (end < events.length && auditChainOf(events[end]) === chain) end += 1;
    const added = await appendToChain(manager, chain, events.slice(start, end));
    written.push(...Array<boolean>(end - start).fill(added));
    start = end;
  }
  return written;
}

/** An event's columns as hashed, in the order appendToChain inserts them (then prev_hash and hash). */
const ROW_COLUMNS = [
  'event_key',
  'occurred_at',
  'actor_id',
  'actor_username',
  'actor_role',
  'actor_jurisdiction_id',
  'action',
  'entity_type',
  'entity_id',
  'case_id',
  'before',
  'after',
  'reason',
  'request_id',
  'chain',
  'seq',
] as const;
/** The columns an event is written with (the platform's appends, the seed's COPY). */
export const AUDIT_EVENT_COLUMNS = [...ROW_COLUMNS, 'prev_hash', 'hash'] as const;

/**
 * Appends events of one chain after its head: all of them, or none when they were written before (their keys
 * are taken). A retried transaction writes them all again or not at all, so a part written is a fault.
 */
async function appendToChain(
  manager: EntityManager,
  chain: string,
  events: readonly AuditEventInput[],
): Promise<boolean> {
  const head = await lockChainHead(manager, chain, events[0]);
  const requestId = auditContext.getStore()?.requestId ?? null;
  let seq = Number(head.seq);
  let prevHash = head.hash;
  const values: unknown[] = [];
  for (const event of events) {
    seq += 1;
    // Hashed as PostgreSQL will store it (no lone surrogate, no NUL), so the verifier reads back exactly
    // what was hashed, and neither a text column nor jsonb refuses the row.
    const row = storableValue({
      event_key: event.eventKey,
      occurred_at: new Date(),
      actor_id: event.actor.userId,
      actor_username: event.actor.username,
      actor_role: event.actor.role,
      actor_jurisdiction_id: event.actor.jurisdictionId,
      action: event.action,
      entity_type: event.entityType,
      entity_id: event.entityId,
      case_id: event.caseId ?? null,
      before: event.before ?? null,
      after: event.after ?? null,
      reason: event.reason ?? null,
      request_id: requestId,
      chain,
      seq: String(seq),
    });
    const hash = auditHash(prevHash, hashedAuditRow(row));
    values.push(
      ...ROW_COLUMNS.map((column) =>
        (column === 'before' || column === 'after') && row[column] !== null
          ? JSON.stringify(row[column])
          : row[column],
      ),
      prevHash,
      hash,
    );
    prevHash = hash;
  }
  const width = AUDIT_EVENT_COLUMNS.length;
  const tuples = events.map(
    (_, i) => `(${AUDIT_EVENT_COLUMNS.map((_column, j) => `$${i * width + j + 1}`).join(', ')})`,
  );
  // The events and the chain's new head in one statement; a key already taken adds nothing and leaves the
  // head where it was.
  const [{ added }]: { added: number }[] = await manager.query(
    `WITH added AS (
       INSERT INTO audit_events (${AUDIT_EVENT_COLUMNS.join(', ')})
       VALUES ${tuples.join(', ')}
       ON CONFLICT (event_key) DO NOTHING
       RETURNING seq),
     moved AS (
       UPDATE audit_chain_heads SET seq = $${values.length + 1}, hash = $${values.length + 2}
       WHERE chain = $${values.length + 3} AND (SELECT count(*) FROM added) = $${values.length + 4})
     SELECT count(*)::int AS added FROM added`,
    [...values, seq, prevHash, chain, events.length],
  );
  if (added === events.length) return true;
  if (added === 0) return false;
  throw new Error(
    `audit chain ${chain}: ${added} of ${events.length} events were new, the rest written before`,
  );
}

/**
 * Locks the chain's head row, made on the chain's first event with the county whose checkpoints seal it. The
 * statements after the lock see what a concurrent append of the same events committed while this one waited.
 */
async function lockChainHead(
  manager: EntityManager,
  chain: string,
  event: AuditEventInput,
): Promise<{ seq: string; hash: string }> {
  const lock = async (): Promise<{ seq: string; hash: string } | undefined> => {
    const [head] = await manager.query(
      'SELECT seq, hash FROM audit_chain_heads WHERE chain = $1 FOR UPDATE',
      [chain],
    );
    return head;
  };
  const head = await lock();
  if (head) return head;
  // The county of the case, else of the actor's jurisdiction (the first segment of a path is its county).
  await manager.query(
    `INSERT INTO audit_chain_heads (chain, county_id, seq, hash)
     SELECT $1, coalesce(
       (SELECT split_part(j.path, '.', 1) FROM cases c JOIN jurisdictions j ON j.id = c.village_id WHERE c.id = $2),
       (SELECT split_part(path, '.', 1) FROM jurisdictions WHERE id = $3),
       $4), 0, $5
     ON CONFLICT (chain) DO NOTHING`,
    [chain, event.caseId ?? null, event.actor.jurisdictionId, PLATFORM_CHECKPOINTS, AUDIT_GENESIS_HASH],
  );
  return (await lock())!;
}

/** The case's history: its events, oldest first. */
export async function findCaseEvents(db: Queryable, caseId: string): Promise<AuditEventEntry[]> {
  return db.query(
    `SELECT id, occurred_at, actor_username, actor_role, actor_jurisdiction_id, action, entity_type, entity_id,
       case_id, before, after, reason
     FROM audit_events WHERE case_id = $1 ORDER BY id`,
    [caseId],
  );
}

/** The case's stage changes (and, for task events of the first workflow version, maybe ones), oldest first. */
export async function findStageEvents(
  db: Queryable,
  caseId: string,
): Promise<Pick<AuditEventRow, 'action' | 'occurred_at' | 'before' | 'after'>[]> {
  return db.query(
    `SELECT action, occurred_at, before, after FROM audit_events
     WHERE case_id = $1 AND action IN ('case.created', 'case.stageChanged', 'case.closed', 'task.opened',
       'task.completed')
     ORDER BY id`,
    [caseId],
  );
}

/**
 * The escalations of these tasks (of these cases, for the audit log's case index), oldest first, with the
 * supervisors the escalation activity notified and the jurisdiction they answer for.
 */
export async function findEscalations(
  db: Queryable,
  caseIds: string[],
  taskIds: string[],
): Promise<EscalationRow[]> {
  if (taskIds.length === 0) return [];
  return db.query(
    `SELECT e.entity_id AS task_id, (e.after->>'escalationLevel')::int AS level, e.occurred_at AS escalated_at,
       j.name AS jurisdiction_name,
       coalesce((
         SELECT array_agg(u.display_name ORDER BY u.display_name)
         FROM jsonb_array_elements_text(coalesce(e.after->'notifiedUserIds', '[]'::jsonb)) AS n(user_id)
         JOIN users u ON u.id::text = n.user_id
       ), '{}') AS notified_names
     FROM audit_events e
     LEFT JOIN jurisdictions j ON j.id = e.after->>'notifiedJurisdictionId'
     WHERE e.case_id = ANY($1::uuid[]) AND e.action = 'task.escalated' AND e.entity_id = ANY($2::text[])
     ORDER BY e.id`,
    [caseIds, taskIds],
  );
}

/** Which events the audit search asks for: where, when, and perhaps one action, actor, case or household. */
export interface AuditEventsFilter extends RecordsWindow {
  scopePath: string;
  /** A township or village whose subtree narrows the scope (the scope still applies). */
  jurisdictionId?: string;
  action?: string;
  /** The actor's username. */
  actor?: string;
  caseId?: string;
  /** The events of the household's cases (reveals of its members' personal data among them). */
  householdId?: string;
  /** The events of every case of the households this person is a member of. */
  idNumber?: string;
}

/**
 * One keyset page of the events in the subtree, newest first (an export's batch: oldest first) past the
 * (occurred_at, id) cursor; at_key is occurred_at as PostgreSQL's own ISO text (microseconds kept), the next
 * cursor's time.
 */
export async function findEventPage(
  db: Queryable,
  filter: AuditEventsFilter,
  after: { at: string; id: string } | undefined,
  limit: number,
  order: 'newest' | 'oldest' = 'newest',
): Promise<(AuditEventEntry & { at_key: string })[]> {
  const where = new Where();
  // An event of a case is where the case is; one without a case, where its actor works.
  inSubtree(where, 'coalesce(c.jurisdiction_path, aj.path)', filter.scopePath);
  inWindow(where, 'e.occurred_at', filter);
  if (filter.action) where.add(`e.action = ${where.p(filter.action)}`);
  if (filter.actor) where.add(`e.actor_username = ${where.p(filter.actor)}`);
  if (filter.caseId) where.add(`e.case_id = ${where.p(filter.caseId)}`);
  if (filter.jurisdictionId) {
    // The place's subtree by its path; a place that does not exist matches nothing.
    where.add(
      `EXISTS (SELECT 1 FROM jurisdictions wj WHERE wj.id = ${where.p(filter.jurisdictionId)}
         AND (coalesce(c.jurisdiction_path, aj.path) = wj.path
           OR coalesce(c.jurisdiction_path, aj.path) LIKE wj.path || '.%'))`,
    );
  }
  // A household's and a person's events by their cases' ids, so the case index finds them.
  if (filter.householdId) {
    where.add(
      `e.case_id IN (SELECT id FROM cases WHERE household_id = ${where.p(filter.householdId)}::uuid)`,
    );
  }
  if (filter.idNumber) {
    where.add(
      `e.case_id IN (SELECT hc.id FROM cases hc JOIN household_members hm ON hm.household_id = hc.household_id
         WHERE hm.id_number = ${where.p(filter.idNumber)})`,
    );
  }
  afterCursor(where, ['e.occurred_at', 'e.id'], after, order);
  return db.query(
    `SELECT e.id, e.occurred_at, to_json(e.occurred_at) #>> '{}' AS at_key, e.actor_username, e.actor_role,
       e.actor_jurisdiction_id, e.action, e.entity_type, e.entity_id, e.case_id, e.before, e.after, e.reason
     FROM audit_events e
     LEFT JOIN cases c ON c.id = e.case_id
     LEFT JOIN jurisdictions aj ON aj.id = e.actor_jurisdiction_id
     WHERE ${where.toSql()}
     ORDER BY ${order === 'newest' ? 'e.occurred_at DESC, e.id DESC' : 'e.occurred_at, e.id'}
     LIMIT ${where.p(limit)}`,
    where.params,
  );
}
