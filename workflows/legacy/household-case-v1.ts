// The first version of householdCase (2026-11): the village-to-county procedure only, one task at a time.
// Frozen: cases started before the whole lifecycle (patch 'full-lifecycle') replay and finish on this code.

import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  currentUpdateInfo,
  patched,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import {
  DECISION_NOT_ALLOWED,
  TASK_NOT_OPEN,
  caseSettledUpdate,
  caseStateQuery,
  completeTaskUpdate,
  escalateNowSignal,
  markUrgentSignal,
  taskId,
} from '../../libs/contracts/src/household-case';
import type {
  CaseState,
  CompleteTaskInput,
  HouseholdCaseInput,
  OpenTaskSummary,
} from '../../libs/contracts/src/household-case';
import type { CaseTaskActivities } from '../../libs/contracts/src/activities';
import { CASE_STAGE_ATTRIBUTE, CASE_URGENT_ATTRIBUTE } from '../../libs/contracts/src/search-attributes';
import { MAX_ESCALATION_LEVEL, decisionAllowed, stepAfter, taskStep } from '../../libs/domain/src';
import type { CaseStage, FirstVersionStep } from '../../libs/domain/src';
import { Incidents } from '../incidents';
import { READ_MODEL_RETRY } from '../proxies';

/** patched() id: deadlines counted in working days by the activities (2026-11). */
const WORKING_DAY_DEADLINES = 'working-day-deadlines';

// Quick idempotent read-model writes: local activities save a round trip through the server each. Their
// retries end; what still fails raises an incident and waits for an admin's retry (../incidents).
const taskActivities = proxyLocalActivities<CaseTaskActivities>(READ_MODEL_RETRY);

export async function householdCaseV1(input: HouseholdCaseInput): Promise<CaseState> {
  const { caseId, jurisdictions } = input;
  const { loadCasePolicy, openTask, closeTask, escalateTask, rescheduleTask } = new Incidents(caseId).guard(
    taskActivities,
  );
  // Deadlines used to be calendar durations read once at start; now openTask and escalateTask count
  // them in working days and return them. Histories from before keep replaying the old path.
  const legacyPolicy = patched(WORKING_DAY_DEADLINES) ? undefined : await loadCasePolicy(caseId);

  let stage: CaseStage = 'intake';
  let current: (OpenTaskSummary & { kind: FirstVersionStep; deciding: boolean }) | undefined;
  let decided: CompleteTaskInput | undefined;
  // True while the workflow waits for a person; an update answers only once it is true again.
  let settled = false;
  // 特事特办: urgent from intake, or marked later (then the open task is rescheduled once).
  let urgent = input.urgent;
  let urgentPending = false;
  let escalateNowPending = false;
  const attempts = new Map<FirstVersionStep, number>();
  const enterStage = (next: CaseStage) => {
    stage = next;
    upsertSearchAttributes([{ key: CASE_STAGE_ATTRIBUTE, value: next }]);
  };

  const state = (): CaseState => ({
    caseId,
    stage,
    openTasks: current
      ? [
          {
            taskId: current.taskId,
            kind: current.kind,
            dueAt: current.dueAt,
            escalationLevel: current.escalationLevel,
          },
        ]
      : [],
  });

  setHandler(caseStateQuery, state);
  setHandler(markUrgentSignal, () => {
    if (urgent) return;
    urgent = true;
    urgentPending = current !== undefined && !current.deciding;
    upsertSearchAttributes([{ key: CASE_URGENT_ATTRIBUTE, value: true }]);
  });
  setHandler(escalateNowSignal, ({ taskId: requested, level }) => {
    if (current?.taskId !== requested || current.deciding) return;
    if ((level ?? current.escalationLevel + 1) > current.escalationLevel) escalateNowPending = true;
  });
  setHandler(caseSettledUpdate, async () => {
    await condition(() => settled);
    return state();
  });
  setHandler(
    completeTaskUpdate,
    async (decision) => {
      const task = current!;
      task.deciding = true;
      settled = false;
      const next = stepAfter(task.kind, decision.decision);
      await closeTask({
        taskId: task.taskId,
        caseId,
        decision: decision.decision,
        reason: decision.reason,
        form: decision.form,
        actor: decision.actor,
        completionKey: currentUpdateInfo()!.id,
        nextStage: next,
      });
      decided = decision;
      await condition(() => settled);
      return state();
    },
    {
      validator: (decision) => {
        if (!current || current.taskId !== decision.taskId || current.deciding) {
          throw ApplicationFailure.create({
            type: TASK_NOT_OPEN,
            message: `task ${decision.taskId} is not open`,
          });
        }
        if (decision.decision === 'return' && !decisionAllowed(current.kind, 'return')) {
          throw ApplicationFailure.create({
            type: DECISION_NOT_ALLOWED,
            message: `a ${current.kind} task cannot be returned`,
          });
        }
      },
    },
  );

  let kind: FirstVersionStep = 'homeSurvey';
  for (;;) {
    const step = taskStep(kind);
    const attempt = (attempts.get(kind) ?? 0) + 1;
    attempts.set(kind, attempt);
    enterStage(kind);
    const id = taskId(caseId, kind, attempt);
    const legacyDueAt = legacyPolicy && new Date(Date.now() + legacyPolicy.taskSlaMs[kind]).toISOString();
    const opened = await openTask({
      taskId: id,
      caseId,
      kind,
      stage,
      candidateRole: step.candidateRole,
      jurisdictionId: jurisdictions[`${step.level}Id`],
      dueAt: legacyDueAt,
      urgent,
    });
    const dueAt = legacyDueAt ?? opened.dueAt;
    current = { taskId: id, kind, dueAt, escalationLevel: 0, deciding: false };
    settled = true;

    // Wait for the decision; each expiry of the deadline escalates one level (1: overdue, 2, 3), and so
    // does a supervisor's escalate-now. A case marked urgent meanwhile gets the urgent deadline.
    let deadline = Date.parse(dueAt);
    for (;;) {
      const woken = await condition(
        () => decided !== undefined || urgentPending || escalateNowPending,
        Math.max(deadline - Date.now(), 1),
      );
      if (decided !== undefined) break;
      if (urgentPending) {
        urgentPending = false;
        const rescheduled = await rescheduleTask({ taskId: id, caseId });
        current.dueAt = rescheduled.dueAt;
        if (current.escalationLevel === 0) deadline = Math.min(deadline, Date.parse(rescheduled.dueAt));
        continue;
      }
      const escalateNow = woken && escalateNowPending;
      escalateNowPending = false;
      if (current.escalationLevel >= MAX_ESCALATION_LEVEL || current.deciding) {
        if (escalateNow) continue;
        await condition(() => decided !== undefined);
        break;
      }
      current.escalationLevel += 1;
      const escalated = await escalateTask({
        taskId: id,
        caseId,
        level: current.escalationLevel,
        deadline: new Date(escalateNow ? Date.now() : deadline).toISOString(),
        urgent,
      });
      deadline = legacyPolicy
        ? deadline + legacyPolicy.escalationIntervalMs
        : Date.parse(escalated.nextDeadline);
    }

    const decision = decided!;
    decided = undefined;
    current = undefined;
    const next = stepAfter(kind, decision.decision);
    if (next === 'recognised' || next === 'rejected') {
      enterStage(next);
      settled = true;
      break;
    }
    kind = next;
  }

  await condition(allHandlersFinished);
  return state();
}
