import { CHINA_HOLIDAY_CALENDARS } from './china-holidays';
import {
  addCalendarHours,
  addWorkingDays,
  chinaLocalDate,
  endOfChinaDay,
  workingDaysBetween,
} from './working-days';

const calendars = CHINA_HOLIDAY_CALENDARS;
const at = (iso: string): Date => new Date(iso);

describe('China local dates', () => {
  it('shift the UTC instant by +8h, whatever the host time zone', () => {
    expect(chinaLocalDate(at('2026-03-01T15:59:59Z'))).toBe('2026-03-01'); // Sun 23:59:59 CST
    expect(chinaLocalDate(at('2026-03-01T16:30:00Z'))).toBe('2026-03-02'); // Mon 00:30 CST
  });

  it('end at 24:00 China time, which is 16:00 UTC the same date', () => {
    expect(endOfChinaDay('2026-02-27').toISOString()).toBe('2026-02-27T16:00:00.000Z');
  });
});

describe('addWorkingDays', () => {
  it('counts within an ordinary week from the next working day', () => {
    // Mon 9 Mar 10:00 CST + 3 → Tue, Wed, Thu
    expect(addWorkingDays(at('2026-03-09T02:00:00Z'), 3, calendars).toISOString()).toBe(
      '2026-03-12T16:00:00.000Z',
    );
  });

  it('skips the weekend', () => {
    // Thu 12 Mar + 3 → Fri 13, Mon 16, Tue 17
    expect(addWorkingDays(at('2026-03-12T02:00:00Z'), 3, calendars).toISOString()).toBe(
      '2026-03-17T16:00:00.000Z',
    );
  });

  it('counts from the next working day when opened on a weekend or a holiday', () => {
    expect(addWorkingDays(at('2026-03-07T02:00:00Z'), 1, calendars).toISOString()).toBe(
      '2026-03-09T16:00:00.000Z', // Sat → Mon
    );
    expect(addWorkingDays(at('2026-10-03T02:00:00Z'), 1, calendars).toISOString()).toBe(
      '2026-10-08T16:00:00.000Z', // 国庆 → Thu 8 Oct
    );
  });

  it('crosses the 2026 Spring Festival: the Saturday 调休 counts, 15–23 Feb do not', () => {
    // Fri 13 Feb + 5 → Sat 14 (调休), Tue 24, Wed 25, Thu 26, Fri 27
    expect(addWorkingDays(at('2026-02-13T01:00:00Z'), 5, calendars).toISOString()).toBe(
      '2026-02-27T16:00:00.000Z',
    );
  });

  it('counts a Saturday adjusted working day', () => {
    // Fri 8 May + 1 → Sat 9 May (调休 after 劳动节)
    expect(addWorkingDays(at('2026-05-08T02:00:00Z'), 1, calendars).toISOString()).toBe(
      '2026-05-09T16:00:00.000Z',
    );
  });

  it('counts from Tuesday for a task opened at 23:30 CST on Monday', () => {
    // 2026-03-02T15:30Z is Mon 23:30 CST
    expect(addWorkingDays(at('2026-03-02T15:30:00Z'), 1, calendars).toISOString()).toBe(
      '2026-03-03T16:00:00.000Z',
    );
    // half an hour later it is Tuesday in China, so day 1 is Wednesday
    expect(addWorkingDays(at('2026-03-02T16:00:00Z'), 1, calendars).toISOString()).toBe(
      '2026-03-04T16:00:00.000Z',
    );
  });

  it('treats 16:30 UTC on Sunday as Monday in China', () => {
    // 2026-03-01T16:30Z is Mon 00:30 CST → day 1 is Tue 3 Mar
    expect(addWorkingDays(at('2026-03-01T16:30:00Z'), 1, calendars).toISOString()).toBe(
      '2026-03-03T16:00:00.000Z',
    );
    // one second before midnight CST it is still Sunday → day 1 is Mon 2 Mar
    expect(addWorkingDays(at('2026-03-01T15:59:59Z'), 1, calendars).toISOString()).toBe(
      '2026-03-02T16:00:00.000Z',
    );
  });

  it('crosses into the next year using its calendar', () => {
    // Thu 31 Dec 2026 + 1 → 元旦 1–3 Jan 2027 off → Mon 4 Jan
    expect(addWorkingDays(at('2026-12-31T02:00:00Z'), 1, calendars).toISOString()).toBe(
      '2027-01-04T16:00:00.000Z',
    );
  });

  it('throws for a year with no calendar, naming it, unless weekdays are allowed', () => {
    // Fri 31 Dec 2027 + 1 → 2028, which has no calendar
    expect(() => addWorkingDays(at('2027-12-31T02:00:00Z'), 1, calendars)).toThrow(/2028/);
    expect(
      addWorkingDays(at('2027-12-31T02:00:00Z'), 1, calendars, { unknownYears: 'weekdays' }).toISOString(),
    ).toBe('2028-01-03T16:00:00.000Z'); // Mon 3 Jan 2028
  });

  it('rejects a day count that is not a whole number of at least one, and an invalid start', () => {
    const start = at('2026-03-09T02:00:00Z');
    expect(() => addWorkingDays(start, 0, calendars)).toThrow(/≥ 1/);
    expect(() => addWorkingDays(start, -2, calendars)).toThrow(/≥ 1/);
    expect(() => addWorkingDays(start, 1.5, calendars)).toThrow(/≥ 1/);
    expect(() => addWorkingDays(at('not a date'), 1, calendars)).toThrow(/not a valid date/);
  });
});

