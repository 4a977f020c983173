// SQL over the tasks read model for 督办 supervision: overdue and due-soon counts, the breach list and
// the daily trend. Every query is scoped to a jurisdiction subtree by a prefix match on
// jurisdiction_path, and aggregates in PostgreSQL: nothing walks all tasks in JS.

import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { returningRows } from '@libs/persistence';
import type { Role } from '@libs/domain';

/** China-local days (UTC+8, no daylight saving) for the trend. */
export const CHINA_TIME_ZONE = 'Asia/Shanghai';

export interface JurisdictionRow {
  id: string;
  name: string;
  level: string;
  path: string;
}

/**
 * One row per group of the summary: by child jurisdiction (`child_id`, '' for tasks at the scope's
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

export interface BreachRow {
  id: string;
  case_id: string;
  kind: string;
  candidate_role: Role;
  jurisdiction_id: string;
  jurisdiction_name: string;
  village_id: string;
  village_name: string;
  assignee_id: string | null;
  assignee_name: string | null;
  urgent: boolean;
  priority: number;
  due_at: Date;
  /** due_at as PostgreSQL's own ISO text (microseconds kept) for an exact keyset cursor. */
  due_at_key: string;
  seconds_overdue: number;
  escalation_level: number;
  version: number;
}

/** One escalation of a task as its audit event recorded it: the level, when, and who was told. */
export interface EscalationRow {
  task_id: string;
  level: number;
  escalated_at: Date;
  jurisdiction_name: string | null;
  notified_names: string[];
}

/** What decides who may take a task over: its role, place and department. */
export interface TaskForAssigneesRow {
  id: string;
  status: string;
  candidate_role: Role;
  department: string | null;
  jurisdiction_path: string;
  assignee_id: string | null;
}

export interface AssigneeCandidateRow {
  id: string;
  display_name: string;
  jurisdiction_id: string;
  jurisdiction_name: string;
  open_tasks: number;
}

export interface TrendRow {
  day: string;
  became_overdue: number;
  closed_late: number;
}

export interface CaseForUpdateRow {
  id: string;
  status: string;
  urgent: boolean;
  jurisdiction_path: string;
}

export interface LockedTaskRow {
  id: string;
  case_id: string;
  /** The workflow the task belongs to when not the case's own (a data check, a measure). */
  workflow_id: string | null;
  status: string;
  escalation_level: number;
  jurisdiction_path: string;
}

/** `(t.jurisdiction_path = $n OR t.jurisdiction_path LIKE $n+1)`: the subtree, as a btree-usable prefix. */
function subtree(params: unknown[], scopePath: string): string {
  params.push(scopePath, `${scopePath}.%`);
  return `(t.jurisdiction_path = $${params.length - 1} OR t.jurisdiction_path LIKE $${params.length})`;
}

