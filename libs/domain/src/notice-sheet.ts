// 公示名单 the notice sheet: the list a village posts for its public notice (村内公示). What a line shows is
// what villagers need to know whom the notice is about and to object: the household head's name and the
// size of the household. The ID number appears masked (370323********1234, enough to tell two namesakes
// apart); other members, incomes, causes and health are left off, as the notice has no need of them.

import { addDuration } from './lifecycle-policy';

/**
 * The last day of a notice that starts on `startsOn` (a China date, YYYY-MM-DD) and lasts `period` (ISO 8601):
 * a 7-day notice from 1 December runs to 7 December inclusive.
 */
export function noticeLastDay(startsOn: string, period: string): string {
  // Reckoned on the calendar date itself (as if in UTC): China has one offset and no daylight saving time.
  const start = new Date(`${startsOn}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(startsOn) || Number.isNaN(start.getTime())) {
    throw new RangeError(`not a date: ${startsOn}`);
  }
  return new Date(addDuration(start, period).getTime() - 1).toISOString().slice(0, 10);
}
