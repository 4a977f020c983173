// What the inbox (待办) and the done list (已办) read of `tasks`: the columns of a task's line, who sees which
// open tasks, and the filters and keyset positions of both lists. TasksRepository runs the statements.

import type { CaseStage, Role } from '@libs/domain';
import { Where, containing, inSubtree, inWindow } from '../sql';
import type { TaskRow } from './tasks.repository';

// A task with what its inbox line shows: where it belongs, whose household it is, who holds it. Names
// come from scalar subqueries rather than joins: a page is a few rows, and join planning cost more
// than the whole execution.
export const TASK_COLUMNS = `
  t.id, t.case_id, t.kind, t.stage, t.status, t.candidate_role, t.jurisdiction_id,
  (SELECT name FROM jurisdictions WHERE id = t.jurisdiction_id) AS jurisdiction_name,
  t.assignee_id, (SELECT display_name FROM users WHERE id = t.assignee_id) AS assignee_name, t.claimed_at,
  t.urgent, t.priority, t.due_at, t.escalation_level, t.opened_at, t.closed_at, t.decision, t.reason,
  t.decided_by, (SELECT display_name FROM users WHERE id = t.decided_by) AS decided_by_name, t.village_id,
  (SELECT name FROM jurisdictions WHERE id = t.village_id) AS village_name, t.household_head AS head_name,
  t.household_head_id_number AS head_id_number, t.jurisdiction_path, t.completion_key, t.version,
  t.workflow_id, t.department, t.payload`;

/** A task as TASK_COLUMNS reads it: the row but its form and scope columns, with the names it shows. */
export type TaskViewRow = Omit<
  TaskRow,
  'form' | 'township_id' | 'county_id' | 'household_head' | 'household_head_id_number'
> & {
  jurisdiction_name: string;
  assignee_name: string | null;
  decided_by_name: string | null;
  village_name: string;
  head_name: string | null;
  head_id_number: string | null;
};

/** A decided task with its decision time as PostgreSQL wrote it (the keyset cursor's key) and its case now. */
export type DoneTaskRow = TaskViewRow & {
  at_key: string;
  case_stage: CaseStage;
  case_status: string;
};

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

// The column holding a task's place at each depth of a jurisdiction path (county.township.village).
const SCOPE_COLUMN = ['t.county_id', 't.township_id', 't.village_id'];

// Leading sort key for each sort (descending) and its SQL type, null when the sort is by due time alone.
const LEAD: Record<InboxSort, { column: string; type: string } | null> = {
  urgency: { column: 't.urgent', type: 'boolean' },
  priority: { column: 't.priority', type: 'smallint' },
  due: null,
};

/** The open tasks of the scope. */
export function scopeWhere(scope: InboxScope): Where {
  const where = new Where().add(`t.status = 'open'`);
  // Equality, so the planner may also serve a department's page from tasks_department_inbox_idx.
  if (scope.department !== undefined) where.add(`t.department = ${where.p(scope.department)}`);
  if (!scope.role) {
    inSubtree(where, 't.jurisdiction_path', scope.scopePath);
    return where;
  }
  // Equality on the user's level column lets one inbox index range serve the page, in order. The subtree is
  // still checked, on that range's rows, in a form the path's own index cannot take: offered that index, the
  // planner gathered the scope's open tasks and sorted them (2.6–10.8 ms for a township of the province
  // against 0.5 ms read in order).
  const ids = scope.scopePath.split('.');
  where.add(`t.candidate_role = ${where.p(scope.role)}`);
  where.add(`${SCOPE_COLUMN[ids.length - 1]} = ${where.p(ids[ids.length - 1])}`);
  where.add(`starts_with(t.jurisdiction_path || '.', ${where.p(`${scope.scopePath}.`)})`);
  return where;
}

/** The inbox's page: its WHERE (filters and the position after the cursor) and its ORDER BY. */
export function inboxQuery(
  scope: InboxScope,
  filter: InboxFilter,
  sort: InboxSort,
  after: InboxCursor | undefined,
): { where: Where; order: string } {
  const where = scopeWhere(scope);
  if (filter.kind) where.add(`t.kind = ${where.p(filter.kind)}`);
  if (filter.stage) where.add(`t.stage = ${where.p(filter.stage)}`);
  if (filter.villageId) where.add(`t.village_id = ${where.p(filter.villageId)}`);
  if (filter.householdHead) where.add(`t.household_head LIKE ${where.p(containing(filter.householdHead))}`);
  if (filter.urgent !== undefined) where.add(`t.urgent = ${where.p(filter.urgent)}`);
  if (filter.overdue === true) where.add(`t.due_at < now()`);
  if (filter.overdue === false) where.add(`t.due_at >= now()`);
  if (filter.dueBefore) where.add(`t.due_at < ${where.p(filter.dueBefore)}`);
  if (filter.dueSoonBy) {
    where.add(`t.due_at >= now() AND t.due_at <= ${where.p(filter.dueSoonBy.toISOString())}`);
  }
  if (filter.assignment === 'mine') where.add(`t.assignee_id = ${where.p(scope.userId)}`);
  if (filter.assignment === 'unassigned') where.add(`t.assignee_id IS NULL`);
  const lead = LEAD[sort];
  if (after) {
    const rest = `(t.due_at, t.id) > (${where.p(after.dueAt)}::timestamptz, ${where.p(after.id)})`;
    if (!lead) where.add(rest);
    else {
      const value = `${where.p(after.lead)}::${lead.type}`;
      where.add(`(${lead.column} < ${value} OR (${lead.column} = ${value} AND ${rest}))`);
    }
  }
  return { where, order: lead ? `${lead.column} DESC, t.due_at, t.id` : 't.due_at, t.id' };
}

/** The tasks the user decided, as the filter narrows them. */
export function decidedWhere(userId: string, filter: DecidedFilter): Where {
  const where = new Where();
  // Equalities and the order of tasks_decided_idx: the page is read from the index in order.
  where.add(`t.decided_by = ${where.p(userId)}::uuid`);
  where.add(`t.status = 'completed'`);
  if (filter.kind) where.add(`t.kind = ${where.p(filter.kind)}`);
  if (filter.stage) where.add(`t.stage = ${where.p(filter.stage)}`);
  if (filter.villageId) where.add(`t.village_id = ${where.p(filter.villageId)}`);
  if (filter.urgent !== undefined) where.add(`t.urgent = ${where.p(filter.urgent)}`);
  inWindow(where, 't.closed_at', { from: filter.decidedFrom, to: filter.decidedTo });
  return where;
}
