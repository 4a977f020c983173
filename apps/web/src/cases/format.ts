// How the case screens write times and amounts: Beijing time as the browser shows it, yuan with separators.

import dayjs from 'dayjs';

export const formatTime = (iso: string | null | undefined): string =>
  iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—';

export const formatDate = (iso: string | null | undefined): string =>
  iso ? dayjs(iso).format('YYYY-MM-DD') : '—';

/** A masked amount arrives as its band (5000–6000元); an exact one (a reveal, a line) as a number. */
export const formatYuan = (amount: unknown): string =>
  typeof amount === 'number' ? `${amount.toLocaleString('zh-CN')} 元` : String(amount ?? '—');
