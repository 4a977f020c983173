// The human-task pattern for every workflow of the lifecycle: open a task (read model), wait for the decision
// bounded by its deadline, escalate a level on each expiry or on a supervisor's request, close it. Several
// tasks may be open at once (an investigation during the notice, temporary assistance alongside the
// procedure). Decisions arrive as the completeTask Update; it answers once the workflow has moved on and
// has nothing in flight, so the caller's next read already shows the result.

import {
  ApplicationFailure,
  TemporalFailure,
  condition,
  currentUpdateInfo,
  isCancellation,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
} from '@temporalio/workflow';
import type { CaseTaskActivities, EvaluateCaseInput, OpenTaskInput } from '../libs/contracts/src/activities';
import {
  DECISION_NOT_ALLOWED,
  DECISION_NOT_RECORDED,
  DECISION_NOT_STORABLE,
  TASK_NOT_OPEN,
  completeTaskUpdate,
  escalateNowSignal,
  taskId as makeTaskId,
} from '../libs/contracts/src/household-case';
import type {
  CaseState,
  CompleteTaskInput,
  EligibilityRecord,
  OpenTaskSummary,
  TaskCompletion,
} from '../libs/contracts/src/household-case';
import { MAX_ESCALATION_LEVEL, decisionAllowed, taskStep } from '../libs/domain/src';
import type { CaseStage, TaskKind } from '../libs/domain/src';
import { type Incidents, describeFailure } from './incidents';
import { READ_MODEL_RETRY } from './proxies';

const taskActivities = proxyLocalActivities<CaseTaskActivities>(READ_MODEL_RETRY);

/**
 * A decision's write, once the server has stored the Update's acceptance: a normal activity, scheduled with the
 * acceptance. It was a local activity, which writes before the acceptance is stored: when the server lost that
 * workflow task and the Update with it (its database away too, one cluster), the read model said 已完成 while
 * the workflow still waited on the task, and nobody was told. Stored, the decision is written in the end; a
 * write that cannot be made (the database away for minutes, a row it refuses) fails the Update, and the task
 * stays open and decidable.
 */
const durableDecisionWrites = proxyActivities<Pick<CaseTaskActivities, 'closeTask'>>({
  startToCloseTimeout: '8s',
  scheduleToCloseTimeout: '5m',
  retry: { initialInterval: '200ms', maximumInterval: '10s', backoffCoefficient: 2, maximumAttempts: 20 },
});

/** Before DECISION_AFTER_ACCEPTANCE: the write within the Update's workflow task, bounded inside the API's wait. */
const decisionWrites = proxyLocalActivities<Pick<CaseTaskActivities, 'closeTask'>>({
  startToCloseTimeout: '8s',
  scheduleToCloseTimeout: '20s',
  retry: { initialInterval: '200ms', maximumInterval: '4s', backoffCoefficient: 2, maximumAttempts: 6 },
});

/** patched() id: a decision is written by a normal activity, once its Update's acceptance is stored (2026-12). */
const DECISION_AFTER_ACCEPTANCE = 'decision-after-acceptance';

export interface TaskSpec<K extends TaskKind = TaskKind> {
  kind: K;
  /** The task's stage column (the case's stage when it opens). */
  stage: CaseStage;
  jurisdictionId: string;
  /** What the task is about when a step has several at once (a department, an objection). */
  about?: string;
  department?: string;
  payload?: Record<string, unknown>;
  /** A rule only the workflow knows; throws an ApplicationFailure (FORM_INVALID) to refuse the decision. */
  validate?(decision: TaskCompletion<K>): void;
  /** The case enters `stage` with this task: openTask records the change too. */
  stageChange?: StageChange;
  /** A task an earlier run of the workflow opened: wait for its decision without opening it again. */
  resumed?: OpenTaskSummary;
  /**
   * Approval evaluates the case from the decision's findings, written with the decision (one transaction: the
   * decision counts only with its evaluation); `evaluated` takes the record.
   */
  evaluateOnApprove?: {
    input(decision: TaskCompletion<K>): EvaluateCaseInput;
    evaluated(record: EligibilityRecord): void;
  };
}

export type StageChange = OpenTaskInput['stageChange'];

interface OpenTask extends OpenTaskSummary {
  /** The spec's rule, reading the decision as its kind's completion. */
  validate: (decision: CompleteTaskInput) => void;
  /** The evaluation the decision comes with, if any, and where its record goes. */
  evaluation: (decision: CompleteTaskInput) => EvaluateCaseInput | undefined;
  evaluated: (record: EligibilityRecord) => void;
  /**
   * False while the read model is being written: the task already shows there (a worker that restarts in
   * between writes it again on replay), so its decision is taken and waits for the write's end.
   */
  opened: boolean;
  deciding: boolean;
  decided?: CompleteTaskInput;
  urgentPending: boolean;
  escalateNowPending: boolean;
}

