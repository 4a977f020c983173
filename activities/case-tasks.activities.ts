// Read-model writes of the human-task pattern. Each is idempotent, keyed by ids the workflow chose,
// and writes its audit event in the same transaction: a retry changes nothing.

import { ApplicationFailure } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import type {
  CaseTaskActivities,
  CloseTaskInput,
  EscalatedTask,
  EscalateTaskInput,
  LegacyCasePolicy,
  OpenedTask,
  OpenTaskInput,
  RescheduleTaskInput,
} from '@libs/contracts';
import { CASE_CLOSED, SYSTEM_ACTOR } from '@libs/contracts';
import {
  DEFAULT_CASE_POLICY,
  type CasePolicy,
  casePolicyOf,
  ESCALATION_LEVEL_LABELS,
  STAGE_LABELS,
  type CaseStage,
  escalationJurisdiction,
  type HolidayCalendar,
  type DeadlineContext,
  type TaskKind,
  taskStep,
  nextEscalationDeadline,
  taskDeadline,
} from '@libs/domain';
import {
  appendAuditEvent,
  loadHolidayCalendars,
  loadLifecyclePolicy,
  notifyUsers,
  type OutboundChannel,
  returningRows,
} from '@libs/persistence';
import type { EntityManager } from 'typeorm';
import { IncidentActivitiesImpl } from './incidents.activities';

const TERMINAL_STAGES = new Set(['recognised', 'rejected']);
const CACHE_MS = 60_000;

export class CaseTaskActivitiesImpl extends IncidentActivitiesImpl implements CaseTaskActivities {
  constructor(
    dataSource: DataSource,
    private readonly policyTimeScale: number,
    /** Outbound channels configured besides the in-app list (webhook, SMS). */
    outboundChannels: readonly OutboundChannel[] = [],
  ) {
    super(dataSource, outboundChannels);
  }