describe('workingDaysBetween', () => {
  it('counts working days after the start date through the end date', () => {
    // Mon 9 Mar → Fri 13 Mar: Tue–Fri
    expect(workingDaysBetween(at('2026-03-09T02:00:00Z'), at('2026-03-13T02:00:00Z'), calendars)).toBe(4);
    // Fri 13 Feb → Fri 27 Feb across the Spring Festival
    expect(workingDaysBetween(at('2026-02-13T01:00:00Z'), at('2026-02-27T09:00:00Z'), calendars)).toBe(5);
  });

  it('is 0 when the end is not after the start, in either order', () => {
    const monday = at('2026-03-09T02:00:00Z');
    const friday = at('2026-03-13T02:00:00Z');
    expect(workingDaysBetween(friday, monday, calendars)).toBe(0);
    expect(workingDaysBetween(monday, monday, calendars)).toBe(0);
    expect(workingDaysBetween(monday, friday, calendars)).toBe(4);
  });

  it('is 0 later on the same China date, even across a UTC date change', () => {
    // Mon 07:00 CST and Mon 23:30 CST; the second is on the next UTC date
    expect(workingDaysBetween(at('2026-03-01T23:00:00Z'), at('2026-03-02T15:30:00Z'), calendars)).toBe(0);
  });

  it('does not count a holiday or weekend the period ends on', () => {
    // Fri 13 Feb → Mon 16 Feb (春节): only Sat 14 (调休) counts
    expect(workingDaysBetween(at('2026-02-13T01:00:00Z'), at('2026-02-16T01:00:00Z'), calendars)).toBe(1);
  });

  it('gives back N just before an addWorkingDays deadline of N days', () => {
    const starts = [
      '2026-02-13T01:00:00Z',
      '2026-03-02T15:30:00Z',
      '2026-09-18T02:00:00Z',
      '2026-12-30T02:00:00Z',
    ];
    for (const start of starts) {
      for (let days = 1; days <= 12; days++) {
        const deadline = addWorkingDays(at(start), days, calendars);
        expect(workingDaysBetween(at(start), new Date(deadline.getTime() - 1), calendars)).toBe(days);
      }
    }
  });

  it('throws for a year with no calendar unless weekdays are allowed', () => {
    const from = at('2028-03-01T02:00:00Z');
    const to = at('2028-03-08T02:00:00Z');
    expect(() => workingDaysBetween(from, to, calendars)).toThrow(/2028/);
    expect(workingDaysBetween(from, to, calendars, { unknownYears: 'weekdays' })).toBe(5);
  });
});

describe('addCalendarHours', () => {
  it('runs through weekends and holidays', () => {
    // Fri 13 Feb 09:00 CST + 48h → Sun 15 Feb 09:00 CST, a Spring Festival day
    expect(addCalendarHours(at('2026-02-13T01:00:00Z'), 48).toISOString()).toBe('2026-02-15T01:00:00.000Z');
    expect(addCalendarHours(at('2026-02-13T01:00:00Z'), 1.5).toISOString()).toBe('2026-02-13T02:30:00.000Z');
  });

  it('rejects negative or non-finite hours', () => {
    expect(() => addCalendarHours(at('2026-02-13T01:00:00Z'), -1)).toThrow(/hours/);
    expect(() => addCalendarHours(at('2026-02-13T01:00:00Z'), Number.NaN)).toThrow(/hours/);
  });
});
