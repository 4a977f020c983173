// Deadlines of the case procedure: working days per task kind (hours when the case is urgent; the defaults are in
// each kind's definition), and the interval between escalation levels. Tests run the same rules with every
// duration scaled down.

import { type TaskKind, perTaskKind } from './task-kinds';
import type { HolidayCalendar } from './calendar';
import { addCalendarHours, addWorkingDays } from './calendar';

export interface CasePolicy {
  /** Working days a task may stay open before it is overdue. */
  taskSlaWorkingDays: Record<TaskKind, number>;
  /** 特事特办 urgent cases: hours instead of working days. */
  urgentTaskSlaHours: Record<TaskKind, number>;
  /** Working days between escalation levels after the first expiry (hours when urgent). */
  escalationIntervalWorkingDays: number;
  urgentEscalationIntervalHours: number;
}

export const DEFAULT_CASE_POLICY: CasePolicy = {
  taskSlaWorkingDays: perTaskKind((step) => step.sla.workingDays),
  urgentTaskSlaHours: perTaskKind((step) => step.sla.urgentHours),
  escalationIntervalWorkingDays: 2,
  urgentEscalationIntervalHours: 12,
};

export const MAX_ESCALATION_LEVEL = 3;

export interface DeadlineContext {
  policy: CasePolicy;
  calendars: readonly HolidayCalendar[];
  /** Every duration is divided by this (1 in production; tests turn days into seconds). */
  timeScale: number;
}

function scaled(from: Date, until: Date, timeScale: number): Date {
  return new Date(from.getTime() + Math.round((until.getTime() - from.getTime()) / timeScale));
}

// A year without a calendar yet counts weekdays only, rather than leave a task without a deadline.
const UNKNOWN_YEARS = { unknownYears: 'weekdays' } as const;

/** When a task of `kind` opened at `openedAt` becomes overdue. */
export function taskDeadline(
  context: DeadlineContext,
  kind: TaskKind,
  urgent: boolean,
  openedAt: Date,
): Date {
  const { policy, calendars, timeScale } = context;
  const due = urgent
    ? addCalendarHours(openedAt, policy.urgentTaskSlaHours[kind])
    : addWorkingDays(openedAt, policy.taskSlaWorkingDays[kind], calendars, UNKNOWN_YEARS);
  return scaled(openedAt, due, timeScale);
}

/** When the next escalation level fires, counted from the previous deadline. */
export function nextEscalationDeadline(context: DeadlineContext, urgent: boolean, previous: Date): Date {
  const { policy, calendars, timeScale } = context;
  const next = urgent
    ? addCalendarHours(previous, policy.urgentEscalationIntervalHours)
    : // A deadline is the end of a day (24:00): the day after it is the first that counts.
      addWorkingDays(
        new Date(previous.getTime() - 1),
        policy.escalationIntervalWorkingDays,
        calendars,
        UNKNOWN_YEARS,
      );
  return scaled(previous, next, timeScale);
}
