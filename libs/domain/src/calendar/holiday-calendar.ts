// 节假日安排 holiday arrangement: one calendar per year, entered by an admin from the State Council notice.

/** ISO local dates (YYYY-MM-DD) in China time. */
export type HolidayCalendar = {
  year: number;
  /** Statutory days off, wherever they fall in the week. */
  holidays: string[];
  /** 调休 adjusted working days: Saturdays or Sundays that are worked to make up a holiday block. */
  adjustedWorkdays: string[];
};

/** What to do with a date in a year no calendar covers: assume plain weekdays, or refuse. */
export type UnknownYearRule = 'weekdays' | 'throw';
export type WorkingDayOptions = { unknownYears?: UnknownYearRule };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The year of a real calendar date in YYYY-MM-DD form, or null (rejects 2026-02-30, 2026/02/14). */
function isoDateYear(date: string): number | null {
  const match = ISO_DATE.exec(date);
  if (!match) return null;
  const [year, month, day] = match.slice(1).map(Number);
  const parsed = new Date(Date.UTC(year, month - 1, day));
  const real =
    parsed.getUTCFullYear() === year && parsed.getUTCMonth() === month - 1 && parsed.getUTCDate() === day;
  return real ? year : null;
}

export function isIsoDate(date: string): boolean {
  return isoDateYear(date) !== null;
}

function requireIsoDate(date: string): number {
  const year = isoDateYear(date);
  if (year === null) throw new Error(`not an ISO date (YYYY-MM-DD): ${date}`);
  return year;
}

/** Saturday or Sunday; a calendar date has no time zone, so UTC is only the arithmetic here. */
export function isWeekend(date: string): boolean {
  requireIsoDate(date);
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** Two calendars for one year would make the answer depend on their order, so refuse them. */
function calendarForYear(year: number, calendars: readonly HolidayCalendar[]): HolidayCalendar | undefined {
  const matches = calendars.filter((calendar) => calendar.year === year);
  if (matches.length > 1) throw new Error(`more than one holiday calendar for ${year}`);
  return matches[0];
}

export function isWorkingDay(
  date: string,
  calendars: readonly HolidayCalendar[],
  options: WorkingDayOptions = {},
): boolean {
  const year = requireIsoDate(date);
  const calendar = calendarForYear(year, calendars);
  if (!calendar) {
    if ((options.unknownYears ?? 'throw') === 'throw') {
      throw new Error(
        `no holiday calendar for ${year}: an admin must enter that year's State Council arrangement ` +
          `(or pass { unknownYears: 'weekdays' })`,
      );
    }
    return !isWeekend(date);
  }
  if (calendar.adjustedWorkdays.includes(date)) return true;
  return !calendar.holidays.includes(date) && !isWeekend(date);
}

/** Problems an admin must fix before a calendar is used, in Chinese; empty when it is valid. */
export function calendarProblems(calendar: HolidayCalendar): string[] {
  if (!Number.isInteger(calendar.year)) return [`年份 ${calendar.year} 不是整数`];
  return [
    ...dateListProblems('放假日期', calendar.holidays, calendar.year),
    ...dateListProblems('调休上班日', calendar.adjustedWorkdays, calendar.year),
    ...calendar.holidays
      .filter((date) => calendar.adjustedWorkdays.includes(date))
      .map((date) => `${date} 既是放假日期又是调休上班日`),
    ...calendar.adjustedWorkdays
      .filter((date) => isIsoDate(date) && !isWeekend(date))
      .map((date) => `调休上班日 ${date} 不是周六或周日`),
  ];
}

function dateListProblems(label: string, dates: readonly string[], year: number): string[] {
  const problems: string[] = [];
  dates.forEach((date, index) => {
    const dateYear = isoDateYear(date);
    if (dateYear === null) problems.push(`${label}「${date}」不是有效日期（应为 YYYY-MM-DD）`);
    else if (dateYear !== year) problems.push(`${label} ${date} 不在 ${year} 年内`);
    else if (dates.indexOf(date) !== index) problems.push(`${label} ${date} 重复`);
  });
  return problems;
}
