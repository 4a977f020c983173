// The holiday calendars the task deadlines are counted with, read for the inbox's working days left and the
// due-soon count: kept for a minute, as the worker keeps them when it sets deadlines (an admin's edit
// applies within it), so a page costs no extra query.

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { HolidayCalendar } from '@libs/domain';
import { WorkingDayCounter, dueSoonCutoff, workingDaysLeft } from '@libs/domain/calendar/working-days-left';
import { loadHolidayCalendars } from '@libs/persistence';

const CACHE_MS = 60_000;

@Injectable()
export class WorkingCalendar {
  private cached: { value: HolidayCalendar[]; counter: WorkingDayCounter; loadedAt: number } | undefined;

  constructor(private readonly dataSource: DataSource) {}

  private async load() {
    if (!this.cached || Date.now() - this.cached.loadedAt > CACHE_MS) {
      const value = await loadHolidayCalendars(this.dataSource.manager);
      this.cached = { value, counter: new WorkingDayCounter(value), loadedAt: Date.now() };
    }
    return this.cached;
  }

  async calendars(): Promise<HolidayCalendar[]> {
    return (await this.load()).value;
  }

  /** A function giving each open task's working days left as of `now` (null for a closed task). */
  async daysLeft(now = new Date()): Promise<(task: { status: string; due_at: Date }) => number | null> {
    const { counter } = await this.load();
    return (task) => (task.status === 'open' ? workingDaysLeft(task.due_at, now, counter) : null);
  }

  /** 即将到期: an open task due by this instant and not overdue has at most one working day left. */
  async dueSoonCutoff(now = new Date()): Promise<Date> {
    return dueSoonCutoff(now, (await this.load()).counter);
  }
}
