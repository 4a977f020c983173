import { CHINA_HOLIDAY_CALENDARS } from './calendar';
import { DEFAULT_CASE_POLICY, nextEscalationDeadline, taskDeadline } from './case-policy';

const context = { policy: DEFAULT_CASE_POLICY, calendars: CHINA_HOLIDAY_CALENDARS, timeScale: 1 };

describe('case deadlines', () => {
  it('gives a township review five working days, skipping the Spring Festival but not its adjusted Saturday', () => {
    // Opened Friday 2026-02-13 (China time): Sat 14 is a working day, 15–23 are off, then 24, 25, 26, 27.
    const due = taskDeadline(context, 'townshipReview', false, new Date('2026-02-13T02:00:00Z'));
    expect(due.toISOString()).toBe('2026-02-27T16:00:00.000Z');
  });

  it('gives an urgent case hours, not working days', () => {
    const due = taskDeadline(context, 'recognition', true, new Date('2026-02-13T02:00:00Z'));
    expect(due.toISOString()).toBe('2026-02-14T02:00:00.000Z');
  });

  it('escalates two working days after the previous deadline', () => {
    const next = nextEscalationDeadline(context, false, new Date('2026-02-27T16:00:00Z'));
    // The deadline is the start of Sat 28 Feb (an adjusted working day): Sat 28 and Mon 2 Mar count.
    expect(next.toISOString()).toBe('2026-03-02T16:00:00.000Z');
  });

  it('scales every duration for tests', () => {
    const openedAt = new Date('2026-03-02T02:00:00Z');
    const real = taskDeadline(context, 'homeSurvey', false, openedAt).getTime() - openedAt.getTime();
    const fast =
      taskDeadline({ ...context, timeScale: 86_400 }, 'homeSurvey', false, openedAt).getTime() -
      openedAt.getTime();
    expect(fast).toBe(Math.round(real / 86_400));
  });
});
