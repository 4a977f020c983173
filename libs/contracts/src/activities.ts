// What the workflows ask of their activities: the read-model writes of the human-task pattern.

import type { CaseStage, Decision, Role, TaskKind } from '../../domain/src';
import type { Actor } from './household-case';

export interface OpenTaskInput {
  taskId: string;
  caseId: string;
  kind: TaskKind;
  stage: CaseStage;
  candidateRole: Role;
  jurisdictionId: string;
  /**
   * Set by workflows started before deadlines were counted in working days; newer ones leave it out
   * and the activity computes it from the policy and the holiday calendar.
   */
  dueAt?: string;
  urgent: boolean;
}

export interface OpenedTask {
  dueAt: string;
}

export interface CloseTaskInput {
  taskId: string;
  caseId: string;
  decision: Decision;
  reason?: string;
  form?: Record<string, unknown>;
  actor: Actor;
  /** The update id (the request's idempotency key), kept on the task for a repeated request. */
  completionKey: string;
  nextStage: CaseStage;
}

export interface EscalateTaskInput {
  taskId: string;
  caseId: string;
  level: number;
  /** The deadline that just expired, and whether the case is urgent (to count the next interval). */
  deadline?: string;
  urgent?: boolean;
}

export interface RescheduleTaskInput {
  taskId: string;
  caseId: string;
}

export interface EscalatedTask {
  nextDeadline: string;
}

/** The durations workflows started before working-day deadlines read once at start (replay only). */
export interface LegacyCasePolicy {
  taskSlaMs: Record<TaskKind, number>;
  escalationIntervalMs: number;
}

export interface CaseTaskActivities {
  /** @deprecated kept for workflows started before working-day deadlines. */
  loadCasePolicy(caseId: string): Promise<LegacyCasePolicy>;
  openTask(input: OpenTaskInput): Promise<OpenedTask>;
  closeTask(input: CloseTaskInput): Promise<void>;
  escalateTask(input: EscalateTaskInput): Promise<EscalatedTask>;
  /** The case became urgent: the open task gets the urgent deadline if that is sooner. */
  rescheduleTask(input: RescheduleTaskInput): Promise<OpenedTask>;
}
