import { CHINA_HOLIDAY_CALENDARS } from './china-holidays';
import { workingDaysLeft } from './working-days-left';

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
