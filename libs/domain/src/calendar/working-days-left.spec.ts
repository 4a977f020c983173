import fc from 'fast-check';
import { CHINA_HOLIDAY_CALENDARS } from './china-holidays';
import { workingDaysBetween } from './working-days';
import { WorkingDayCounter, dueSoonCutoff, workingDaysLeft } from './working-days-left';

const calendars = CHINA_HOLIDAY_CALENDARS;
const at = (iso: string): Date => new Date(iso);
// 24:00 China time of 2026-09-30 (Wed), the day before the National Day holidays (10-01 to 10-07).
const endOfSep30 = at('2026-09-30T16:00:00Z');

describe('workingDaysLeft', () => {
  it('is 0 for a task due by the end of today', () => {
    expect(workingDaysLeft(endOfSep30, at('2026-09-30T02:00:00Z'), calendars)).toBe(0);
  });

  it('skips the holidays: due on the first working day after 国庆 is one working day away', () => {
    expect(workingDaysLeft(at('2026-10-08T16:00:00Z'), at('2026-09-30T02:00:00Z'), calendars)).toBe(1);
  });

  it('counts the working days since the deadline, negative, once overdue', () => {
    expect(workingDaysLeft(endOfSep30, at('2026-10-08T02:00:00Z'), calendars)).toBe(-1);
    // 10-08 Thu, 10-09 Fri and the 调休 Saturday 10-10 are worked.
    expect(workingDaysLeft(endOfSep30, at('2026-10-10T02:00:00Z'), calendars)).toBe(-3);
  });

  it('is -1 for a task overdue by hours or over days off only', () => {
    expect(workingDaysLeft(at('2026-09-30T04:00:00Z'), at('2026-09-30T06:00:00Z'), calendars)).toBe(-1);
    expect(workingDaysLeft(endOfSep30, at('2026-10-03T02:00:00Z'), calendars)).toBe(-1);
  });

  it('counts plain weekdays in a year no calendar covers', () => {
    // 2031-03-07 is a Friday: due at the end of Monday 03-10 is one working day away.
    expect(workingDaysLeft(at('2031-03-10T16:00:00Z'), at('2031-03-07T02:00:00Z'), calendars)).toBe(1);
  });
});

describe('dueSoonCutoff', () => {
  it('is 00:00 of the second working day after today, over weekends and holidays', () => {
    // Wednesday 09-30: the next working days are 10-08 (after 国庆) and 10-09.
    expect(dueSoonCutoff(at('2026-09-30T02:00:00Z'), calendars)).toEqual(at('2026-10-08T16:00:00Z'));
    // Thursday 2026-12-03 just after midnight China time: Friday, then Monday 12-07.
    expect(dueSoonCutoff(at('2026-12-02T16:05:00Z'), calendars)).toEqual(at('2026-12-06T16:00:00Z'));
  });

  it('takes in exactly the tasks not overdue with at most one working day left', () => {
    const counter = new WorkingDayCounter(calendars);
    const minutes = (n: number) => n * 60_000;
    fc.assert(
      fc.property(
        // Now: any minute from late 2025 into 2028; the deadline up to three weeks either side of it.
        fc.integer({ min: 0, max: 1_300_000 }),
        fc.integer({ min: -30_240, max: 30_240 }),
        (nowMinute, offset) => {
          const now = new Date(Date.parse('2025-12-20T00:00:00Z') + minutes(nowMinute));
          const dueAt = new Date(now.getTime() + minutes(offset));
          const notOverdue = dueAt.getTime() >= now.getTime();
          const byCutoff = notOverdue && dueAt.getTime() <= dueSoonCutoff(now, counter).getTime();
          const byDaysLeft = notOverdue && workingDaysLeft(dueAt, now, counter) <= 1;
          expect(byCutoff).toBe(byDaysLeft);
        },
      ),
      { numRuns: 5_000 },
    );
  });
});

describe('WorkingDayCounter', () => {
  it('counts exactly as workingDaysBetween, over holidays, 调休 days and years no calendar covers', () => {
    const counter = new WorkingDayCounter(calendars);
    const start = Date.parse('2025-12-20T00:00:00Z');
    for (let i = 0; i < 400; i++) {
      // Instants spread over 2026 and into 2028, at varied hours of the day.
      const from = new Date(start + i * 2.3 * 86_400_000 + (i % 24) * 3_600_000);
      const to = new Date(from.getTime() + (i % 40) * 86_400_000 + (i % 7) * 3_600_000);
      expect(counter.between(from, to)).toBe(
        workingDaysBetween(from, to, calendars, { unknownYears: 'weekdays' }),
      );
    }
  });
});