  /** 逐级督办: the supervisors of the level's jurisdiction hear of it, in the app and on each channel. */
  async #notifySupervisors(
    manager: EntityManager,
    input: EscalateTaskInput,
    task: { kind: TaskKind; jurisdiction_path: string; due_at: Date },
  ): Promise<{ jurisdictionId: string | null; userIds: string[] }> {
    const chain = task.jurisdiction_path.split('.');
    const supervisors: { id: string; jurisdiction_id: string }[] = await manager.query(
      `SELECT id, jurisdiction_id FROM users WHERE role = 'supervisor' AND jurisdiction_id = ANY($1)`,
      [chain],
    );
    const jurisdictionId = escalationJurisdiction(
      chain,
      new Set(supervisors.map((s) => s.jurisdiction_id)),
      input.level,
    );
    const userIds = supervisors.filter((s) => s.jurisdiction_id === jurisdictionId).map((s) => s.id);
    const [place] = await manager.query(
      `SELECT v.name AS village, t.name AS township FROM tasks k
       JOIN jurisdictions v ON v.id = k.village_id JOIN jurisdictions t ON t.id = v.parent_id WHERE k.id = $1`,
      [input.taskId],
    );
    await notifyUsers(manager, {
      eventKey: `${input.taskId}:escalated:${input.level}`,
      userIds,
      kind: 'taskEscalated',
      title: `${ESCALATION_LEVEL_LABELS[input.level]}：${taskStep(task.kind).label}任务超期`,
      body:
        `${place.township}${place.village}的${taskStep(task.kind).label}任务（${input.taskId}）` +
        `应于 ${task.due_at.toISOString()} 前办结，现已超期，请督促办理。`,
      caseId: input.caseId,
      taskId: input.taskId,
      channels: this.outboundChannels,
    });
    return { jurisdictionId: jurisdictionId ?? null, userIds };
  }

  async loadCasePolicy(_caseId: string): Promise<LegacyCasePolicy> {
    const day = 86_400_000 / this.policyTimeScale;
    const { taskSlaWorkingDays, escalationIntervalWorkingDays } = DEFAULT_CASE_POLICY;
    const taskSlaMs = Object.fromEntries(
      (['homeSurvey', 'democraticAppraisal', 'townshipReview', 'recognition'] as const).map((kind) => [
        kind,
        Math.round(taskSlaWorkingDays[kind] * day),
      ]),
    );
    return {
      taskSlaMs: taskSlaMs as LegacyCasePolicy['taskSlaMs'],
      escalationIntervalMs: Math.round(escalationIntervalWorkingDays * day),
    };
  }

  // Every task opened reads the calendar and its county's deadlines: kept for a minute instead (an admin's
  // edit applies within it).
  private calendars: { value: HolidayCalendar[]; loadedAt: number } | undefined;
  private readonly countyPolicies = new Map<string, { value: CasePolicy; loadedAt: number }>();

  async #deadlineContext(manager: EntityManager, caseId: string): Promise<DeadlineContext> {
    if (!this.calendars || Date.now() - this.calendars.loadedAt > CACHE_MS) {
      this.calendars = { value: await loadHolidayCalendars(manager), loadedAt: Date.now() };
    }
    return {
      policy: await this.#casePolicy(manager, caseId),
      calendars: this.calendars.value,
      timeScale: this.policyTimeScale,
    };
  }

  /** The task deadlines of the case's county (its policy over the defaults). */
  async #casePolicy(manager: EntityManager, caseId: string): Promise<CasePolicy> {
    const [row]: { county_id: string }[] = await manager.query(
      `SELECT split_part(jurisdiction_path, '.', 1) AS county_id FROM cases WHERE id = $1`,
      [caseId],
    );
    if (!row) return DEFAULT_CASE_POLICY;
    const cached = this.countyPolicies.get(row.county_id);
    if (cached && Date.now() - cached.loadedAt <= CACHE_MS) return cached.value;
    const value = casePolicyOf(await loadLifecyclePolicy(manager, row.county_id));
    this.countyPolicies.set(row.county_id, { value, loadedAt: Date.now() });
    return value;
  }

  async openTask(input: OpenTaskInput): Promise<OpenedTask> {
    return this.dataSource.transaction(async (manager) => {
      // The case row is held until the task is written: a closing case (closeCase takes the row first)
      // either waits and then cancels this task with the rest, or has closed, and no task opens on it (a
      // workflow cancelled with the case may still be writing one).
      const [held] = await manager.query('SELECT status FROM cases WHERE id = $1 FOR NO KEY UPDATE', [
        input.caseId,
      ]);
      if (held && held.status !== 'open') {
        const [existing] = await manager.query('SELECT due_at FROM tasks WHERE id = $1', [input.taskId]);
        if (existing) return { dueAt: existing.due_at.toISOString() };
        throw ApplicationFailure.nonRetryable(`案件 ${input.caseId} 已办结，不再开启任务`, CASE_CLOSED);
      }
      const openedAt = new Date();
      const dueAt =
        input.dueAt ??
        taskDeadline(
          await this.#deadlineContext(manager, input.caseId),
          input.kind,
          input.urgent,
          openedAt,
        ).toISOString();
      const inserted = await manager.query(
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
          input.taskId,
          input.caseId,
          input.kind,
          input.stage,
          input.candidateRole,
          input.jurisdictionId,
          input.urgent,
          dueAt,
          openedAt,
          input.workflowId ?? null,
          input.department ?? null,
          input.payload ? JSON.stringify(input.payload) : null,
        ],
      );
      if (inserted.length === 0) {
        // Written by an earlier attempt (answer as it did), or the case row is not committed yet: retry then.
        const [existing] = await manager.query('SELECT due_at FROM tasks WHERE id = $1', [input.taskId]);
        if (!existing)
          throw new Error(`case ${input.caseId} or jurisdiction ${input.jurisdictionId} not found yet`);
        return { dueAt: existing.due_at.toISOString() };
      }
      if (input.stageChange) await changeStage(manager, input.caseId, input.stage, input.stageChange.seq);
      const [before] = input.keepCaseStage
        ? []
        : await returningRows<{ stage: string }>(
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
        before: input.keepCaseStage ? null : { stage: before?.stage ?? null },
        after: {
          stage: input.stage,
          kind: input.kind,
          candidateRole: input.candidateRole,
          jurisdictionId: input.jurisdictionId,
          department: input.department ?? null,
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
      if (input.nextStage) await this.#moveFirstVersionCase(manager, input.caseId, input.nextStage);
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
          caseStage: input.nextStage ?? null,
        },
        reason: input.reason ?? null,
      });
    });
  }

  /** First workflow version: the decision sets the case's stage, and a final one closes the case. */
  async #moveFirstVersionCase(manager: EntityManager, caseId: string, nextStage: string): Promise<void> {
    const terminal = TERMINAL_STAGES.has(nextStage);
    await manager.query(
      `UPDATE cases SET stage = $2, status = $3::varchar, updated_at = now(),
         closed_at = CASE WHEN $3::varchar = 'closed' THEN now() END
       WHERE id = $1`,
      [caseId, nextStage, terminal ? 'closed' : 'open'],
    );
    // A closed case frees its members' ID numbers for a later case.
    if (terminal) await manager.query('DELETE FROM open_case_members WHERE case_id = $1', [caseId]);
  }

  async rescheduleTask(input: RescheduleTaskInput): Promise<OpenedTask> {
    return this.dataSource.transaction(async (manager) => {
      const [task] = await manager.query(
        'SELECT kind, opened_at, due_at, status FROM tasks WHERE id = $1 FOR UPDATE',
        [input.taskId],
      );
      const urgentDue = taskDeadline(
        await this.#deadlineContext(manager, input.caseId),
        task.kind,
        true,
        task.opened_at,
      );
      if (task.status !== 'open' || urgentDue >= task.due_at) return { dueAt: task.due_at.toISOString() };
      await manager.query(
        `UPDATE tasks SET due_at = $2, urgent = true, priority = greatest(priority, 1), version = version + 1
         WHERE id = $1`,
        [input.taskId, urgentDue],
      );
      await appendAuditEvent(manager, {
        eventKey: `${input.taskId}:rescheduled-urgent`,
        actor: SYSTEM_ACTOR,
        action: 'task.rescheduled',
        entityType: 'task',
        entityId: input.taskId,
        caseId: input.caseId,
        before: { dueAt: task.due_at.toISOString(), urgent: false },
        after: { dueAt: urgentDue.toISOString(), urgent: true },
        reason: '案件标记为特事特办，改按紧急时限',
      });
      return { dueAt: urgentDue.toISOString() };
    });
  }

  async escalateTask(input: EscalateTaskInput): Promise<EscalatedTask> {
    return this.dataSource.transaction(async (manager) => {
      const nextDeadline = nextEscalationDeadline(
        await this.#deadlineContext(manager, input.caseId),
        input.urgent ?? false,
        new Date(input.deadline ?? Date.now()),
      ).toISOString();
      const [escalated] = await returningRows<{ kind: TaskKind; jurisdiction_path: string; due_at: Date }>(
        manager,
        `UPDATE tasks SET escalation_level = $2, version = version + 1
         WHERE id = $1 AND status = 'open' AND escalation_level < $2
         RETURNING kind, jurisdiction_path, due_at`,
        [input.taskId, input.level],
      );
      if (!escalated) return { nextDeadline };
      const notified = await this.#notifySupervisors(manager, input, escalated);
      await appendAuditEvent(manager, {
        eventKey: `${input.taskId}:escalated:${input.level}`,
        actor: SYSTEM_ACTOR,
        action: 'task.escalated',
        entityType: 'task',
        entityId: input.taskId,
        caseId: input.caseId,
        before: { escalationLevel: input.level - 1 },
        after: {
          escalationLevel: input.level,
          notifiedJurisdictionId: notified.jurisdictionId,
          notifiedUserIds: notified.userIds,
        },
      });
      return { nextDeadline };
    });
  }
}

/** The case enters `stage`: the read model's stage and its audit event (keyed by the workflow's count). */
export async function changeStage(
  manager: EntityManager,
  caseId: string,
  stage: CaseStage,
  seq: number,
  reason?: string,
): Promise<void> {
  const [before] = await returningRows<{ stage: string }>(
    manager,
    `UPDATE cases c SET stage = $2, updated_at = now() FROM (SELECT stage FROM cases WHERE id = $1) old
     WHERE c.id = $1 AND c.status = 'open' RETURNING old.stage`,
    [caseId, stage],
  );
  if (!before) throw new Error(`case ${caseId} not found yet`);
  await appendAuditEvent(manager, {
    eventKey: `${caseId}:stage:${seq}`,
    actor: SYSTEM_ACTOR,
    action: 'case.stageChanged',
    entityType: 'case',
    entityId: caseId,
    caseId,
    before: { stage: before.stage },
    after: { stage, label: STAGE_LABELS[stage] },
    reason: reason ?? null,
  });
}
