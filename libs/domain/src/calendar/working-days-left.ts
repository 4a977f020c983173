// 剩余工作日 how many working days a task has left before its deadline, as the inbox shows it.

import type { HolidayCalendar, WorkingDayOptions } from './holiday-calendar';
import { workingDaysBetween } from './working-days';

// A year without a calendar yet counts weekdays, as the deadlines themselves do (case-policy.ts).
const UNKNOWN_YEARS: WorkingDayOptions = { unknownYears: 'weekdays' };

/**
 * Whole working days from today (China time) to the deadline's last day: 0 when it is due by the end of
 * today, 1 by the end of the next working day. Negative once overdue: the working days since the deadline's
 * last day through today, at least 1 (overdue over a weekend is still -1).
 */
export function workingDaysLeft(dueAt: Date, now: Date, calendars: readonly HolidayCalendar[]): number {
  // A deadline from addWorkingDays is 24:00 of its last day: the last instant in time is one ms before.
  const lastInTime = new Date(dueAt.getTime() - 1);
  if (now.getTime() < dueAt.getTime()) return workingDaysBetween(now, lastInTime, calendars, UNKNOWN_YEARS);
  return -Math.max(1, workingDaysBetween(lastInTime, now, calendars, UNKNOWN_YEARS));
}
