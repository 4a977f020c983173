import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CHINA_HOLIDAY_CALENDARS } from '@libs/domain/calendar';

// 节假日安排 per year: deadlines count working days from it. Seeded with the current and next year;
// an admin edits it as each year's State Council notice is published.
export class HolidayCalendars1795420000000 implements MigrationInterface {
  name = 'HolidayCalendars1795420000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE holiday_calendars (
        year integer PRIMARY KEY,
        holidays jsonb NOT NULL,
        adjusted_workdays jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES users(id)
      )`);
    for (const calendar of CHINA_HOLIDAY_CALENDARS) {
      await q.query('INSERT INTO holiday_calendars (year, holidays, adjusted_workdays) VALUES ($1, $2, $3)', [
        calendar.year,
        JSON.stringify(calendar.holidays),
        JSON.stringify(calendar.adjustedWorkdays),
      ]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE holiday_calendars');
  }
}
