// Read-model writes of the human-task pattern. Each is idempotent, keyed by ids the workflow chose,
// and writes its audit event in the same transaction: a retry changes nothing.

import { ApplicationFailure } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import type {
  CaseTaskActivities,
  ClosedTask,
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
  taskStep,
  nextEscalationDeadline,
  taskDeadline,
} from '@libs/domain';
import {
  appendAuditEvent,
  appendAuditEvents,
  type AuditEventInput,
  CasesRepository,
  loadHolidayCalendars,
  loadLifecyclePolicy,
  notifyUsers,
  type OutboundChannel,
  type TaskRow,
  TasksRepository,
} from '@libs/persistence';
import type { EntityManager } from 'typeorm';
import { IncidentActivitiesImpl } from './incidents.activities';

const TERMINAL_STAGES = new Set(['recognised', 'rejected']);
const CACHE_MS = 60_000;

export class CaseTaskActivitiesImpl extends IncidentActivitiesImpl implements CaseTaskActivities {
  protected readonly tasks = new TasksRepository();
  protected readonly cases = new CasesRepository();

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
    task: Pick<TaskRow, 'kind' | 'jurisdiction_path' | 'due_at'>,
  ): Promise<{ jurisdictionId: string | null; userIds: string[] }> {
    const chain = task.jurisdiction_path.split('.');
    const supervisors = await this.users.findByRolesIn(manager, ['supervisor'], chain);
    const jurisdictionId = escalationJurisdiction(
      chain,
      new Set(supervisors.map((s) => s.jurisdiction_id)),
      input.level,
    );
    const userIds = supervisors.filter((s) => s.jurisdiction_id === jurisdictionId).map((s) => s.id);
    const place = await this.tasks.findPlaceNames(manager, input.taskId);
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

  /** The deadlines of the case's county (read from the case unless the caller has it) and the calendar. */
  async #deadlineContext(
    manager: EntityManager,
    of: { caseId: string } | { countyId: string },
  ): Promise<DeadlineContext> {
    if (!this.calendars || Date.now() - this.calendars.loadedAt > CACHE_MS) {
      this.calendars = { value: await loadHolidayCalendars(manager), loadedAt: Date.now() };
    }
    const countyId = 'countyId' in of ? of.countyId : await this.cases.findCountyId(manager, of.caseId);
    return {
      policy: await this.#casePolicy(manager, countyId),
      calendars: this.calendars.value,
      timeScale: this.policyTimeScale,
    };
  }

  /** The task deadlines of a county (its policy over the defaults). */
  async #casePolicy(manager: EntityManager, countyId: string | undefined): Promise<CasePolicy> {
    if (!countyId) return DEFAULT_CASE_POLICY;
    const cached = this.countyPolicies.get(countyId);
    if (cached && Date.now() - cached.loadedAt <= CACHE_MS) return cached.value;
    const value = casePolicyOf(await loadLifecyclePolicy(manager, countyId));
    this.countyPolicies.set(countyId, { value, loadedAt: Date.now() });
    return value;
  }

  async openTask(input: OpenTaskInput): Promise<OpenedTask> {
    return this.dataSource.transaction(async (manager) => {
      // The case row is held until the task is written: a closing case (closeCase takes the row first)
      // either waits and then cancels this task with the rest, or has closed, and no task opens on it (a
      // workflow cancelled with the case may still be writing one).
      const held = await this.cases.holdStatus(manager, input.caseId);
      if (held && held.status !== 'open') {
        const existing = await this.tasks.findDueAt(manager, input.taskId);
        if (existing) return { dueAt: existing.due_at.toISOString() };
        throw ApplicationFailure.nonRetryable(`案件 ${input.caseId} 已办结，不再开启任务`, CASE_CLOSED);
      }
      const openedAt = new Date();
      const dueAt =
        input.dueAt ??
        taskDeadline(
          await this.#deadlineContext(manager, held ? { countyId: held.county_id } : input),
          input.kind,
          input.urgent,
          openedAt,
        ).toISOString();
      const inserted = await this.tasks.insertOpen(manager, {
        id: input.taskId,
        caseId: input.caseId,
        kind: input.kind,
        stage: input.stage,
        candidateRole: input.candidateRole,
        jurisdictionId: input.jurisdictionId,
        urgent: input.urgent,
        dueAt,
        openedAt,
        workflowId: input.workflowId ?? null,
        department: input.department ?? null,
        payload: input.payload ?? null,
      });
      if (!inserted) {
        // Written by an earlier attempt (answer as it did), or the case row is not committed yet: retry then.
        const existing = await this.tasks.findDueAt(manager, input.taskId);
        if (!existing)
          throw new Error(`case ${input.caseId} or jurisdiction ${input.jurisdictionId} not found yet`);
        return { dueAt: existing.due_at.toISOString() };
      }
      const stageChanged =
        input.stageChange &&
        (await changeStage(this.cases, manager, input.caseId, input.stage, input.stageChange.seq));
      const stageBefore = input.keepCaseStage
        ? undefined
        : await this.cases.moveStage(manager, input.caseId, input.stage);
      const opened: AuditEventInput = {
        eventKey: `${input.taskId}:opened`,
        actor: SYSTEM_ACTOR,
        action: 'task.opened',
        entityType: 'task',
        entityId: input.taskId,
        caseId: input.caseId,
        before: input.keepCaseStage ? null : { stage: stageBefore ?? null },
        after: {
          stage: input.stage,
          kind: input.kind,
          candidateRole: input.candidateRole,
          jurisdictionId: input.jurisdictionId,
          department: input.department ?? null,
          dueAt,
        },
      };
      await appendAuditEvents(manager, stageChanged ? [stageChanged, opened] : [opened]);
      return { dueAt };
    });
  }

  async closeTask(input: CloseTaskInput): Promise<ClosedTask> {
    await this.dataSource.transaction((manager) => this.closeTaskIn(manager, input));
    return {};
  }

  /** The task completed with its decision, and its audit event, in the caller's transaction (once). */
  protected async closeTaskIn(manager: EntityManager, input: CloseTaskInput): Promise<void> {
    const closed = await this.tasks.complete(manager, {
      taskId: input.taskId,
      decision: input.decision,
      reason: input.reason ?? null,
      form: input.form ?? null,
      actor: input.actor,
      completionKey: input.completionKey,
    });
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
  }

  /** First workflow version: the decision sets the case's stage, and a final one closes the case. */
  async #moveFirstVersionCase(manager: EntityManager, caseId: string, nextStage: string): Promise<void> {
    const terminal = TERMINAL_STAGES.has(nextStage);
    await this.cases.setStageAndStatus(manager, caseId, nextStage, terminal ? 'closed' : 'open');
    if (terminal) await this.cases.releaseMembers(manager, caseId);
  }

  async rescheduleTask(input: RescheduleTaskInput): Promise<OpenedTask> {
    return this.dataSource.transaction(async (manager) => {
      const task = await this.tasks.lockDeadline(manager, input.taskId);
      const urgentDue = taskDeadline(
        await this.#deadlineContext(manager, input),
        task.kind,
        true,
        task.opened_at,
      );
      if (task.status !== 'open' || urgentDue >= task.due_at) return { dueAt: task.due_at.toISOString() };
      await this.tasks.makeUrgent(manager, input.taskId, urgentDue);
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
        await this.#deadlineContext(manager, input),
        input.urgent ?? false,
        new Date(input.deadline ?? Date.now()),
      ).toISOString();
      const escalated = await this.tasks.escalateOpen(manager, input.taskId, input.level);
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

/**
 * The case enters `stage`: the read model's stage moved, and the change's audit event (keyed by the workflow's
 * count) for the caller to append with the rest of its transaction's events.
 */
export async function changeStage(
  cases: CasesRepository,
  manager: EntityManager,
  caseId: string,
  stage: CaseStage,
  seq: number,
  reason?: string,
): Promise<AuditEventInput> {
  const before = await cases.moveOpenCaseStage(manager, caseId, stage);
  if (!before) throw new Error(`case ${caseId} not found yet`);
  return {
    eventKey: `${caseId}:stage:${seq}`,
    actor: SYSTEM_ACTOR,
    action: 'case.stageChanged',
    entityType: 'case',
    entityId: caseId,
    caseId,
    before: { stage: before },
    after: { stage, label: STAGE_LABELS[stage] },
    reason: reason ?? null,
  };
}
