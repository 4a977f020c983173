// 工作日 working-day deadlines for SLAs, counted in China Standard Time (UTC+8, no daylight saving).
// All arithmetic shifts the UTC instant by +8h and reads UTC fields, so the host's time zone never matters.

import { HolidayCalendar, isIsoDate, isWorkingDay, WorkingDayOptions } from './holiday-calendar';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const CHINA_OFFSET_MS = 8 * HOUR_MS;

function requireInstant(instant: Date, name: string): number {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new Error(`${name} is not a valid date`);
  return ms;
}

/** The China local date (YYYY-MM-DD) of an instant, e.g. 2026-03-01T16:30:00Z is 2026-03-02. */
export function chinaLocalDate(instant: Date): string {
  return new Date(requireInstant(instant, 'instant') + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** 24:00 China time at the end of a local date, i.e. 00:00 +08:00 of the next day, as a UTC instant. */
export function endOfChinaDay(date: string): Date {
  if (!isIsoDate(date)) throw new Error(`not an ISO date (YYYY-MM-DD): ${date}`);
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS - CHINA_OFFSET_MS);
}

function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

/**
 * The deadline for an SLA of `days` working days: the end of the Nth working day after the start's local
 * date. The start's own day never counts, even when the task is opened first thing on a working day.
 */
export function addWorkingDays(
  start: Date,
  days: number,
  calendars: readonly HolidayCalendar[],
  options: WorkingDayOptions = {},
): Date {
  if (!Number.isInteger(days) || days < 1)
    throw new Error(`working days must be a whole number ≥ 1: ${days}`);
  let date = chinaLocalDate(start);
  let counted = 0;
  while (counted < days) {
    date = nextDate(date);
    if (isWorkingDay(date, calendars, options)) counted++;
  }
  return endOfChinaDay(date);
}

/**
 * Whole working days from the local date after `from` through the local date of `to`; 0 when `to` is not
 * after `from`. A deadline from addWorkingDays is exclusive: its last in-time instant is one ms earlier.
 */
export function workingDaysBetween(
  from: Date,
  to: Date,
  calendars: readonly HolidayCalendar[],
  options: WorkingDayOptions = {},
): number {
  if (requireInstant(to, 'to') <= requireInstant(from, 'from')) return 0;
  const last = chinaLocalDate(to);
  let count = 0;
  for (let date = nextDate(chinaLocalDate(from)); date <= last; date = nextDate(date)) {
    if (isWorkingDay(date, calendars, options)) count++;
  }
  return count;
}

/** Urgent SLAs run round the clock, holidays included, so they need no calendar. */
export function addCalendarHours(start: Date, hours: number): Date {
  if (!Number.isFinite(hours) || hours < 0) throw new Error(`hours must be a finite number ≥ 0: ${hours}`);
  return new Date(requireInstant(start, 'start') + hours * HOUR_MS);
}
