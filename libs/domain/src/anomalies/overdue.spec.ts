import { CHINA_HOLIDAY_CALENDARS } from '../calendar';
import { overdueCutoff } from './overdue';

const at = (iso: string): Date => new Date(iso);

describe('overdueCutoff', () => {
  it('counts back working days from today, today included', () => {
    // Fri 13 Mar 2026 10:00 CST, 5 working days: Mon 9 – Fri 13; due before Mon 9 00:00 CST.
    expect(overdueCutoff(at('2026-03-13T02:00:00Z'), 5, CHINA_HOLIDAY_CALENDARS).toISOString()).toBe(
      '2026-03-08T16:00:00.000Z',
    );
  });

  it('skips weekends and holidays', () => {
    // Mon 16 Mar 2026, 2 working days: Fri 13 and Mon 16; due before Fri 13 00:00 CST.
    expect(overdueCutoff(at('2026-03-16T02:00:00Z'), 2, CHINA_HOLIDAY_CALENDARS).toISOString()).toBe(
      '2026-03-12T16:00:00.000Z',
    );
    // Sun 1 Mar 2026, 1 working day: Sat 28 Feb, a Saturday worked after the Spring Festival (调休).
    expect(overdueCutoff(at('2026-03-01T02:00:00Z'), 1, CHINA_HOLIDAY_CALENDARS).toISOString()).toBe(
      '2026-02-27T16:00:00.000Z',
    );
  });

  it('refuses a threshold that is not a whole number of days', () => {
    expect(() => overdueCutoff(new Date(), 0, [])).toThrow('whole number');
  });
});
