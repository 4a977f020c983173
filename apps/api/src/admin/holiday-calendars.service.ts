// 节假日安排 holiday arrangements, one per year, entered by a county admin from the State Council
// notice; task deadlines count working days from them (read afresh whenever a task opens).

import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { calendarProblems, type HolidayCalendar } from '@libs/domain';
import { appendAuditEvent } from '@libs/persistence';
import type { AuthUser } from '../auth/auth-user';
import { AppException } from '../common/app.exception';
import type { PutHolidayCalendarDto } from './dto/holiday-calendar.dto';

interface CalendarRow {
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

// Writers of one year's calendar queue on this lock (with the year), so `before` is what they replace.
const CALENDAR_LOCK = 7_401_002;

function calendarView(row: CalendarRow) {
  return {
    year: row.year,
    holidays: row.holidays,
    adjustedWorkdays: row.adjusted_workdays,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by ? { id: row.updated_by, displayName: row.updated_by_name } : null,
  };
}

const auditView = (calendar: Pick<HolidayCalendar, 'holidays' | 'adjustedWorkdays'>) => ({
  holidays: calendar.holidays,
  adjustedWorkdays: calendar.adjustedWorkdays,
});

@Injectable()
export class HolidayCalendarsService {
  constructor(private readonly dataSource: DataSource) {}

  async list() {
    const rows: CalendarRow[] = await this.dataSource.query(`${CALENDAR_SELECT} ORDER BY h.year`);
    return rows.map(calendarView);
  }

  async findOne(year: number) {
    const [row]: CalendarRow[] = await this.dataSource.query(`${CALENDAR_SELECT} WHERE h.year = $1`, [year]);
    if (!row) throw new AppException('CALENDAR_NOT_FOUND', 404, `${year} 年的节假日安排尚未录入`);
    return calendarView(row);
  }

  /** Enters or replaces a year's arrangement; refuses it whole, with every problem, if any date is wrong. */
  async put(year: number, dto: PutHolidayCalendarDto, user: AuthUser) {
    await this.requireCountyAdmin(user);
    const calendar: HolidayCalendar = {
      year,
      holidays: dto.holidays,
      adjustedWorkdays: dto.adjustedWorkdays,
    };
    const problems = calendarProblems(calendar);
    if (problems.length > 0) {
      // A problem the holidays alone already have belongs to them; the rest to the adjusted workdays.
      const ofHolidays = new Set(calendarProblems({ ...calendar, adjustedWorkdays: [] }));
      throw new AppException('CALENDAR_INVALID', 400, `${year} 年节假日安排有误：${problems.join('；')}`, {
        errors: problems.map((message) => ({
          field: ofHolidays.has(message) ? 'holidays' : 'adjustedWorkdays',
          message,
        })),
      });
    }
    const after = auditView({
      holidays: [...dto.holidays].sort(),
      adjustedWorkdays: [...dto.adjustedWorkdays].sort(),
    });
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1, $2)', [CALENDAR_LOCK, year]);
      const [existing]: CalendarRow[] = await manager.query(`${CALENDAR_SELECT} WHERE h.year = $1`, [year]);
      const before = existing
        ? auditView({ holidays: existing.holidays, adjustedWorkdays: existing.adjusted_workdays })
        : null;
      if (existing && JSON.stringify(before) === JSON.stringify(after)) return calendarView(existing);
      await manager.query(
        `INSERT INTO holiday_calendars (year, holidays, adjusted_workdays, updated_at, updated_by)
         VALUES ($1, $2, $3, now(), $4)
         ON CONFLICT (year) DO UPDATE SET holidays = EXCLUDED.holidays,
           adjusted_workdays = EXCLUDED.adjusted_workdays, updated_at = now(), updated_by = EXCLUDED.updated_by`,
        [year, JSON.stringify(after.holidays), JSON.stringify(after.adjustedWorkdays), user.userId],
      );
      await appendAuditEvent(manager, {
        eventKey: `holidayCalendar.updated:${year}:${randomUUID()}`,
        actor: user,
        action: 'holidayCalendar.updated',
        entityType: 'holidayCalendar',
        entityId: String(year),
        before,
        after,
      });
      const [row]: CalendarRow[] = await manager.query(`${CALENDAR_SELECT} WHERE h.year = $1`, [year]);
      return calendarView(row);
    });
  }

  // The calendar sets every deadline in the county, so a township's admin may read it but not change it.
  private async requireCountyAdmin(user: AuthUser): Promise<void> {
    const [row] = await this.dataSource.query('SELECT level FROM jurisdictions WHERE id = $1', [
      user.jurisdictionId,
    ]);
    if (row?.level !== 'county') {
      throw new AppException('COUNTY_ADMIN_ONLY', 403, '节假日安排由县级系统管理员维护');
    }
  }
}
