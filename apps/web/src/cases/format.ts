// How the case screens write times and amounts: Beijing time as the browser shows it, yuan with separators.

import dayjs from 'dayjs';

export const formatTime = (iso: string | null | undefined): string =>
  iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—';

/**
 * A deadline: the rules set one at 24:00 of its last day, which a clock shows as 00:00 of the next; it is
 * written as that last day's 24:00, so that nobody reads it as a day later.
 */
export const formatDeadline = (iso: string): string => {
  const at = dayjs(iso);
  return at.hour() === 0 && at.minute() === 0
    ? `${at.subtract(1, 'day').format('YYYY-MM-DD')} 24:00`
    : at.format('YYYY-MM-DD HH:mm');
};

export const formatDate = (iso: string | null | undefined): string =>
  iso ? dayjs(iso).format('YYYY-MM-DD') : '—';

/** A masked amount arrives as its band (5000–6000元); an exact one (a reveal, a line) as a number. */
export const formatYuan = (amount: unknown): string =>
  typeof amount === 'number' ? `${amount.toLocaleString('zh-CN')} 元` : String(amount ?? '—');
