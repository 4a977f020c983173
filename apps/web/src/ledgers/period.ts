// 统计期间 the periods a ledger is read by: a quarter, a half-year, a year (China-local calendar days, both
// ends included, as the API's from/to take them), or any range of days.

import dayjs from 'dayjs';

export interface Window {
  from: string;
  to: string;
}

/** `2026Q4`, `2026H1`, `2026`: the period's first and last day; anything else is no period. */
export function periodWindow(period: string): Window | undefined {
  const match = /^(\d{4})(?:([QH])([1-4]))?$/.exec(period);
  if (!match) return undefined;
  const [, yearText, kind, nText] = match;
  const year = Number(yearText);
  const n = Number(nText);
  if (kind === 'H' && n > 2) return undefined;
  const [firstMonth, months] = !kind ? [0, 12] : kind === 'Q' ? [(n - 1) * 3, 3] : [(n - 1) * 6, 6];
  const start = dayjs(new Date(year, firstMonth, 1));
  return {
    from: start.format('YYYY-MM-DD'),
    to: start.add(months, 'month').subtract(1, 'day').format('YYYY-MM-DD'),
  };
}

const QUARTER_NAMES = ['第一季度', '第二季度', '第三季度', '第四季度'];

export function periodLabel(period: string): string {
  const match = /^(\d{4})(?:([QH])([1-4]))?$/.exec(period);
  if (!match) return period;
  const [, year, kind, n] = match;
  if (!kind) return `${year}年全年`;
  return kind === 'Q'
    ? `${year}年${QUARTER_NAMES[Number(n) - 1]}`
    : `${year}年${n === '1' ? '上' : '下'}半年`;
}

/** The quarter of a day, `2026Q4`. */
export const quarterOf = (day: dayjs.Dayjs): string => `${day.year()}Q${Math.floor(day.month() / 3) + 1}`;

/** The periods offered: this year's and last year's quarters, halves and years, the current quarter first. */
export function periodOptions(today = dayjs()): { value: string; label: string }[] {
  const periods: string[] = [];
  for (const year of [today.year(), today.year() - 1]) {
    const lastQuarter = year === today.year() ? Math.floor(today.month() / 3) + 1 : 4;
    for (let q = lastQuarter; q >= 1; q -= 1) periods.push(`${year}Q${q}`);
    const lastHalf = year === today.year() ? (today.month() < 6 ? 1 : 2) : 2;
    for (let h = lastHalf; h >= 1; h -= 1) periods.push(`${year}H${h}`);
    periods.push(String(year));
  }
  return periods.map((value) => ({ value, label: periodLabel(value) }));
}
