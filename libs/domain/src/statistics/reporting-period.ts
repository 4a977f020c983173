// 报告期 the reporting rhythm's periods (002 §三(四)): a quarter for the quarterly dispatch (季度调度), a half-year
// for the bulletin (半年通报), a year for the year-end evaluation (年终考评). Their days are China-local days.

export type ReportingPeriodKind = 'quarter' | 'half' | 'year';

export interface ReportingPeriod {
  /** `2026Q4`, `2026H2`, `2026`. */
  code: string;
  kind: ReportingPeriodKind;
  /** `2026年第四季度`. */
  label: string;
  /** The first day, `YYYY-MM-DD`, China-local. */
  from: string;
  /** The last day, included. */
  to: string;
  /** 00:00 China time of the first day. */
  start: Date;
  /** 00:00 China time of the day after the last: the period is [start, end). */
  end: Date;
}

/** What a period's code looks like (a DTO checks it before parseReportingPeriod does the rest). */
export const REPORTING_PERIOD_PATTERN = /^(\d{4})(?:([QH])([1-4]))?$/;

// China has kept UTC+8 without daylight saving since 1991.
const CHINA_OFFSET_MS = 8 * 3_600_000;
const QUARTER_NAMES = ['第一季度', '第二季度', '第三季度', '第四季度'];

const chinaMidnight = (year: number, month: number): Date =>
  new Date(Date.UTC(year, month, 1) - CHINA_OFFSET_MS);

const chinaDay = (instant: Date): string =>
  new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);

/** `2026Q4`, `2026H2` or `2026` as its boundaries; undefined for anything else (`2026H3`, `2026Q0`). */
export function parseReportingPeriod(code: string): ReportingPeriod | undefined {
  const match = REPORTING_PERIOD_PATTERN.exec(code);
  if (!match) return undefined;
  const [, yearText, letter, nText] = match;
  const year = Number(yearText);
  const n = Number(nText);
  if (letter === 'H' && n > 2) return undefined;
  const kind: ReportingPeriodKind = letter === 'Q' ? 'quarter' : letter === 'H' ? 'half' : 'year';
  const [firstMonth, months] =
    kind === 'quarter' ? [(n - 1) * 3, 3] : kind === 'half' ? [(n - 1) * 6, 6] : [0, 12];
  const start = chinaMidnight(year, firstMonth);
  const end = chinaMidnight(year, firstMonth + months);
  const label =
    kind === 'quarter'
      ? `${year}年${QUARTER_NAMES[n - 1]}`
      : kind === 'half'
        ? `${year}年${n === 1 ? '上' : '下'}半年`
        : `${year}年全年`;
  return {
    code,
    kind,
    label,
    from: chinaDay(start),
    to: chinaDay(new Date(end.getTime() - 1)),
    start,
    end,
  };
}

/** The quarter an instant falls in, China time: `2026Q4`. */
export function quarterOf(instant: Date): string {
  const local = new Date(instant.getTime() + CHINA_OFFSET_MS);
  return `${local.getUTCFullYear()}Q${Math.floor(local.getUTCMonth() / 3) + 1}`;
}