/** Counts what the workflow is doing; an answer waits until nothing is in flight. */
export class InFlight {
  private count = 0;

  quiet(): boolean {
    return this.count === 0;
  }

  /** Wraps each function of an activity proxy so that its calls count as in flight. */
  track<T extends object>(activities: T): T {
    return new Proxy(activities, {
      get: (target, name) => {
        const fn = (target as Record<string | symbol, unknown>)[name];
        if (typeof fn !== 'function') return fn;
        return async (...args: unknown[]) => {
          this.count += 1;
          try {
            return await (fn as (...a: unknown[]) => Promise<unknown>)(...args);
          } finally {
            this.count -= 1;
          }
        };
      },
    });
  }
}

export class TaskBoard {
  private readonly open = new Map<string, OpenTask>();
  private readonly tasks: CaseTaskActivities;
  private readonly decisions: Pick<CaseTaskActivities, 'closeTask'>;
  private readonly durableDecisions: Pick<CaseTaskActivities, 'closeTask'>;

  constructor(
    private readonly owner: {
      caseId: string;
      /** Task ids start with it: the case id, or a measure's id. */
      ownerId: string;
      /** The workflow decisions go to, when it is not the case's own. */
      workflowId?: string;
      urgent: () => boolean;
      inFlight: InFlight;
      incidents: Incidents;
      attempts: Partial<Record<string, number>>;
    },
  ) {
    this.tasks = owner.incidents.guard(owner.inFlight.track(taskActivities));
    this.decisions = owner.inFlight.track(decisionWrites);
    this.durableDecisions = owner.inFlight.track(durableDecisionWrites);
  }

  /** Installs the completeTask and escalateNow handlers; `state` is what an answer returns. */
  listen(state: () => CaseState): void {
    setHandler(
      completeTaskUpdate,
      async (decision) => {
        const task = this.open.get(decision.taskId)!;
        task.deciding = true;
        await condition(() => task.opened || !this.open.has(task.taskId));
        if (!task.opened) throw taskNotOpen(task.taskId);
        try {
          const evaluation = task.evaluation(decision);
          const { closeTask } = patched(DECISION_AFTER_ACCEPTANCE) ? this.durableDecisions : this.decisions;
          const closed = await closeTask({
            taskId: task.taskId,
            caseId: this.owner.caseId,
            decision: decision.decision,
            reason: decision.reason,
            form: decision.form,
            actor: decision.actor,
            completionKey: currentUpdateInfo()!.id,
            ...(evaluation && { evaluation }),
          });
          if (evaluation) task.evaluated(closed.evaluation!);
        } catch (error) {
          task.deciding = false;
          throw decisionNotRecorded(error);
        }
        task.decided = decision;
        await condition(() => !this.open.has(task.taskId) && this.owner.inFlight.quiet());
        return state();
      },
      {
        validator: (decision) => {
          const task = this.open.get(decision.taskId);
          if (!task || task.deciding) throw taskNotOpen(decision.taskId);
          if (!decisionAllowed(task.kind, decision.decision)) {
            throw ApplicationFailure.create({
              type: DECISION_NOT_ALLOWED,
              message: `a ${task.kind} task cannot take the decision ${decision.decision}`,
            });
          }
          task.validate(decision);
        },
      },
    );
    setHandler(escalateNowSignal, ({ taskId, level }) => {
      const task = this.open.get(taskId);
      if (!task?.opened || task.deciding) return;
      if ((level ?? task.escalationLevel + 1) > task.escalationLevel) task.escalateNowPending = true;
    });
  }

  openTasks(): OpenTaskSummary[] {
    return [...this.open.values()]
      .filter((task) => task.opened)
      .map(({ taskId, kind, dueAt, escalationLevel }) => ({ taskId, kind, dueAt, escalationLevel }));
  }

  /** The case became urgent: each open task gets the urgent deadline if that is sooner. */
  markUrgent(): void {
    for (const task of this.open.values()) if (task.opened && !task.deciding) task.urgentPending = true;
  }

