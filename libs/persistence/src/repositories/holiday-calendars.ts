// 节假日安排 holiday arrangements, one per year: task deadlines count working days from them.

import type { HolidayCalendar } from '@libs/domain';
import type { Queryable } from '../sql';

/** A row of `holiday_calendars`, with the name of who last set it. */
export interface CalendarRow {
  year: number;
  holidays: string[];
  adjusted_workdays: string[];
  updated_at: Date;
  updated_by: string | null;
  updated_by_name: string | null;
}

const CALENDAR_SELECT = `
  SELECT h.year, h.holidays, h.adjusted_workdays, h.updated_at, h.updated_by, u.display_name AS updated_by_name
  FROM holiday_calendars h LEFT JOIN users u ON u.id = h.updated_by`;

// Writers of one year's calendar queue on this lock (with the year), so what they read is what they replace.
const CALENDAR_LOCK = 7_401_002;

/** Every year's holiday arrangement, oldest first. */
export async function loadHolidayCalendars(db: Queryable): Promise<HolidayCalendar[]> {
  const rows: Pick<CalendarRow, 'year' | 'holidays' | 'adjusted_workdays'>[] = await db.query(
    'SELECT year, holidays, adjusted_workdays FROM holiday_calendars ORDER BY year',
  );
  return rows.map((row) => ({
    year: row.year,
    holidays: row.holidays,
    adjustedWorkdays: row.adjusted_workdays,
  }));
}

/** Every year's arrangement as stored, oldest first. */
export function findHolidayCalendars(db: Queryable): Promise<CalendarRow[]> {
  return db.query(`${CALENDAR_SELECT} ORDER BY h.year`);
}

export async function findHolidayCalendar(db: Queryable, year: number): Promise<CalendarRow | undefined> {
  const [row]: CalendarRow[] = await db.query(`${CALENDAR_SELECT} WHERE h.year = $1`, [year]);
  return row;
}

/** Holds the year's calendar against other writers until the caller's transaction ends. */
export async function lockHolidayCalendar(db: Queryable, year: number): Promise<void> {
  await db.query('SELECT pg_advisory_xact_lock($1, $2)', [CALENDAR_LOCK, year]);
}

export async function saveHolidayCalendar(
  db: Queryable,
  calendar: HolidayCalendar,
  userId: string,
): Promise<void> {
  await db.query(
    `INSERT INTO holiday_calendars (year, holidays, adjusted_workdays, updated_at, updated_by)
     VALUES ($1, $2, $3, now(), $4)
     ON CONFLICT (year) DO UPDATE SET holidays = EXCLUDED.holidays,
       adjusted_workdays = EXCLUDED.adjusted_workdays, updated_at = now(), updated_by = EXCLUDED.updated_by`,
    [calendar.year, JSON.stringify(calendar.holidays), JSON.stringify(calendar.adjustedWorkdays), userId],
  );
}
