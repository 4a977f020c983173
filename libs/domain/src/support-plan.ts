// 帮扶计划 1+N supportPlan: the 1 (兜底保障 safetyNet) and the N (行业帮扶 sectorMeasures), each carried out by a
// department (DOMAIN.md "Support plan"; seeds 003 §二(四), 000 §三(四)–(八)).

import type { Department } from './lifecycle-policy';

export const SAFETY_NET_TYPES = [
  'minimumLivingAllowance',
  'extremePovertySupport',
  'temporaryAssistance',
  'povertyInsurance',
] as const;
export type SafetyNetType = (typeof SAFETY_NET_TYPES)[number];

export const SAFETY_NET_LABELS: Record<SafetyNetType, string> = {
  minimumLivingAllowance: '低保',
  extremePovertySupport: '特困供养',
  temporaryAssistance: '临时救助',
  povertyInsurance: '防贫保险',
};

/** 防贫保险's four cover types (003). */
export const INSURANCE_COVERS = ['illness', 'schooling', 'accident', 'income'] as const;
export type InsuranceCover = (typeof INSURANCE_COVERS)[number];

export const INSURANCE_COVER_LABELS: Record<InsuranceCover, string> = {
  illness: '因病',
  schooling: '因学',
  accident: '因意外',
  income: '因收入骤减',
};

export const SECTOR_MEASURES = [
  'finance',
  'industry',
  'employment',
  'care',
  'education',
  'medical',
  'housing',
] as const;
export type SectorMeasureKind = (typeof SECTOR_MEASURES)[number];

export const SECTOR_MEASURE_LABELS: Record<SectorMeasureKind, string> = {
  finance: '金融帮扶',
  industry: '产业帮扶',
  employment: '就业帮扶',
  care: '温情服务',
  education: '教育帮扶',
  medical: '医疗帮扶',
  housing: '住房保障',
};

/** Who carries out a safety-net item unless the plan names another department. */
export const SAFETY_NET_DEPARTMENT: Record<SafetyNetType, Department> = {
  minimumLivingAllowance: 'civilAffairs',
  extremePovertySupport: 'civilAffairs',
  temporaryAssistance: 'civilAffairs',
  povertyInsurance: 'finance',
};

export const MEASURE_RESULTS = ['effective', 'partial', 'ineffective'] as const;
export type MeasureResult = (typeof MEASURE_RESULTS)[number];

export const MEASURE_RESULT_LABELS: Record<MeasureResult, string> = {
  effective: '见效',
  partial: '部分见效',
  ineffective: '未见效',
};

export const REVIEW_OUTCOMES = ['continue', 'adjustPlan', 'proposeExit'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

export const REVIEW_OUTCOME_LABELS: Record<ReviewOutcome, string> = {
  continue: '继续帮扶',
  adjustPlan: '调整帮扶计划',
  proposeExit: '提议退出',
};

/** 收入构成: wages, household business, property and transfer income (国家统计口径). */
export const INCOME_KINDS = ['wages', 'business', 'property', 'transfer'] as const;
export type IncomeKind = (typeof INCOME_KINDS)[number];

export type MemberIncome = { idNumber: string } & Record<IncomeKind, number>;

/** Per-capita annual income from each member's incomes by kind, to the fen. */
export function surveyedPerCapitaIncome(incomes: readonly MemberIncome[]): number {
  if (incomes.length === 0) return 0;
  const fen = incomes.reduce(
    (sum, member) => sum + INCOME_KINDS.reduce((s, kind) => s + Math.round(member[kind] * 100), 0),
    0,
  );
  return Math.round(fen / incomes.length) / 100;
}
