// 剩余工作日 how many working days a task has left before its deadline, as the inbox shows it.

import type { HolidayCalendar } from './holiday-calendar';

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The China-local day of an instant as a day number (days since 1970-01-01). */
const chinaDay = (instant: Date): number => Math.floor((instant.getTime() + CHINA_OFFSET_MS) / DAY_MS);
const dayOf = (isoDate: string): number => Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS;

/**
 * Working days counted on day numbers, for a page of tasks at a time: the calendars' dates read once, then
 * each day is a set lookup and a weekday (the same rule as isWorkingDay; a year no calendar covers counts
 * plain weekdays, as the deadlines do).
 */
export class WorkingDayCounter {
  private readonly holidays = new Set<number>();
  private readonly adjustedWorkdays = new Set<number>();

  constructor(calendars: readonly HolidayCalendar[]) {
    for (const calendar of calendars) {
      for (const date of calendar.holidays) this.holidays.add(dayOf(date));
      for (const date of calendar.adjustedWorkdays) this.adjustedWorkdays.add(dayOf(date));
    }
  }

  isWorkingDay(day: number): boolean {
    if (this.adjustedWorkdays.has(day)) return true;
    if (this.holidays.has(day)) return false;
    const weekday = (day + 4) % 7; // 1970-01-01 was a Thursday; 0 is Sunday
    return weekday !== 0 && weekday !== 6;
  }

  /** Working days after the local date of `from` through that of `to` (workingDaysBetween's count). */
  between(from: Date, to: Date): number {
    if (to.getTime() <= from.getTime()) return 0;
    let count = 0;
    for (let day = chinaDay(from) + 1, last = chinaDay(to); day <= last; day++) {
      if (this.isWorkingDay(day)) count++;
    }
    return count;
  }
}

/**
 * Whole working days from today (China time) to the deadline's last day: 0 when it is due by the end of
 * today, 1 by the end of the next working day. Negative once overdue: the working days since the deadline's
 * last day through today, at least 1 (overdue over a weekend is still -1).
 */
export function workingDaysLeft(
  dueAt: Date,
  now: Date,
  calendars: readonly HolidayCalendar[] | WorkingDayCounter,
): number {
  const counter = calendars instanceof WorkingDayCounter ? calendars : new WorkingDayCounter(calendars);
  // A deadline from addWorkingDays is 24:00 of its last day: the last instant in time is one ms before.
  const lastInTime = new Date(dueAt.getTime() - 1);
  if (now.getTime() < dueAt.getTime()) return counter.between(now, lastInTime);
  return -Math.max(1, counter.between(lastInTime, now));
}

/**
 * 临期 "due soon" ends here: 00:00 (China time) of the second working day after today. An open task is due
 * soon when it is not overdue and due by this instant, which is when it has at most one working day left
 * (a deadline over the weekend after the next working day counts as that day's: nobody works on it after).
 */
export function dueSoonCutoff(now: Date, calendars: readonly HolidayCalendar[] | WorkingDayCounter): Date {
  const counter = calendars instanceof WorkingDayCounter ? calendars : new WorkingDayCounter(calendars);
  let day = chinaDay(now);
  for (let workingDays = 0; workingDays < 2;) if (counter.isWorkingDay(++day)) workingDays++;
  return new Date(day * DAY_MS - CHINA_OFFSET_MS);
}