  /** Opens the task and resolves with the decision once it is recorded. */
  async run<K extends TaskKind>(spec: TaskSpec<K>): Promise<TaskCompletion<K>> {
    const task: OpenTask = {
      ...(spec.resumed ?? { taskId: this.nextTaskId(spec), kind: spec.kind, dueAt: '', escalationLevel: 0 }),
      validate: (decision) => spec.validate?.(completion<K>(decision)),
      evaluation: (decision) =>
        decision.decision === 'approve' ? spec.evaluateOnApprove?.input(completion<K>(decision)) : undefined,
      evaluated: (record) => spec.evaluateOnApprove?.evaluated(record),
      opened: spec.resumed !== undefined,
      deciding: false,
      urgentPending: false,
      escalateNowPending: false,
    };
    const id = task.taskId;
    this.open.set(id, task);
    try {
      if (!task.opened) {
        task.dueAt = (await this.openTask(id, spec)).dueAt;
        task.opened = true;
      }
      await this.awaitDecision(task);
      return completion<K>(task.decided!);
    } finally {
      this.open.delete(id);
    }
  }

  private nextTaskId<K extends TaskKind>(spec: TaskSpec<K>): string {
    const attemptKey = spec.about === undefined ? spec.kind : `${spec.kind}:${spec.about}`;
    const attempt = (this.owner.attempts[attemptKey] ?? 0) + 1;
    this.owner.attempts[attemptKey] = attempt;
    return makeTaskId(this.owner.ownerId, spec.kind, attempt, spec.about);
  }

  private openTask<K extends TaskKind>(taskId: string, spec: TaskSpec<K>) {
    return this.tasks.openTask({
      taskId,
      caseId: this.owner.caseId,
      kind: spec.kind,
      stage: spec.stage,
      candidateRole: taskStep(spec.kind).candidateRole,
      jurisdictionId: spec.jurisdictionId,
      urgent: this.owner.urgent(),
      workflowId: this.owner.workflowId,
      department: spec.department,
      payload: spec.payload,
      keepCaseStage: true,
      stageChange: spec.stageChange,
    });
  }

  // Each expiry of the deadline escalates one level (1: overdue, 2, 3), and so does a supervisor's
  // escalate-now; a case marked urgent meanwhile gets the urgent deadline.
  private async awaitDecision(task: OpenTask): Promise<void> {
    let deadline = Date.parse(task.dueAt);
    for (;;) {
      const woken = await condition(
        () => task.decided !== undefined || task.urgentPending || task.escalateNowPending,
        Math.max(deadline - Date.now(), 1),
      );
      if (task.decided !== undefined) return;
      if (task.urgentPending) {
        task.urgentPending = false;
        const rescheduled = await this.tasks.rescheduleTask({
          taskId: task.taskId,
          caseId: this.owner.caseId,
        });
        task.dueAt = rescheduled.dueAt;
        if (task.escalationLevel === 0) deadline = Math.min(deadline, Date.parse(rescheduled.dueAt));
        continue;
      }
      const escalateNow = woken && task.escalateNowPending;
      task.escalateNowPending = false;
      if (task.escalationLevel >= MAX_ESCALATION_LEVEL || task.deciding) {
        if (escalateNow) continue;
        // A decision whose write then fails leaves the task open, past its deadline: it escalates after all.
        await condition(
          () => task.decided !== undefined || (!task.deciding && task.escalationLevel < MAX_ESCALATION_LEVEL),
        );
        if (task.decided !== undefined) return;
        continue;
      }
      task.escalationLevel += 1;
      const escalated = await this.tasks.escalateTask({
        taskId: task.taskId,
        caseId: this.owner.caseId,
        level: task.escalationLevel,
        deadline: new Date(escalateNow ? Date.now() : deadline).toISOString(),
        urgent: this.owner.urgent(),
      });
      deadline = Date.parse(escalated.nextDeadline);
    }
  }
}

/**
 * A decision as its task's kind reads it. The API validated the form against that kind's DTO before sending the
 * Update, and the validator checked the decision is one the kind allows.
 */
function completion<K extends TaskKind>(decision: CompleteTaskInput): TaskCompletion<K> {
  return decision as unknown as TaskCompletion<K>;
}

function taskNotOpen(taskId: string): ApplicationFailure {
  return ApplicationFailure.create({ type: TASK_NOT_OPEN, message: `task ${taskId} is not open` });
}

/** The Update's failure when the decision's write failed: the task stays open, the caller is told why. */
function decisionNotRecorded(error: unknown): unknown {
  if (!(error instanceof TemporalFailure) || isCancellation(error)) return error;
  const { message, retryable } = describeFailure(error);
  return ApplicationFailure.create({
    type: retryable ? DECISION_NOT_RECORDED : DECISION_NOT_STORABLE,
    message,
    // When: the server answers a later request with the same update id with this same failure, and the API
    // tells the two apart by it (a failed attempt does not use up its idempotency key).
    details: [{ failedAt: new Date().toISOString() }],
  });
}
