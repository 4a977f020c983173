// 不作为 inaction: how far past its deadline an open task has to be before an inspector sees it.

import { chinaLocalDate, endOfChinaDay, type HolidayCalendar, isWorkingDay } from '../calendar';

const DAY_MS = 86_400_000;

/**
 * The instant before which a deadline has to fall for its task to be `workingDays` working days overdue by
 * `now`: that many working days, counted back from today (China time, today included when it is one), lie
 * between the deadline's day and now. A task due on or after the instant is not yet reported.
 */
export function overdueCutoff(now: Date, workingDays: number, calendars: readonly HolidayCalendar[]): Date {
  if (!Number.isInteger(workingDays) || workingDays < 1)
    throw new Error(`working days must be a whole number ≥ 1: ${workingDays}`);
  let date = chinaLocalDate(now);
  let counted = 0;
  for (;;) {
    if (isWorkingDay(date, calendars, { unknownYears: 'weekdays' })) counted++;
    if (counted === workingDays) break;
    date = new Date(Date.parse(`${date}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
  }
  // The deadline's day must end before the first of the counted days begins.
  return endOfChinaDay(new Date(Date.parse(`${date}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10));
}
