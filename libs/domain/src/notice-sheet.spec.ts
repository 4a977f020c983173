import { noticeLastDay } from './notice-sheet';

describe('noticeLastDay', () => {
  it('counts the first day in: 7 days from 1 December run to 7 December', () => {
    expect(noticeLastDay('2026-12-01', 'P7D')).toBe('2026-12-07');
    expect(noticeLastDay('2026-12-28', 'P7D')).toBe('2027-01-03');
    expect(noticeLastDay('2028-02-25', 'P5D')).toBe('2028-02-29');
  });

  it('ends within the first day when the period is shorter than a day', () => {
    expect(noticeLastDay('2026-12-01', 'PT5M')).toBe('2026-12-01');
  });

  it('takes months by the calendar', () => {
    expect(noticeLastDay('2026-01-31', 'P1M')).toBe('2026-02-27');
  });

  it('refuses what is not a date or a duration', () => {
    expect(() => noticeLastDay('2026-13-45', 'P7D')).toThrow(RangeError);
    expect(() => noticeLastDay('2026-12-01', '7D')).toThrow(RangeError);
  });
});
