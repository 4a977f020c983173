// 节假日安排 holiday arrangements, one per year, entered by a county admin from the State Council
// notice; task deadlines count working days from them (read afresh whenever a task opens).

import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { calendarProblems, type HolidayCalendar } from '@libs/domain';
import {
  appendAuditEvent,
  type CalendarRow,
  findHolidayCalendar,
  findHolidayCalendars,
  JurisdictionsRepository,
  lockHolidayCalendar,
  saveHolidayCalendar,
} from '@libs/persistence';
import type { AuthUser } from '../auth/auth-user';
import { AppException } from '../common/app.exception';
import type { PutHolidayCalendarDto } from './dto/holiday-calendar.dto';

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
  constructor(
    private readonly dataSource: DataSource,
    private readonly jurisdictions: JurisdictionsRepository,
  ) {}

  async list() {
    return (await findHolidayCalendars(this.dataSource)).map(calendarView);
  }

  async findOne(year: number) {
    const row = await findHolidayCalendar(this.dataSource, year);
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
      // Writers of one year queue here, so `before` is what they replace.
      await lockHolidayCalendar(manager, year);
      const existing = await findHolidayCalendar(manager, year);
      const before = existing
        ? auditView({ holidays: existing.holidays, adjustedWorkdays: existing.adjusted_workdays })
        : null;
      if (existing && JSON.stringify(before) === JSON.stringify(after)) return calendarView(existing);
      await saveHolidayCalendar(
        manager,
        { year, holidays: after.holidays, adjustedWorkdays: after.adjustedWorkdays },
        user.userId,
      );
      await appendAuditEvent(manager, {
        eventKey: `holidayCalendar.updated:${year}:${randomUUID()}`,
        actor: user,
        action: 'holidayCalendar.updated',
        entityType: 'holidayCalendar',
        entityId: String(year),
        before,
        after,
        reason: dto.reason,
      });
      return calendarView((await findHolidayCalendar(manager, year)) as CalendarRow);
    });
  }

  // The calendar sets every deadline in the county, so a township's admin may read it but not change it.
  private async requireCountyAdmin(user: AuthUser): Promise<void> {
    const row = await this.jurisdictions.findById(this.dataSource, user.jurisdictionId);
    if (row?.level !== 'county') {
      throw new AppException('COUNTY_ADMIN_ONLY', 403, '节假日安排由县级系统管理员维护');
    }
  }
}
