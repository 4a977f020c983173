import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { CaseStage, Role } from '@libs/domain';
import { containing, returningRows } from '@libs/persistence';
import type { TaskRow } from '../cases/case-view';

// A task with what its inbox line shows: where it belongs, whose household it is, who holds it. Names
// come from scalar subqueries rather than joins: a page is a few rows, and join planning cost more
// than the whole execution.
const TASK_COLUMNS = `
  t.id, t.case_id, t.kind, t.stage, t.status, t.candidate_role, t.jurisdiction_id,
  (SELECT name FROM jurisdictions WHERE id = t.jurisdiction_id) AS jurisdiction_name,
  t.assignee_id, (SELECT display_name FROM users WHERE id = t.assignee_id) AS assignee_name, t.claimed_at,
  t.urgent, t.priority, t.due_at, t.escalation_level, t.opened_at, t.closed_at, t.decision, t.reason,
  t.decided_by, (SELECT display_name FROM users WHERE id = t.decided_by) AS decided_by_name, t.village_id,
  (SELECT name FROM jurisdictions WHERE id = t.village_id) AS village_name, t.household_head AS head_name,
  t.household_head_id_number AS head_id_number, t.jurisdiction_path, t.completion_key, t.version,
  t.workflow_id, t.department, t.payload`;

export const INBOX_SORTS = ['urgency', 'priority', 'due'] as const;
export type InboxSort = (typeof INBOX_SORTS)[number];
export const ASSIGNMENTS = ['any', 'mine', 'unassigned'] as const;
export type Assignment = (typeof ASSIGNMENTS)[number];

/**
 * Who sees which open tasks: a jurisdiction subtree, a role unless the user oversees all roles, and for a
 * department officer their department's tasks only.
 */
export interface InboxScope {
  scopePath: string;
  role: Role | undefined;
  userId: string;
  /** Set for a department officer; null (an officer not yet given a department) matches no task. */
  department?: string | null;
}

// The column holding a task's place at each depth of a jurisdiction path (county.township.village).
const SCOPE_COLUMN = ['t.county_id', 't.township_id', 't.village_id'];

export interface InboxFilter {
  kind?: string;
  stage?: string;
  villageId?: string;
  /** Contained in the household head's name. */
  householdHead?: string;
  urgent?: boolean;
  overdue?: boolean;
  dueBefore?: string;
  /** Due by this instant and not overdue: 即将到期 (WorkingCalendar.dueSoonCutoff). */
  dueSoonBy?: Date;
  assignment: Assignment;
}

/** The position after the last row of a page: the sort's leading key, then due time and id. */
export interface InboxCursor {
  lead: boolean | number | null;
  dueAt: string;
  id: string;
}

// Leading sort key for each sort (descending) and its SQL type, null when the sort is by due time alone.
const LEAD: Record<InboxSort, { column: string; type: string } | null> = {
  urgency: { column: 't.urgent', type: 'boolean' },
  priority: { column: 't.priority', type: 'smallint' },
  due: null,
};

export type ScopedTaskRow = TaskRow & {
  jurisdiction_path: string;
  completion_key: string | null;
  assignee_name: string | null;
  claimed_at: Date | null;
  priority: number;
  village_id: string;
  version: number;
};

export interface TaskCounts {
  total: number;
  mine: number;
  unassigned: number;
  overdue: number;
  urgent: number;
  /** Open, not overdue, due by the instant given (the end of the next working day). */
  dueSoon: number;
  /** 已办: every task the user decided. */
  done: number;
  /** 我发起的: the open cases the user entered, in their scope. */
  initiated: number;
}

/** 已办 what the done list narrows to: the inbox's filters that apply, and a window of decision days. */
export interface DecidedFilter {
  kind?: string;
  stage?: string;
  villageId?: string;
  urgent?: boolean;
  /** YYYY-MM-DD, China-local, included. */
  decidedFrom?: string;
  /** YYYY-MM-DD, China-local, included. */
  decidedTo?: string;
}

/** A decided task with its decision time as PostgreSQL wrote it (the keyset cursor's key) and its case now. */
export type DoneTaskRow = ScopedTaskRow & {
  at_key: string;
  case_stage: CaseStage;
  case_status: string;
};

const CHINA_TIME_ZONE = 'Asia/Shanghai';

class Where {
  readonly params: unknown[] = [];
  readonly clauses: string[] = [];

  add(clause: (p: (value: unknown) => string) => string): void {
    this.clauses.push(
      clause((value) => {
        this.params.push(value);
        return `$${this.params.length}`;
      }),
    );
  }

  toSql(): string {
    return this.clauses.join(' AND ');
  }
}

