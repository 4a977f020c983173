// 任务 tasks: the read model of the workflows' human tasks. Every statement on the table lives here; a
// method takes the manager of the caller's transaction when the write belongs with others (its audit event).

import type { Actor } from '@libs/contracts';
import type { CaseStage, Decision, Role, TaskKind } from '@libs/domain';
import { type Queryable, returningRows } from '../sql';

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

export class TasksRepository {
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
}
