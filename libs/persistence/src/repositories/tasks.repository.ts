// 任务 tasks: the read model of the workflows' human tasks. Every statement on the table lives here; a
// method takes the manager of the caller's transaction when the write belongs with others (its audit event).

import type { Actor } from '@libs/contracts';
import type { CaseStage, Decision, Role, TaskKind } from '@libs/domain';
import { CHINA_TIME_ZONE, type Queryable, Where, afterCursor, inSubtree, returningRows } from '../sql';
import {
  type DecidedFilter,
  type DoneTaskRow,
  type InboxCursor,
  type InboxFilter,
  type InboxScope,
  type InboxSort,
  TASK_COLUMNS,
  type TaskCounts,
  type TaskViewRow,
  decidedWhere,
  inboxQuery,
  scopeWhere,
} from './tasks-inbox';
import { type UnresolvedIncident, unresolvedIncidentsOfCaseJson } from './incidents.repository';
import { declaredBindingRelative } from './users.repository';

export type TaskStatus = 'open' | 'completed' | 'cancelled';

/** A row of `tasks`, as PostgreSQL returns it. */
export interface TaskRow {
  id: string;
  case_id: string;
  kind: TaskKind;
  stage: CaseStage;
  status: TaskStatus;
  candidate_role: Role;
  jurisdiction_id: string;
  jurisdiction_path: string;
  /** The household's village and its township and county: the inbox's scope columns. */
  village_id: string;
  township_id: string;
  county_id: string;
  assignee_id: string | null;
  claimed_at: Date | null;
  urgent: boolean;
  priority: number;
  due_at: Date;
  escalation_level: number;
  opened_at: Date;
  closed_at: Date | null;
  decision: Decision | null;
  reason: string | null;
  form: Record<string, unknown> | null;
  /** Who completed the task; null while open and for a cancelled task. */
  decided_by: string | null;
  completion_key: string | null;
  version: number;
  /** Copied from the case's household when the task opens, so the inbox can filter on it. */
  household_head: string | null;
  household_head_id_number: string | null;
  /** The workflow that decides the task; null: the case's own. */
  workflow_id: string | null;
  /** Set on a department's tasks: only its officers work on them. */
  department: string | null;
  /** What the person needs to act (the members to check, the measure, the objection). */
  payload: Record<string, unknown> | null;
}

export interface NewTask {
  id: string;
  caseId: string;
  kind: TaskKind;
  stage: CaseStage;
  candidateRole: Role;
  jurisdictionId: string;
  urgent: boolean;
  dueAt: string;
  openedAt: Date;
  workflowId: string | null;
  department: string | null;
  payload: Record<string, unknown> | null;
}

export interface TaskCompletion {
  taskId: string;
  decision: Decision;
  reason: string | null;
  form: Record<string, unknown> | null;
  actor: Actor;
  completionKey: string;
}

export interface TaskCancellation {
  caseId: string;
  reason: string;
  /** Only these tasks; all the case's open ones when null. */
  taskIds: string[] | null;
  /** Only the tasks of this workflow; any when null. */
  workflowId: string | null;
}

/**
 * 督办 one row per group of the summary: by child jurisdiction (`child_id`, '' for tasks at the scope's
 * own level), by kind, and the total. Overdue tasks are also counted by how long they are past due.
 */
export interface SummaryRow {
  grouped_by: 'jurisdiction' | 'kind' | 'total';
  child_id: string | null;
  kind: string | null;
  overdue: number;
  due_soon: number;
  overdue_lt1d: number;
  overdue_1to3d: number;
  overdue_3to7d: number;
  overdue_gt7d: number;
  level1: number;
  level2: number;
  level3: number;
  as_of: Date;
}

export interface BreachFilter {
  kind?: string;
  escalationLevel?: number;
}

export interface BreachCursor {
  dueAt: string;
  id: string;
}

/** An overdue task with the names of its places and holder, and how long it is past due. */
export type BreachRow = Pick<
  TaskRow,
  | 'id'
  | 'case_id'
  | 'kind'
  | 'candidate_role'
  | 'jurisdiction_id'
  | 'village_id'
  | 'assignee_id'
  | 'urgent'
  | 'priority'
  | 'due_at'
  | 'escalation_level'
  | 'version'
> & {
  jurisdiction_name: string;
  village_name: string;
  assignee_name: string | null;
  /** due_at as PostgreSQL's own ISO text (microseconds kept) for an exact keyset cursor. */
  due_at_key: string;
  seconds_overdue: number;
};