function scopeWhere(scope: InboxScope): Where {
  const where = new Where();
  where.add(() => `t.status = 'open'`);
  if (scope.role) {
    // Equality on the user's level column lets one inbox index range serve the page, in order.
    const ids = scope.scopePath.split('.');
    where.add((p) => `t.candidate_role = ${p(scope.role)}`);
    where.add((p) => `${SCOPE_COLUMN[ids.length - 1]} = ${p(ids[ids.length - 1])}`);
  }
  // Equality, so the planner may also serve a department's page from tasks_department_inbox_idx.
  if (scope.department !== undefined) where.add((p) => `t.department = ${p(scope.department)}`);
  where.add(
    (p) =>
      `(t.jurisdiction_path = ${p(scope.scopePath)} OR t.jurisdiction_path LIKE ${p(`${scope.scopePath}.%`)})`,
  );
  return where;
}

@Injectable()
export class TasksRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One keyset page of the open tasks a user may work on, filtered and sorted. */
  async findOpenTasksForInbox(
    scope: InboxScope,
    filter: InboxFilter,
    sort: InboxSort,
    after: InboxCursor | undefined,
    limit: number,
  ): Promise<ScopedTaskRow[]> {
    const where = scopeWhere(scope);
    if (filter.kind) where.add((p) => `t.kind = ${p(filter.kind)}`);
    if (filter.stage) where.add((p) => `t.stage = ${p(filter.stage)}`);
    if (filter.villageId) where.add((p) => `t.village_id = ${p(filter.villageId)}`);
    if (filter.householdHead)
      where.add((p) => `t.household_head LIKE ${p(containing(filter.householdHead!))}`);
    if (filter.urgent !== undefined) where.add((p) => `t.urgent = ${p(filter.urgent)}`);
    if (filter.overdue === true) where.add(() => `t.due_at < now()`);
    if (filter.overdue === false) where.add(() => `t.due_at >= now()`);
    if (filter.dueBefore) where.add((p) => `t.due_at < ${p(filter.dueBefore)}`);
    if (filter.dueSoonBy) {
      where.add((p) => `t.due_at >= now() AND t.due_at <= ${p(filter.dueSoonBy!.toISOString())}`);
    }
    if (filter.assignment === 'mine') where.add((p) => `t.assignee_id = ${p(scope.userId)}`);
    if (filter.assignment === 'unassigned') where.add(() => `t.assignee_id IS NULL`);
    const lead = LEAD[sort];
    if (after) {
      where.add((p) => {
        const rest = `(t.due_at, t.id) > (${p(after.dueAt)}::timestamptz, ${p(after.id)})`;
        if (!lead) return rest;
        const value = `${p(after.lead)}::${lead.type}`;
        return `(${lead.column} < ${value} OR (${lead.column} = ${value} AND ${rest}))`;
      });
    }
    const order = lead ? `${lead.column} DESC, t.due_at, t.id` : 't.due_at, t.id';
    where.params.push(limit);
    return this.dataSource.query(
      `SELECT ${TASK_COLUMNS} FROM tasks t
       WHERE ${where.toSql()} ORDER BY ${order} LIMIT $${where.params.length}`,
      where.params,
    );
  }

  /**
   * Counts for the inbox's tabs, over everything in the user's scope, in one statement: the open tasks' tabs
   * in one scan, 已办 and 我发起的 each from its own index (tasks_decided_idx, cases_created_by_idx).
   * `dueSoonCutoff`: WorkingCalendar.dueSoonCutoff, as the list's dueSoon filter takes it.
   */
  async countOpenTasks(scope: InboxScope, dueSoonCutoff: Date): Promise<TaskCounts> {
    const where = scopeWhere(scope);
    where.params.push(scope.userId);
    const me = `$${where.params.length}`;
    where.params.push(dueSoonCutoff.toISOString());
    const soon = `$${where.params.length}::timestamptz`;
    where.params.push(scope.scopePath, `${scope.scopePath}.%`);
    const [path, subtree] = [`$${where.params.length - 1}`, `$${where.params.length}`];
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS total,
         count(*) FILTER (WHERE t.assignee_id = ${me})::int AS mine,
         count(*) FILTER (WHERE t.assignee_id IS NULL)::int AS unassigned,
         count(*) FILTER (WHERE t.due_at < now())::int AS overdue,
         count(*) FILTER (WHERE t.urgent)::int AS urgent,
         count(*) FILTER (WHERE t.due_at >= now() AND t.due_at <= ${soon})::int AS "dueSoon",
         (SELECT count(*) FROM tasks d WHERE d.decided_by = ${me}::uuid AND d.status = 'completed')::int
           AS done,
         (SELECT count(*) FROM cases c WHERE c.created_by = ${me}::uuid AND c.status = 'open'
            AND (c.jurisdiction_path = ${path} OR c.jurisdiction_path LIKE ${subtree}))::int AS initiated
       FROM tasks t WHERE ${where.toSql()}`,
      where.params,
    );
    return row;
  }

  /** 已办: one keyset page of the tasks the user decided, newest decision first. */
  async findDoneTasks(
    userId: string,
    filter: DecidedFilter,
    after: { at: string; id: string } | undefined,
    limit: number,
  ): Promise<DoneTaskRow[]> {
    const where = new Where();
    // Equalities and the order of tasks_decided_idx: the page is read from the index in order.
    where.add((p) => `t.decided_by = ${p(userId)}::uuid`);
    where.add(() => `t.status = 'completed'`);
    if (filter.kind) where.add((p) => `t.kind = ${p(filter.kind)}`);
    if (filter.stage) where.add((p) => `t.stage = ${p(filter.stage)}`);
    if (filter.villageId) where.add((p) => `t.village_id = ${p(filter.villageId)}`);
    if (filter.urgent !== undefined) where.add((p) => `t.urgent = ${p(filter.urgent)}`);
    if (filter.decidedFrom) {
      where.add(
        (p) => `t.closed_at >= (${p(filter.decidedFrom)}::date)::timestamp AT TIME ZONE '${CHINA_TIME_ZONE}'`,
      );
    }
    if (filter.decidedTo) {
      where.add(
        (p) =>
          `t.closed_at < (${p(filter.decidedTo)}::date + 1)::timestamp AT TIME ZONE '${CHINA_TIME_ZONE}'`,
      );
    }
    if (after) where.add((p) => `(t.closed_at, t.id) < (${p(after.at)}::timestamptz, ${p(after.id)})`);
    where.params.push(limit);
    return this.dataSource.query(
      `SELECT ${TASK_COLUMNS}, to_json(t.closed_at) #>> '{}' AS at_key,
         c.stage AS case_stage, c.status AS case_status
       FROM tasks t JOIN cases c ON c.id = t.case_id
       WHERE ${where.toSql()} ORDER BY t.closed_at DESC, t.id DESC LIMIT $${where.params.length}`,
      where.params,
    );
  }

  async findTaskById(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ScopedTaskRow | undefined> {
    const [row] = await manager.query(`SELECT ${TASK_COLUMNS} FROM tasks t WHERE t.id = $1`, [id]);
    return row;
  }

  async findTasksOfCase(caseId: string): Promise<ScopedTaskRow[]> {
    return this.dataSource.query(
      `SELECT ${TASK_COLUMNS} FROM tasks t WHERE t.case_id = $1 ORDER BY t.opened_at, t.id`,
      [caseId],
    );
  }

  /**
   * Sets who holds an open task when it is still as the caller saw it: held by `expectedHolder`
   * (null: nobody) and, if given, at `expectedVersion`. Returns the new version, or undefined when the
   * task changed meanwhile (the caller reports who holds it now).
   */
  async setAssignee(
    manager: EntityManager,
    taskId: string,
    assigneeId: string | null,
    expectedHolder: string | null,
    expectedVersion: number | undefined,
  ): Promise<number | undefined> {
    const [row] = await returningRows<{ version: number }>(
      manager,
      `UPDATE tasks SET assignee_id = $2, claimed_at = CASE WHEN $2::uuid IS NULL THEN NULL ELSE now() END,
         version = version + 1
       WHERE id = $1 AND status = 'open' AND assignee_id IS NOT DISTINCT FROM $3::uuid
         AND ($4::int IS NULL OR version = $4::int)
       RETURNING version`,
      [taskId, assigneeId, expectedHolder, expectedVersion ?? null],
    );
    return row?.version;
  }

  /** ID numbers of the members of the case's household. */
  async findMemberIdNumbersOfCase(caseId: string): Promise<string[]> {
    const rows: { id_number: string }[] = await this.dataSource.query(
      `SELECT m.id_number FROM household_members m JOIN cases c ON c.household_id = m.household_id
       WHERE c.id = $1`,
      [caseId],
    );
    return rows.map((row) => row.id_number);
  }

  /** Those of `ids` that are attachments of the case. */
  async findAttachmentIdsOfCase(caseId: string, ids: string[]): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM attachments WHERE case_id = $1 AND id = ANY($2::uuid[])`,
      [caseId, ids],
    );
    return rows.map((row) => row.id);
  }
}
