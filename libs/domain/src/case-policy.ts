// Durations of the case procedure. Production counts days; tests pass a policy in seconds.

import type { TaskKind } from './case-steps';

export interface CasePolicy {
  /** How long each kind of task may stay open before it is overdue, in milliseconds. */
  taskSlaMs: Record<TaskKind, number>;
  /** After the first expiry, the interval between further escalation levels. */
  escalationIntervalMs: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export const DEFAULT_CASE_POLICY: CasePolicy = {
  taskSlaMs: {
    homeSurvey: 5 * DAY_MS,
    democraticAppraisal: 7 * DAY_MS,
    townshipReview: 5 * DAY_MS,
    recognition: 5 * DAY_MS,
  },
  escalationIntervalMs: 2 * DAY_MS,
};

export const MAX_ESCALATION_LEVEL = 3;

/** A policy with the same proportions and every duration divided by `factor` (for tests). */
export function scaledPolicy(policy: CasePolicy, factor: number): CasePolicy {
  const taskSlaMs = { ...policy.taskSlaMs };
  for (const kind of Object.keys(taskSlaMs) as TaskKind[])
    taskSlaMs[kind] = Math.round(taskSlaMs[kind] / factor);
  return { taskSlaMs, escalationIntervalMs: Math.round(policy.escalationIntervalMs / factor) };
}
