// Read-model writes of the human-task pattern. Each is idempotent, keyed by ids the workflow chose,
// and writes its audit event in the same transaction: a retry changes nothing.

import type { DataSource } from 'typeorm';
import type {
  CaseTaskActivities,
  CloseTaskInput,
  EscalatedTask,
  EscalateTaskInput,
  LegacyCasePolicy,
  OpenedTask,
  OpenTaskInput,
} from '../libs/contracts/src';
import { SYSTEM_ACTOR } from '../libs/contracts/src';
import {
  DEFAULT_CASE_POLICY,
  type DeadlineContext,
  nextEscalationDeadline,
  TASK_KINDS,
  taskDeadline,
} from '../libs/domain/src';
import { appendAuditEvent, loadHolidayCalendars, returningRows } from '../libs/persistence/src';
import type { EntityManager } from 'typeorm';

const TERMINAL_STAGES = new Set(['recognised', 'rejected']);

export class CaseTaskActivitiesImpl implements CaseTaskActivities {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policyTimeScale: number,
  ) {}

  async loadCasePolicy(_caseId: string): Promise<LegacyCasePolicy> {
    const day = 86_400_000 / this.policyTimeScale;
    const { taskSlaWorkingDays, escalationIntervalWorkingDays } = DEFAULT_CASE_POLICY;
    const taskSlaMs = Object.fromEntries(
      TASK_KINDS.map((kind) => [kind, Math.round(taskSlaWorkingDays[kind] * day)]),
    );
    return {
      taskSlaMs: taskSlaMs as LegacyCasePolicy['taskSlaMs'],
      escalationIntervalMs: Math.round(escalationIntervalWorkingDays * day),
    };
  }

  private async deadlineContext(manager: EntityManager): Promise<DeadlineContext> {
    return {
      policy: DEFAULT_CASE_POLICY,
      calendars: await loadHolidayCalendars(manager),
      timeScale: this.policyTimeScale,
    };
  }

  async openTask(input: OpenTaskInput): Promise<OpenedTask> {
    return this.dataSource.transaction(async (manager) => {
      // A retry answers as the first attempt did.
      const [existing] = await manager.query('SELECT due_at FROM tasks WHERE id = $1', [input.taskId]);
      if (existing) return { dueAt: existing.due_at.toISOString() };
      const dueAt =
        input.dueAt ??
        taskDeadline(await this.deadlineContext(manager), input.kind, input.urgent, new Date()).toISOString();
      const inserted = await manager.query(
        `INSERT INTO tasks (id, case_id, kind, stage, status, candidate_role, jurisdiction_id, jurisdiction_path,
           urgent, priority, due_at, village_id)
         SELECT $1, $2, $3, $4, 'open', $5, j.id, j.path, $7, CASE WHEN $7 THEN 1 ELSE 0 END, $8, c.village_id
         FROM jurisdictions j, cases c WHERE j.id = $6 AND c.id = $2
         ON CONFLICT (id) DO NOTHING
         RETURNING id`,
        [
          input.taskId,
          input.caseId,
          input.kind,
          input.stage,
          input.candidateRole,
          input.jurisdictionId,
          input.urgent,
          dueAt,
        ],
      );
      if (inserted.length === 0) {
        // Either written by an earlier attempt, or the case row is not committed yet: retry then.
        const [existing] = await manager.query('SELECT due_at FROM tasks WHERE id = $1', [input.taskId]);
        if (!existing)
          throw new Error(`case ${input.caseId} or jurisdiction ${input.jurisdictionId} not found yet`);
        return { dueAt: existing.due_at.toISOString() };
      }
      const [before] = await returningRows<{ stage: string }>(
        manager,
        `UPDATE cases c SET stage = $2, updated_at = now() FROM (SELECT stage FROM cases WHERE id = $1) old
         WHERE c.id = $1 RETURNING old.stage`,
        [input.caseId, input.stage],
      );
      await appendAuditEvent(manager, {
        eventKey: `${input.taskId}:opened`,
        actor: SYSTEM_ACTOR,
        action: 'task.opened',
        entityType: 'task',
        entityId: input.taskId,
        caseId: input.caseId,
        before: { stage: before?.stage ?? null },
        after: {
          stage: input.stage,
          kind: input.kind,
          candidateRole: input.candidateRole,
          jurisdictionId: input.jurisdictionId,
          dueAt,
        },
      });
      return { dueAt };
    });
  }

  async closeTask(input: CloseTaskInput): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [closed] = await returningRows<{ stage: string }>(
        manager,
        `UPDATE tasks SET status = 'completed', closed_at = now(), decision = $2, reason = $3, form = $4,
           decided_by = $5, completion_key = $6, version = version + 1
         WHERE id = $1 AND status = 'open'
         RETURNING stage`,
        [
          input.taskId,
          input.decision,
          input.reason ?? null,
          input.form ? JSON.stringify(input.form) : null,
          input.actor.userId,
          input.completionKey,
        ],
      );
      if (!closed) return;
      const terminal = TERMINAL_STAGES.has(input.nextStage);
      await manager.query(
        `UPDATE cases SET stage = $2, status = $3::varchar, updated_at = now(),
           closed_at = CASE WHEN $3::varchar = 'closed' THEN now() END
         WHERE id = $1`,
        [input.caseId, input.nextStage, terminal ? 'closed' : 'open'],
      );
      // A closed case frees its members' ID numbers for a later case.
      if (terminal) await manager.query('DELETE FROM open_case_members WHERE case_id = $1', [input.caseId]);
      await appendAuditEvent(manager, {
        eventKey: `${input.taskId}:completed`,
        actor: input.actor,
        action: 'task.completed',
        entityType: 'task',
        entityId: input.taskId,
        caseId: input.caseId,
        before: { status: 'open', stage: closed.stage },
        after: {
          status: 'completed',
          decision: input.decision,
          form: input.form ?? null,
          caseStage: input.nextStage,
        },
        reason: input.reason ?? null,
      });
    });
  }

  async escalateTask(input: EscalateTaskInput): Promise<EscalatedTask> {
    return this.dataSource.transaction(async (manager) => {
      const nextDeadline = nextEscalationDeadline(
        await this.deadlineContext(manager),
        input.urgent ?? false,
        new Date(input.deadline ?? Date.now()),
      ).toISOString();
      const [escalated] = await returningRows(
        manager,
        `UPDATE tasks SET escalation_level = $2, version = version + 1
         WHERE id = $1 AND status = 'open' AND escalation_level < $2
         RETURNING id`,
        [input.taskId, input.level],
      );
      if (!escalated) return { nextDeadline };
      await appendAuditEvent(manager, {
        eventKey: `${input.taskId}:escalated:${input.level}`,
        actor: SYSTEM_ACTOR,
        action: 'task.escalated',
        entityType: 'task',
        entityId: input.taskId,
        caseId: input.caseId,
        before: { escalationLevel: input.level - 1 },
        after: { escalationLevel: input.level },
      });
      return { nextDeadline };
    });
  }
}