export interface TrendRow {
  day: string;
  became_overdue: number;
  closed_late: number;
}

/** What decides who may take a task over: its role, place and department. */
export type TaskForAssignmentRow = Pick<
  TaskRow,
  'id' | 'status' | 'candidate_role' | 'department' | 'jurisdiction_path' | 'assignee_id'
>;

/** A data check's request to a department, as the dataCheck workflow wrote it when it opened the task. */
export interface DataCheckRequestPayload {
  department: string;
  connector: 'inbox' | 'excel' | 'http';
  members: { name: string; idNumber: string; relation: string }[];
  round: number;
}

type DataCheckRequestRow = Pick<TaskRow, 'id' | 'household_head'> & { payload: DataCheckRequestPayload };

// A department's data-check requests within a jurisdiction subtree; the department inbox index serves the
// open ones.
const DEPARTMENT_REQUESTS = `
  t.kind = 'dataCheckAnswer' AND t.department = $1
  AND (t.jurisdiction_path = $2 OR t.jurisdiction_path LIKE $2 || '.%')`;

export class TasksRepository {
  // What working on a task reads of it, each in one statement: before, the task with whether the user must
  // stand aside (回避); after a decision, the task with its case's unresolved incidents (故障事件).

  /** The task, with whether `userId` declared a relative who binds them on its case (findBindingRelatives). */
  async findWithDeclaredRelative(
    db: Queryable,
    taskId: string,
    userId: string,
  ): Promise<(TaskViewRow & { declared_relative: boolean }) | undefined> {
    const [row] = await db.query(
      `SELECT ${TASK_COLUMNS}, ${declaredBindingRelative('$2', 't.case_id')} AS declared_relative
       FROM tasks t WHERE t.id = $1`,
      [taskId, userId],
    );
    return row;
  }

  /** The task, with the unresolved incidents of the case, oldest first (IncidentsRepository.findUnresolvedOfCase). */
  async findWithUnresolvedIncidents(
    db: Queryable,
    taskId: string,
    caseId: string,
  ): Promise<(TaskViewRow & { unresolved_incidents: UnresolvedIncident[] }) | undefined> {
    const [row] = await db.query(
      `SELECT ${TASK_COLUMNS}, ${unresolvedIncidentsOfCaseJson('$2')} AS unresolved_incidents
       FROM tasks t WHERE t.id = $1`,
      [taskId, caseId],
    );
    if (!row) return undefined;
    const incidents = row.unresolved_incidents as (Omit<UnresolvedIncident, 'opened_at'> & {
      opened_at: string;
    })[];
    return {
      ...row,
      unresolved_incidents: incidents.map((incident) => ({
        ...incident,
        opened_at: new Date(incident.opened_at),
      })),
    };
  }

  async findDueAt(db: Queryable, taskId: string): Promise<Pick<TaskRow, 'due_at'> | undefined> {
    const [row] = await db.query('SELECT due_at FROM tasks WHERE id = $1', [taskId]);
    return row;
  }

  /**
   * Opens the task where the case is, with its household head copied for the inbox. False when a task of
   * that id exists already, or when the case or the jurisdiction does not (yet).
   */
  async insertOpen(db: Queryable, task: NewTask): Promise<boolean> {
    const inserted = await db.query(
      `INSERT INTO tasks (id, case_id, kind, stage, status, candidate_role, jurisdiction_id, jurisdiction_path,
         urgent, priority, due_at, village_id, township_id, county_id, opened_at, household_head,
         household_head_id_number, workflow_id, department, payload)
       SELECT $1, $2, $3, $4, 'open', $5, j.id, j.path, $7, CASE WHEN $7 THEN 1 ELSE 0 END, $8, c.village_id,
         split_part(v.path, '.', 2), split_part(v.path, '.', 1), $9, m.name, m.id_number, $10, $11, $12
       FROM jurisdictions j, cases c JOIN jurisdictions v ON v.id = c.village_id
         LEFT JOIN household_members m ON m.household_id = c.household_id AND m.relation = 'head'
       WHERE j.id = $6 AND c.id = $2
       ON CONFLICT (id) DO NOTHING
       RETURNING id`,
      [
        task.id,
        task.caseId,
        task.kind,
        task.stage,
        task.candidateRole,
        task.jurisdictionId,
        task.urgent,
        task.dueAt,
        task.openedAt,
        task.workflowId,
        task.department,
        task.payload ? JSON.stringify(task.payload) : null,
      ],
    );
    return inserted.length > 0;
  }

