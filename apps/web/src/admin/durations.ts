// The policy's ISO 8601 durations (P7D, P6M, P1Y; PT2S in tests) as people read and enter them: an amount
// and one Chinese unit (7 天, 6 个月, 1 年).

import { parseDuration } from '@libs/domain';

export const DURATION_UNITS = [
  { unit: 'Y', label: '年' },
  { unit: 'M', label: '个月' },
  { unit: 'D', label: '天' },
  { unit: 'H', label: '小时' },
  { unit: 'MIN', label: '分钟' },
  { unit: 'S', label: '秒' },
] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number]['unit'];

export interface DurationParts {
  amount: number;
  unit: DurationUnit;
}

const SECONDS: Partial<Record<DurationUnit, number>> = { D: 86_400, H: 3_600, MIN: 60, S: 1 };

/**
 * One amount in one unit: a duration of years and months counts months, one of days and time counts its
 * smallest unit (a day is 24 hours); undefined when it mixes both kinds or is no duration at all.
 */
export function durationParts(iso: string): DurationParts | undefined {
  const d = parseDuration(iso);
  if (!d) return undefined;
  const calendar = d.years * 12 + d.months;
  const seconds = ((d.days * 24 + d.hours) * 60 + d.minutes) * 60 + d.seconds;
  if (calendar > 0 && seconds > 0) return undefined;
  if (calendar > 0) return d.months === 0 ? { amount: d.years, unit: 'Y' } : { amount: calendar, unit: 'M' };
  const unit: DurationUnit = d.seconds ? 'S' : d.minutes ? 'MIN' : d.hours ? 'H' : 'D';
  return { amount: seconds / SECONDS[unit]!, unit };
}

export function isoDuration({ amount, unit }: DurationParts): string {
  switch (unit) {
    case 'Y':
    case 'M':
    case 'D':
      return `P${amount}${unit}`;
    case 'H':
      return `PT${amount}H`;
    case 'MIN':
      return `PT${amount}M`;
    case 'S':
      return `PT${amount}S`;
  }
}

export const unitLabel = (unit: DurationUnit) => DURATION_UNITS.find((u) => u.unit === unit)!.label;

/** 7 天, 6 个月; a mixed duration as written. */
export function formatDuration(iso: string): string {
  const parts = durationParts(iso);
  return parts ? `${parts.amount} ${unitLabel(parts.unit)}` : iso;
}
