// One Chinese line per ledger entry (三本台账): what the exported ledgers show in their 详情 column.

import { DEPARTMENT_LABELS, type Department } from './lifecycle-policy';
import {
  INSURANCE_COVER_LABELS,
  MEASURE_RESULT_LABELS,
  REVIEW_OUTCOME_LABELS,
  SAFETY_NET_LABELS,
  SECTOR_MEASURE_LABELS,
  type InsuranceCover,
  type MeasureResult,
  type ReviewOutcome,
  type SafetyNetType,
  type SectorMeasureKind,
} from './support-plan';

const department = (name: string): string => DEPARTMENT_LABELS[name as Department] ?? name;

export function planSummary(
  version: number,
  plan: {
    safetyNet: { type: SafetyNetType; covers?: InsuranceCover[] }[];
    sectorMeasures: { sector: SectorMeasureKind; department: string }[];
    gradualExitMonths?: number;
    individualCoverage?: unknown[];
  },
): string {
  const one = plan.safetyNet.map(
    (item) =>
      SAFETY_NET_LABELS[item.type] +
      (item.covers?.length ? `（${item.covers.map((c) => INSURANCE_COVER_LABELS[c]).join('、')}）` : ''),
  );
  const n = plan.sectorMeasures.map(
    (m) => `${SECTOR_MEASURE_LABELS[m.sector]}（${department(m.department)}）`,
  );
  const extras = [
    plan.gradualExitMonths ? `渐退期${plan.gradualExitMonths}个月` : '',
    plan.individualCoverage?.length ? `单人保${plan.individualCoverage.length}人` : '',
  ].filter(Boolean);
  return [
    `帮扶计划第${version}版`,
    `1：${one.join('、') || '无'}`,
    `N：${n.join('、') || '无'}`,
    ...extras,
  ].join('；');
}

export function measureSummary(label: string, by: string, result: MeasureResult, note: string): string {
  return `${label}（${department(by)}）已落实，跟踪问效：${MEASURE_RESULT_LABELS[result]}，${note}`;
}

export function reviewSummary(round: number, outcome: ReviewOutcome, justification?: string | null): string {
  return `第${round}次核查：${REVIEW_OUTCOME_LABELS[outcome]}${justification ? `（满一年继续帮扶理由：${justification}）` : ''}`;
}

export function meetingSummary(meeting: { heldOn: string; attendees: number; votesFor: number }): string {
  return `${meeting.heldOn} 村民代表会到会${meeting.attendees}人，${meeting.votesFor}人同意退出`;
}