@Injectable()
export class SupervisionRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findJurisdiction(id: string): Promise<JurisdictionRow | undefined> {
    const [row] = await this.dataSource.query(
      'SELECT id, name, level, path FROM jurisdictions WHERE id = $1',
      [id],
    );
    return row;
  }

  async findChildJurisdictions(parentId: string): Promise<JurisdictionRow[]> {
    return this.dataSource.query(
      'SELECT id, name, level, path FROM jurisdictions WHERE parent_id = $1 ORDER BY id',
      [parentId],
    );
  }

  /**
   * One scan of the open tasks in the subtree that are overdue or due within `dueSoonHours`. The scan
   * is hash-aggregated on plain columns (place and kind: a few thousand groups at most, counted with
   * FILTER); those groups are then rolled up by child jurisdiction (the path segment right after the
   * scope's own path, so no join per task), by kind and in total with grouping sets.
   */
  async countOverdueAndDueSoon(scopePath: string, dueSoonHours: number): Promise<SummaryRow[]> {
    const params: unknown[] = [];
    const inSubtree = subtree(params, scopePath);
    params.push(scopePath.length + 2, dueSoonHours);
    const childOffset = `$${params.length - 1}::int`;
    const hours = `$${params.length}::int`;
    return this.dataSource.query(
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
         WHERE t.status = 'open' AND ${inSubtree}
           AND t.due_at < now() + make_interval(hours => ${hours})
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
      params,
    );
  }

  /** One keyset page of the overdue open tasks in the subtree, most overdue first. */
  async findOverdueTasks(
    scopePath: string,
    filter: BreachFilter,
    after: BreachCursor | undefined,
    limit: number,
  ): Promise<BreachRow[]> {
    const params: unknown[] = [];
    const where = [`t.status = 'open'`, subtree(params, scopePath), 't.due_at < now()'];
    const p = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filter.kind) where.push(`t.kind = ${p(filter.kind)}`);
    if (filter.escalationLevel !== undefined) where.push(`t.escalation_level = ${p(filter.escalationLevel)}`);
    if (after) where.push(`(t.due_at, t.id) > (${p(after.dueAt)}::timestamptz, ${p(after.id)})`);
    return this.dataSource.query(
      `SELECT t.id, t.case_id, t.kind, t.candidate_role, t.jurisdiction_id, j.name AS jurisdiction_name,
         t.village_id, v.name AS village_name, t.assignee_id, a.display_name AS assignee_name,
         t.urgent, t.priority, t.due_at, to_json(t.due_at) #>> '{}' AS due_at_key,
         extract(epoch FROM now() - t.due_at)::float8 AS seconds_overdue, t.escalation_level, t.version
       FROM tasks t
       JOIN jurisdictions j ON j.id = t.jurisdiction_id
       JOIN jurisdictions v ON v.id = t.village_id
       LEFT JOIN users a ON a.id = t.assignee_id
       WHERE ${where.join(' AND ')}
       ORDER BY t.due_at, t.id
       LIMIT ${p(limit)}`,
      params,
    );
  }

  /**
   * The escalations of these tasks (of these cases, for the audit log's case index), oldest first, with
   * the supervisors the escalation activity notified and the jurisdiction they answer for.
   */
  async findEscalationsOfTasks(caseIds: string[], taskIds: string[]): Promise<EscalationRow[]> {
    if (taskIds.length === 0) return [];
    return this.dataSource.query(
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

  async findTaskForAssignees(taskId: string): Promise<TaskForAssigneesRow | undefined> {
    const [row] = await this.dataSource.query(
      'SELECT id, status, candidate_role, department, jurisdiction_path, assignee_id FROM tasks WHERE id = $1',
      [taskId],
    );
    return row;
  }

  /**
   * The enabled users who may take over the task (its role; a jurisdiction containing the task's; its
   * department, when it has one) and who lie inside the supervisor's own subtree, with how many open
   * tasks each holds now. The task's path lists every jurisdiction that contains it.
   */
  async findAssigneeCandidates(
    task: TaskForAssigneesRow,
    supervisorPath: string,
  ): Promise<AssigneeCandidateRow[]> {
    return this.dataSource.query(
      `SELECT u.id, u.display_name, u.jurisdiction_id, j.name AS jurisdiction_name,
         (SELECT count(*)::int FROM tasks o WHERE o.assignee_id = u.id AND o.status = 'open') AS open_tasks
       FROM users u JOIN jurisdictions j ON j.id = u.jurisdiction_id
       WHERE u.role = $1 AND u.enabled AND u.jurisdiction_id = ANY(string_to_array($2, '.'))
         AND (j.path = $3 OR j.path LIKE $4)
         AND ($5::text IS NULL OR u.department = $5)
       ORDER BY open_tasks, u.display_name, u.id
       LIMIT 200`,
      [task.candidate_role, task.jurisdiction_path, supervisorPath, `${supervisorPath}.%`, task.department],
    );
  }

  /**
   * Per China-local day of the last `days` (today included, zero-filled): the tasks whose deadline
   * passed that day while they were still open (open now, or closed after the deadline), and how many
   * of those were closed late.
   */
  async countBreachesPerDay(scopePath: string, days: number): Promise<TrendRow[]> {
    const params: unknown[] = [];
    const inSubtree = subtree(params, scopePath);
    params.push(days, CHINA_TIME_ZONE);
    const n = `$${params.length - 1}::int`;
    const zone = `$${params.length}::text`;
    return this.dataSource.query(
      `WITH days AS (
         SELECT (now() AT TIME ZONE ${zone})::date - offs AS day
         FROM generate_series(0, ${n} - 1) AS offs
       ),
       breached AS (
         SELECT (t.due_at AT TIME ZONE ${zone})::date AS day,
           count(*)::int AS became_overdue,
           count(*) FILTER (WHERE t.status = 'completed')::int AS closed_late
         FROM tasks t
         WHERE ${inSubtree}
           AND t.due_at >= (((now() AT TIME ZONE ${zone})::date - (${n} - 1))::timestamp AT TIME ZONE ${zone})
           AND t.due_at < now()
           AND (t.status = 'open' OR t.closed_at > t.due_at)
         GROUP BY 1
       )
       SELECT to_char(d.day, 'YYYY-MM-DD') AS day, coalesce(b.became_overdue, 0) AS became_overdue,
         coalesce(b.closed_late, 0) AS closed_late
       FROM days d LEFT JOIN breached b ON b.day = d.day
       ORDER BY d.day`,
      params,
    );
  }

  async findCase(caseId: string): Promise<CaseForUpdateRow | undefined> {
    const [row] = await this.dataSource.query(
      'SELECT id, status, urgent, jurisdiction_path FROM cases WHERE id = $1',
      [caseId],
    );
    return row;
  }

  async lockCase(manager: EntityManager, caseId: string): Promise<CaseForUpdateRow | undefined> {
    const [row] = await manager.query(
      'SELECT id, status, urgent, jurisdiction_path FROM cases WHERE id = $1 FOR UPDATE',
      [caseId],
    );
    return row;
  }

  async markCaseUrgent(manager: EntityManager, caseId: string): Promise<void> {
    await manager.query('UPDATE cases SET urgent = true, updated_at = now() WHERE id = $1', [caseId]);
  }

  /** Flags the case's open tasks urgent (priority at least 1); returns those that changed. */
  async markOpenTasksUrgent(
    manager: EntityManager,
    caseId: string,
  ): Promise<{ id: string; priority: number; version: number }[]> {
    return returningRows(
      manager,
      `UPDATE tasks SET urgent = true, priority = greatest(priority, 1), version = version + 1
       WHERE case_id = $1 AND status = 'open' AND (NOT urgent OR priority < 1)
       RETURNING id, priority, version`,
      [caseId],
    );
  }

  /** The task, held against changes until the caller's transaction ends. */
  async lockTask(manager: EntityManager, taskId: string): Promise<LockedTaskRow | undefined> {
    const [row] = await manager.query(
      'SELECT id, case_id, workflow_id, status, escalation_level, jurisdiction_path FROM tasks WHERE id = $1 FOR SHARE',
      [taskId],
    );
    return row;
  }
}