  /** Records the decision on an open task; undefined when it was closed already. */
  async complete(db: Queryable, completion: TaskCompletion): Promise<Pick<TaskRow, 'stage'> | undefined> {
    const [closed] = await returningRows<Pick<TaskRow, 'stage'>>(
      db,
      `UPDATE tasks SET status = 'completed', closed_at = now(), decision = $2, reason = $3, form = $4,
         decided_by = $5, completion_key = $6, version = version + 1
       WHERE id = $1 AND status = 'open'
       RETURNING stage`,
      [
        completion.taskId,
        completion.decision,
        completion.reason,
        completion.form ? JSON.stringify(completion.form) : null,
        completion.actor.userId,
        completion.completionKey,
      ],
    );
    return closed;
  }

  /** Closes open tasks nobody will decide; the ids of those it closed. */
  async cancelOpen(db: Queryable, cancellation: TaskCancellation): Promise<Pick<TaskRow, 'id'>[]> {
    return returningRows<Pick<TaskRow, 'id'>>(
      db,
      `UPDATE tasks SET status = 'cancelled', closed_at = now(), reason = $2, version = version + 1
       WHERE case_id = $1 AND status = 'open' AND ($3::text[] IS NULL OR id = ANY($3::text[]))
         AND ($4::text IS NULL OR workflow_id = $4)
       RETURNING id`,
      [cancellation.caseId, cancellation.reason, cancellation.taskIds, cancellation.workflowId],
    );
  }

  /** The task's deadline fields, its row held until the caller's transaction ends. */
  async lockDeadline(
    db: Queryable,
    taskId: string,
  ): Promise<Pick<TaskRow, 'kind' | 'opened_at' | 'due_at' | 'status'>> {
    const [task] = await db.query(
      'SELECT kind, opened_at, due_at, status FROM tasks WHERE id = $1 FOR UPDATE',
      [taskId],
    );
    return task;
  }

  /** 特事特办: the task becomes urgent, due at the urgent deadline. */
  async makeUrgent(db: Queryable, taskId: string, dueAt: Date): Promise<void> {
    await db.query(
      `UPDATE tasks SET due_at = $2, urgent = true, priority = greatest(priority, 1), version = version + 1
       WHERE id = $1`,
      [taskId, dueAt],
    );
  }

  /** Raises an open task to the escalation level; undefined when it is closed or there already. */
  async escalateOpen(
    db: Queryable,
    taskId: string,
    level: number,
  ): Promise<Pick<TaskRow, 'kind' | 'jurisdiction_path' | 'due_at'> | undefined> {
    const [escalated] = await returningRows<Pick<TaskRow, 'kind' | 'jurisdiction_path' | 'due_at'>>(
      db,
      `UPDATE tasks SET escalation_level = $2, version = version + 1
       WHERE id = $1 AND status = 'open' AND escalation_level < $2
       RETURNING kind, jurisdiction_path, due_at`,
      [taskId, level],
    );
    return escalated;
  }

  /** The names of the task's village and township, as a notice names the place. */
  async findPlaceNames(db: Queryable, taskId: string): Promise<{ village: string; township: string }> {
    const [place] = await db.query(
      `SELECT v.name AS village, t.name AS township FROM tasks k
       JOIN jurisdictions v ON v.id = k.village_id JOIN jurisdictions t ON t.id = v.parent_id WHERE k.id = $1`,
      [taskId],
    );
    return place;
  }

  /** One keyset page of the open tasks a user may work on, filtered and sorted. */
  async findOpenForInbox(
    db: Queryable,
    scope: InboxScope,
    filter: InboxFilter,
    sort: InboxSort,
    after: InboxCursor | undefined,
    limit: number,
  ): Promise<TaskViewRow[]> {
    const { where, order } = inboxQuery(scope, filter, sort, after);
    return db.query(
      `SELECT ${TASK_COLUMNS} FROM tasks t
       WHERE ${where.toSql()} ORDER BY ${order} LIMIT ${where.p(limit)}`,
      where.params,
    );
  }

