import { CHINA_HOLIDAY_CALENDARS } from './china-holidays';
import { calendarProblems, HolidayCalendar, isIsoDate, isWeekend, isWorkingDay } from './holiday-calendar';

const calendar2026: HolidayCalendar = {
  year: 2026,
  holidays: ['2026-02-16', '2026-02-21'],
  adjustedWorkdays: ['2026-02-14'],
};

function workingDaysIn(year: number): number {
  let count = 0;
  for (let ms = Date.UTC(year, 0, 1); ms < Date.UTC(year + 1, 0, 1); ms += 86_400_000) {
    if (isWorkingDay(new Date(ms).toISOString().slice(0, 10), CHINA_HOLIDAY_CALENDARS)) count++;
  }
  return count;
}

describe('isWorkingDay', () => {
  it('treats an ordinary weekday as working and a weekend as not', () => {
    expect(isWorkingDay('2026-03-02', [calendar2026])).toBe(true); // Mon
    expect(isWorkingDay('2026-03-07', [calendar2026])).toBe(false); // Sat
    expect(isWorkingDay('2026-03-08', [calendar2026])).toBe(false); // Sun
  });

  it('gives a holiday off whether it falls on a weekday or a weekend', () => {
    expect(isWorkingDay('2026-02-16', [calendar2026])).toBe(false); // Mon
    expect(isWorkingDay('2026-02-21', [calendar2026])).toBe(false); // Sat
  });

  it('counts a Saturday adjusted workday as working', () => {
    expect(isWeekend('2026-02-14')).toBe(true);
    expect(isWorkingDay('2026-02-14', [calendar2026])).toBe(true);
  });

  it('throws for a year with no calendar and names that year', () => {
    expect(() => isWorkingDay('2028-03-01', [calendar2026])).toThrow(/2028/);
    expect(() => isWorkingDay('2028-03-01', [calendar2026], { unknownYears: 'throw' })).toThrow(/2028/);
  });

  it('falls back to the weekday rule for an unknown year when asked to', () => {
    expect(isWorkingDay('2028-03-01', [], { unknownYears: 'weekdays' })).toBe(true); // Wed
    expect(isWorkingDay('2028-03-04', [], { unknownYears: 'weekdays' })).toBe(false); // Sat
  });

  it('refuses two calendars for the same year', () => {
    expect(() => isWorkingDay('2026-03-02', [calendar2026, calendar2026])).toThrow(/2026/);
  });

  it('rejects a date that is not YYYY-MM-DD or does not exist', () => {
    expect(() => isWorkingDay('2026/03/02', [calendar2026])).toThrow(/ISO date/);
    expect(() => isWorkingDay('2026-02-30', [calendar2026])).toThrow(/ISO date/);
    expect(isIsoDate('2026-2-3')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
  });
});

describe('calendarProblems', () => {
  it('finds nothing wrong with a valid calendar', () => {
    expect(calendarProblems(calendar2026)).toEqual([]);
  });

  it('reports malformed and impossible dates', () => {
    const problems = calendarProblems({
      year: 2026,
      holidays: ['2026/10/01', '2026-02-30'],
      adjustedWorkdays: ['26-1-4'],
    });
    expect(problems).toEqual([
      '放假日期「2026/10/01」不是有效日期（应为 YYYY-MM-DD）',
      '放假日期「2026-02-30」不是有效日期（应为 YYYY-MM-DD）',
      '调休上班日「26-1-4」不是有效日期（应为 YYYY-MM-DD）',
    ]);
  });

  it("reports dates outside the calendar's year", () => {
    expect(
      calendarProblems({ year: 2026, holidays: ['2025-12-31'], adjustedWorkdays: ['2027-01-02'] }),
    ).toEqual(['放假日期 2025-12-31 不在 2026 年内', '调休上班日 2027-01-02 不在 2026 年内']);
  });

  it('reports a date that is both a holiday and an adjusted workday', () => {
    expect(
      calendarProblems({ year: 2026, holidays: ['2026-02-14'], adjustedWorkdays: ['2026-02-14'] }),
    ).toEqual(['2026-02-14 既是放假日期又是调休上班日']);
  });

  it('reports an adjusted workday that is not a Saturday or Sunday', () => {
    expect(calendarProblems({ year: 2026, holidays: [], adjustedWorkdays: ['2026-02-13'] })).toEqual([
      '调休上班日 2026-02-13 不是周六或周日',
    ]);
  });

  it('reports a repeated date and a year that is not a whole number', () => {
    expect(
      calendarProblems({ year: 2026, holidays: ['2026-10-01', '2026-10-01'], adjustedWorkdays: [] }),
    ).toEqual(['放假日期 2026-10-01 重复']);
    expect(calendarProblems({ year: 2026.5, holidays: [], adjustedWorkdays: [] })).toEqual([
      '年份 2026.5 不是整数',
    ]);
  });
});

describe('China seed calendars', () => {
  it('have no problems', () => {
    for (const calendar of CHINA_HOLIDAY_CALENDARS) expect(calendarProblems(calendar)).toEqual([]);
  });

  it('cover 2026 and 2027 once each', () => {
    expect(CHINA_HOLIDAY_CALENDARS.map((calendar) => calendar.year)).toEqual([2026, 2027]);
  });

  it('leave 248 working days a year: 261 weekdays less the 13 statutory days', () => {
    expect(workingDaysIn(2026)).toBe(248);
    expect(workingDaysIn(2027)).toBe(248);
  });

  it('follow the published 2026 arrangement around the Spring Festival and National Day', () => {
    expect(isWorkingDay('2026-01-04', CHINA_HOLIDAY_CALENDARS)).toBe(true); // Sun 调休
    expect(isWorkingDay('2026-02-13', CHINA_HOLIDAY_CALENDARS)).toBe(true); // Fri
    expect(isWorkingDay('2026-02-14', CHINA_HOLIDAY_CALENDARS)).toBe(true); // Sat 调休
    expect(isWorkingDay('2026-02-23', CHINA_HOLIDAY_CALENDARS)).toBe(false); // Mon, 初七
    expect(isWorkingDay('2026-02-24', CHINA_HOLIDAY_CALENDARS)).toBe(true);
    expect(isWorkingDay('2026-02-28', CHINA_HOLIDAY_CALENDARS)).toBe(true); // Sat 调休
    expect(isWorkingDay('2026-09-20', CHINA_HOLIDAY_CALENDARS)).toBe(true); // Sun 调休
    expect(isWorkingDay('2026-10-07', CHINA_HOLIDAY_CALENDARS)).toBe(false);
    expect(isWorkingDay('2026-10-10', CHINA_HOLIDAY_CALENDARS)).toBe(true); // Sat 调休
  });
});
