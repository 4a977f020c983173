// 统计期间 the periods a ledger is read by: a quarter, a half-year, a year (China-local calendar days, both
// ends included, as the API's from/to take them), or any range of days.

import dayjs from 'dayjs';
import { parseReportingPeriod, quarterOf } from '@libs/domain';

export interface Window {
  from: string;
  to: string;
}

/** `2026Q4`, `2026H1`, `2026`: the period's first and last day (libs/domain's boundaries); anything else is no period. */
export function periodWindow(period: string): Window | undefined {
  const parsed = parseReportingPeriod(period);
  return parsed && { from: parsed.from, to: parsed.to };
}

/** `2026年第四季度`, or the text itself when it is no period. */
const periodLabel = (period: string): string => parseReportingPeriod(period)?.label ?? period;

/** The quarter now is in, China time, `2026Q4`: the period a report opens on. */
export const currentQuarter = (): string => quarterOf(new Date());

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
