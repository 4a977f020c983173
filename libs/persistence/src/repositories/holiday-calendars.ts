import type { HolidayCalendar } from '@libs/domain';
import type { Queryable } from '../sql';

/** Every year's holiday arrangement, oldest first. */
export async function loadHolidayCalendars(db: Queryable): Promise<HolidayCalendar[]> {
  const rows: { year: number; holidays: string[]; adjusted_workdays: string[] }[] = await db.query(
    'SELECT year, holidays, adjusted_workdays FROM holiday_calendars ORDER BY year',
  );
  return rows.map((row) => ({
    year: row.year,
    holidays: row.holidays,
    adjustedWorkdays: row.adjusted_workdays,
  }));
}