  /**
   * Counts for the inbox's tabs, over everything in the user's scope, in one statement: the open tasks' tabs
   * in one scan, 已办 and 我发起的 each from its own index (tasks_decided_idx, cases_created_by_idx).
   * `dueSoonCutoff`: WorkingCalendar.dueSoonCutoff, as the list's dueSoon filter takes it.
   */
  async countInboxTabs(db: Queryable, scope: InboxScope, dueSoonCutoff: Date): Promise<TaskCounts> {
    const where = scopeWhere(scope);
    const me = where.p(scope.userId);
    const soon = `${where.p(dueSoonCutoff.toISOString())}::timestamptz`;
    const [path, subtree] = [where.p(scope.scopePath), where.p(`${scope.scopePath}.%`)];
    const [row] = await db.query(
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
  async findDecidedBy(
    db: Queryable,
    userId: string,
    filter: DecidedFilter,
    after: { at: string; id: string } | undefined,
    limit: number,
  ): Promise<DoneTaskRow[]> {
    const where = decidedWhere(userId, filter);
    afterCursor(where, ['t.closed_at', 't.id'], after, 'newest');
    return db.query(
      `SELECT ${TASK_COLUMNS}, to_json(t.closed_at) #>> '{}' AS at_key,
         c.stage AS case_stage, c.status AS case_status
       FROM tasks t JOIN cases c ON c.id = t.case_id
       WHERE ${where.toSql()} ORDER BY t.closed_at DESC, t.id DESC LIMIT ${where.p(limit)}`,
      where.params,
    );
  }

  async findById(db: Queryable, id: string): Promise<TaskViewRow | undefined> {
    const [row] = await db.query(`SELECT ${TASK_COLUMNS} FROM tasks t WHERE t.id = $1`, [id]);
    return row;
  }

  async findOfCase(db: Queryable, caseId: string): Promise<TaskViewRow[]> {
    return db.query(`SELECT ${TASK_COLUMNS} FROM tasks t WHERE t.case_id = $1 ORDER BY t.opened_at, t.id`, [
      caseId,
    ]);
  }

  /**
   * Sets who holds an open task when it is still as the caller saw it: held by `expectedHolder`
   * (null: nobody) and, if given, at `expectedVersion`. Returns the new version, or undefined when the
   * task changed meanwhile (the caller reports who holds it now).
   */
  async setAssignee(
    db: Queryable,
    taskId: string,
    assigneeId: string | null,
    expectedHolder: string | null,
    expectedVersion: number | undefined,
  ): Promise<number | undefined> {
    const [row] = await returningRows<Pick<TaskRow, 'version'>>(
      db,
      `UPDATE tasks SET assignee_id = $2, claimed_at = CASE WHEN $2::uuid IS NULL THEN NULL ELSE now() END,
         version = version + 1
       WHERE id = $1 AND status = 'open' AND assignee_id IS NOT DISTINCT FROM $3::uuid
         AND ($4::int IS NULL OR version = $4::int)
       RETURNING version`,
      [taskId, assigneeId, expectedHolder, expectedVersion ?? null],
    );
    return row?.version;
  }

  /**
   * 督办 one scan of the open tasks in the subtree that are overdue or due within `dueSoonHours`. The scan
   * is hash-aggregated on plain columns (place and kind: a few thousand groups at most, counted with
   * FILTER); those groups are then rolled up by child jurisdiction (the path segment right after the
   * scope's own path, so no join per task), by kind and in total with grouping sets.
   */
  async countOverdueAndDueSoon(
    db: Queryable,
    scopePath: string,
    dueSoonHours: number,
  ): Promise<SummaryRow[]> {
    const where = new Where().add(`t.status = 'open'`);
    inSubtree(where, 't.jurisdiction_path', scopePath);
    const childOffset = `${where.p(scopePath.length + 2)}::int`;
    where.add(`t.due_at < now() + make_interval(hours => ${where.p(dueSoonHours)}::int)`);
    return db.query(
      `WITH per_place AS (
         SELECT t.jurisdiction_path, t.kind,
           count(*) FILTER (WHERE t.due_at < now()) AS overdue,
           count(*) FILTER (WHERE t.due_at >= now()) AS due_soon,
           count(*) FILTER (WHERE t.due_at < now() AND t.due_at > now() - interval '1 day') AS overdue_lt1d,
           count(*) FILTER (
             WHERE t.due_at <= now() - interval '1 day' AND t.due_at > now() - interval '3 days'
           ) AS overdue_1to3d,
           count(*) FILTER (
             WHERE t.due_at <= now() - interval '3 days' AND t.due_at > now() - interval '7 days'
           ) AS overdue_3to7d,
           count(*) FILTER (WHERE t.due_at <= now() - interval '7 days') AS overdue_gt7d,
           count(*) FILTER (WHERE t.escalation_level = 1) AS level1,
           count(*) FILTER (WHERE t.escalation_level = 2) AS level2,
           count(*) FILTER (WHERE t.escalation_level >= 3) AS level3
         FROM tasks t
         WHERE ${where.toSql()}
         GROUP BY t.jurisdiction_path, t.kind
       )
       SELECT
         CASE GROUPING(child_id, kind) WHEN 1 THEN 'jurisdiction' WHEN 2 THEN 'kind' ELSE 'total' END
           AS grouped_by,
         child_id, kind,
         sum(overdue)::int AS overdue, sum(due_soon)::int AS due_soon,
         sum(overdue_lt1d)::int AS overdue_lt1d, sum(overdue_1to3d)::int AS overdue_1to3d,
         sum(overdue_3to7d)::int AS overdue_3to7d, sum(overdue_gt7d)::int AS overdue_gt7d,
         sum(level1)::int AS level1, sum(level2)::int AS level2, sum(level3)::int AS level3,
         now() AS as_of
       FROM (
         SELECT split_part(substr(p.jurisdiction_path, ${childOffset}), '.', 1) AS child_id, p.*
         FROM per_place p
       ) grouped
       GROUP BY GROUPING SETS ((child_id), (kind), ())`,
      where.params,
    );
  }

  /** 督办 one keyset page of the overdue open tasks in the subtree, most overdue first. */
  async findOverdue(
    db: Queryable,
    scopePath: string,
    filter: BreachFilter,
    after: BreachCursor | undefined,
    limit: number,
  ): Promise<BreachRow[]> {
    const where = new Where().add(`t.status = 'open'`);
    inSubtree(where, 't.jurisdiction_path', scopePath);
    where.add('t.due_at < now()');
    if (filter.kind) where.add(`t.kind = ${where.p(filter.kind)}`);
    if (filter.escalationLevel !== undefined) {
      where.add(`t.escalation_level = ${where.p(filter.escalationLevel)}`);
    }
    if (after) where.add(`(t.due_at, t.id) > (${where.p(after.dueAt)}::timestamptz, ${where.p(after.id)})`);
    return db.query(
      `SELECT t.id, t.case_id, t.kind, t.candidate_role, t.jurisdiction_id, j.name AS jurisdiction_name,
         t.village_id, v.name AS village_name, t.assignee_id, a.display_name AS assignee_name,
         t.urgent, t.priority, t.due_at, to_json(t.due_at) #>> '{}' AS due_at_key,
         extract(epoch FROM now() - t.due_at)::float8 AS seconds_overdue, t.escalation_level, t.version
       FROM tasks t
       JOIN jurisdictions j ON j.id = t.jurisdiction_id
       JOIN jurisdictions v ON v.id = t.village_id
       LEFT JOIN users a ON a.id = t.assignee_id
       WHERE ${where.toSql()}
       ORDER BY t.due_at, t.id
       LIMIT ${where.p(limit)}`,
      where.params,
    );
  }

  /**
   * 督办 per China-local day of the last `days` (today included, zero-filled): the tasks whose deadline
   * passed that day while they were still open (open now, or closed after the deadline), and how many
   * of those were closed late.
   */
  async countBreachesPerDay(db: Queryable, scopePath: string, days: number): Promise<TrendRow[]> {
    const where = new Where();
    inSubtree(where, 't.jurisdiction_path', scopePath);
    const n = `${where.p(days)}::int`;
    const zone = `${where.p(CHINA_TIME_ZONE)}::text`;
    where.add(
      `t.due_at >= (((now() AT TIME ZONE ${zone})::date - (${n} - 1))::timestamp AT TIME ZONE ${zone})`,
    );
    where.add('t.due_at < now()');
    where.add(`(t.status = 'open' OR t.closed_at > t.due_at)`);
    return db.query(
      `WITH days AS (
         SELECT (now() AT TIME ZONE ${zone})::date - offs AS day
         FROM generate_series(0, ${n} - 1) AS offs
       ),
       breached AS (
         SELECT (t.due_at AT TIME ZONE ${zone})::date AS day,
           count(*)::int AS became_overdue,
           count(*) FILTER (WHERE t.status = 'completed')::int AS closed_late
         FROM tasks t
         WHERE ${where.toSql()}
         GROUP BY 1
       )
       SELECT to_char(d.day, 'YYYY-MM-DD') AS day, coalesce(b.became_overdue, 0) AS became_overdue,
         coalesce(b.closed_late, 0) AS closed_late
       FROM days d LEFT JOIN breached b ON b.day = d.day
       ORDER BY d.day`,
      where.params,
    );
  }

  async findForAssignment(db: Queryable, taskId: string): Promise<TaskForAssignmentRow | undefined> {
    const [row] = await db.query(
      'SELECT id, status, candidate_role, department, jurisdiction_path, assignee_id FROM tasks WHERE id = $1',
      [taskId],
    );
    return row;
  }

  /**
   * What a supervisor's escalation request reads of the task, held against changes until the caller's
   * transaction ends.
   */
  async holdForEscalation(
    db: Queryable,
    taskId: string,
  ): Promise<
    | Pick<TaskRow, 'id' | 'case_id' | 'workflow_id' | 'status' | 'escalation_level' | 'jurisdiction_path'>
    | undefined
  > {
    const [row] = await db.query(
      'SELECT id, case_id, workflow_id, status, escalation_level, jurisdiction_path FROM tasks WHERE id = $1 FOR SHARE',
      [taskId],
    );
    return row;
  }

  /** 特事特办 flags the case's open tasks urgent (priority at least 1); returns those that changed. */
  async makeOpenTasksOfCaseUrgent(
    db: Queryable,
    caseId: string,
  ): Promise<Pick<TaskRow, 'id' | 'priority' | 'version'>[]> {
    return returningRows(
      db,
      `UPDATE tasks SET urgent = true, priority = greatest(priority, 1), version = version + 1
       WHERE case_id = $1 AND status = 'open' AND (NOT urgent OR priority < 1)
       RETURNING id, priority, version`,
      [caseId],
    );
  }

  /**
   * 公示名单 the households whose notice is still to be posted in the village, and the given task's in any
   * case, in the order their notices opened.
   */
  async findPublicNoticeHouseholds(
    db: Queryable,
    villageId: string,
    taskId: string,
  ): Promise<
    (Pick<TaskRow, 'case_id'> & {
      household_head: string;
      household_head_id_number: string;
      member_count: number;
    })[]
  > {
    return db.query(
      `SELECT t.case_id, t.household_head, t.household_head_id_number,
              (SELECT count(*)::int FROM household_members m WHERE m.household_id = c.household_id) AS member_count
         FROM tasks t JOIN cases c ON c.id = t.case_id
        WHERE t.kind = 'publicNotice' AND t.village_id = $1 AND (t.status = 'open' OR t.id = $2)
        ORDER BY t.opened_at, t.id`,
      [villageId, taskId],
    );
  }

  /** 大数据比对 the open requests to a department in a scope, soonest due first, at most `limit`. */
  async findOpenDataCheckRequests(
    db: Queryable,
    department: string,
    scopePath: string,
    limit: number,
  ): Promise<
    (DataCheckRequestRow & Pick<TaskRow, 'case_id'> & { township_name: string; village_name: string })[]
  > {
    return db.query(
      `SELECT t.id, t.case_id, t.household_head, t.payload,
         (SELECT name FROM jurisdictions WHERE id = t.township_id) AS township_name,
         (SELECT name FROM jurisdictions WHERE id = t.village_id) AS village_name
       FROM tasks t
       WHERE t.status = 'open' AND ${DEPARTMENT_REQUESTS}
       ORDER BY t.due_at, t.id
       LIMIT $3`,
      [department, scopePath, limit],
    );
  }

  /**
   * 大数据比对 the requests among `taskIds` that the department may answer in the scope, whatever their status:
   * a closed one is still matched, so that uploading the same file again reports it instead of refusing its rows.
   */
  async findAnswerableDataCheckRequests(
    db: Queryable,
    department: string,
    scopePath: string,
    taskIds: string[],
  ): Promise<(DataCheckRequestRow & Pick<TaskRow, 'status'>)[]> {
    if (taskIds.length === 0) return [];
    return db.query(
      `SELECT t.id, t.status, t.household_head, t.payload FROM tasks t
       WHERE t.id = ANY($3::text[]) AND ${DEPARTMENT_REQUESTS}`,
      [department, scopePath, taskIds],
    );
  }

  /** The departments whose data-check answer on the case is still open: they may see its members' data. */
  async findDepartmentsAskedAbout(db: Queryable, caseId: string): Promise<string[]> {
    const rows: { department: string }[] = await db.query(
      `SELECT DISTINCT department FROM tasks
       WHERE case_id = $1 AND kind = 'dataCheckAnswer' AND status = 'open' AND department IS NOT NULL`,
      [caseId],
    );
    return rows.map((row) => row.department);
  }
}
