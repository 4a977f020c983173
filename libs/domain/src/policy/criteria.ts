// 定量/定性/反向标准 the quantitative, qualitative and disqualifying criteria for enrolment
// (DOMAIN.md "Poverty line and criteria"; seeds 003 §二(一), §二(三); 000 §三(二), §三(三)).

import type { PovertyCause } from '../household';
import { POVERTY_CAUSE_LABELS } from '../labels';

/** 一达标两不愁六保障 wellbeingIndicators (000), in GLOSSARY order. */
export const WELLBEING_INDICATORS = [
  'income',
  'food',
  'clothing',
  'schooling',
  'medical',
  'housing',
  'water',
  'pension',
  'employment',
] as const;
export type WellbeingIndicator = (typeof WELLBEING_INDICATORS)[number];

/** true = the indicator is secured (met) for the household. */
export type WellbeingIndicators = Record<WellbeingIndicator, boolean>;

export const WELLBEING_INDICATOR_LABELS: Record<WellbeingIndicator, string> = {
  income: '收入达标',
  food: '不愁吃',
  clothing: '不愁穿',
  schooling: '全阶段教育有保障',
  medical: '基本医疗有保障',
  housing: '住房安全有保障',
  water: '饮水安全有保障',
  pension: '基本养老有保障',
  employment: '就业有保障',
};

const toFen = (yuan: number): number => Math.round(yuan * 100);

/** Whole yuan without decimals (the lines are whole yuan), otherwise to the fen. */
const formatYuan = (yuan: number): string => (Number.isInteger(yuan) ? String(yuan) : yuan.toFixed(2));

/**
 * 定量 quantitative: per-capita income strictly below the line, compared in fen. A household exactly at the
 * line is not below it; 003 gives the qualitative criteria to incomes "超过" the line, and we let a household
 * at the line be judged by them too, so no household falls between the two.
 */
export function isBelowPovertyLine(perCapitaIncome: number, line: number): boolean {
  return toFen(perCapitaIncome) < toFen(line);
}

/**
 * The indicators other than income that are not secured. Income is left out: the poverty line decides it,
 * so a stale `income` flag cannot contradict the quantitative criterion.
 */
export function unmetWellbeingIndicators(indicators: WellbeingIndicators): WellbeingIndicator[] {
  return WELLBEING_INDICATORS.filter((indicator) => indicator !== 'income' && !indicators[indicator]);
}

/**
 * 因病因学因意外 temporary hardship from illness, schooling or accident (003). 003 writes "等原因" (and the
 * like) but names only these three; other causes are recorded on the household without qualifying by themselves.
 */
export const TEMPORARY_HARDSHIP_CAUSES = [
  'illness',
  'schooling',
  'accident',
] as const satisfies readonly PovertyCause[];
export type TemporaryHardshipCause = (typeof TEMPORARY_HARDSHIP_CAUSES)[number];

export interface QualitativeCriteriaInput {
  indicators: WellbeingIndicators;
  hardshipCauses: readonly PovertyCause[];
  /** 特殊困难人群 a special hardship group, as the village and township judge it. */
  specialHardshipGroup: boolean;
  /** 60周岁以上贫困老人: a member aged 60 or more who is poor. */
  elderlyPoor: boolean;
}

/** Chinese grounds on which the qualitative criteria are met; empty when none is. */
function qualitativeGrounds(input: QualitativeCriteriaInput): string[] {
  const grounds: string[] = [];
  const unmet = unmetWellbeingIndicators(input.indicators);
  if (unmet.length > 0)
    grounds.push(`「${unmet.map((i) => WELLBEING_INDICATOR_LABELS[i]).join('」「')}」未达到`);
  const temporary = TEMPORARY_HARDSHIP_CAUSES.filter((cause) =>
    input.hardshipCauses.some((c) => c === cause),
  );
  if (temporary.length > 0)
    grounds.push(`${temporary.map((c) => POVERTY_CAUSE_LABELS[c]).join('、')}导致临时困难`);
  if (input.specialHardshipGroup) grounds.push('属特殊困难人群');
  if (input.elderlyPoor) grounds.push('家中有60周岁以上贫困老人');
  return grounds;
}

/**
 * 定性 qualitative: 一达标两不愁六保障 not all met (besides income), temporary hardship from illness, schooling
 * or accident, a special hardship group, or a poor member aged 60+ (003). 003 still says "两不愁三保障"; the
 * platform uses the fuller index of 000, as DOMAIN.md does.
 */
export function meetsQualitativeCriteria(input: QualitativeCriteriaInput): boolean {
  return qualitativeGrounds(input).length > 0;
}

/** 比对命中 dataCheckHit categories: what a department's 大数据比对 dataCheck can find against a household. */
export const DATA_CHECK_HIT_CATEGORIES = [
  'commercialHousing',
  'vehicle',
  'largeDeposits',
  'largeMachinery',
  'businessRegistration',
  'relativeInPublicOffice',
] as const;
export type DataCheckHitCategory = (typeof DATA_CHECK_HIT_CATEGORIES)[number];

export const DATA_CHECK_HIT_LABELS: Record<DataCheckHitCategory, string> = {
  commercialHousing: '商品房',
  vehicle: '高档乘用车辆',
  largeDeposits: '大额银行存款',
  largeMachinery: '大型农机具',
  businessRegistration: '工商登记',
  relativeInPublicOffice: '直系亲属系财政供养人员或担任公职',
};

/**
 * 反向 disqualifying: "原则上不得纳为相对贫困人口" unless overridden (003 §二(一), §二(三)).
 * businessRegistration is deliberately absent: 003 names deposits, machinery, commercial housing, high-end
 * vehicles and relatives in public office, never a registered business, and 000 §三(五) supports relatively poor
 * people who start a micro-enterprise. A 市场监管 hit is something for the home survey to check, not a bar.
 */
export const DISQUALIFYING_HIT_CATEGORIES: ReadonlySet<DataCheckHitCategory> = new Set<DataCheckHitCategory>([
  'commercialHousing',
  'vehicle',
  'largeDeposits',
  'largeMachinery',
  'relativeInPublicOffice',
]);

export interface DataCheckOverride {
  /** Who set the hit aside. */
  by: string;
  /** The recorded reason, required for the override to count. */
  reason: string;
}

export interface DataCheckHit {
  /** 部门 the reporting department, e.g. 住建, 公安, 交警. */
  department: string;
  category: DataCheckHitCategory;
  detail: string;
  overridden?: DataCheckOverride;
}

/** An override counts only with both who and why recorded; inspectors audit it for 优亲厚友 favouritism. */
export function isHitOverridden(hit: DataCheckHit): hit is DataCheckHit & { overridden: DataCheckOverride } {
  return (
    hit.overridden !== undefined && hit.overridden.by.trim() !== '' && hit.overridden.reason.trim() !== ''
  );
}

/** The hits that bar enrolment: a disqualifying category, not overridden. */
export function disqualifyingHits(hits: readonly DataCheckHit[]): DataCheckHit[] {
  return hits.filter((hit) => DISQUALIFYING_HIT_CATEGORIES.has(hit.category) && !isHitOverridden(hit));
}

export type EligibilityBasis = 'quantitative' | 'qualitative';

export interface EligibilityInput extends QualitativeCriteriaInput {
  perCapitaIncome: number;
  /** The applicable 相对贫困线 in yuan (see povertyLine). */
  povertyLine: number;
  dataCheckHits: readonly DataCheckHit[];
}

export interface Eligibility {
  eligible: boolean;
  basis: EligibilityBasis | null;
  disqualifiedBy: DataCheckHit[];
  /** Chinese, shown to caseworkers and in the ledgers. */
  reasons: string[];
}

const hitFinding = (hit: DataCheckHit): string =>
  `${hit.department}比对发现${DATA_CHECK_HIT_LABELS[hit.category]}${hit.detail.trim() ? `（${hit.detail.trim()}）` : ''}`;

/** Notes on hits that did not disqualify, so the record shows they were seen. */
function setAsideHitNotes(hits: readonly DataCheckHit[]): string[] {
  return hits.flatMap((hit) => {
    if (isHitOverridden(hit))
      return [`${hitFinding(hit)}，已由${hit.overridden.by}核实排除：${hit.overridden.reason}`];
    if (!DISQUALIFYING_HIT_CATEGORIES.has(hit.category))
      return [`${hitFinding(hit)}，不属反向标准，请在入户调查时核实`];
    return [];
  });
}

/**
 * Whether the household may be enrolled and on which basis. Disqualifying hits that are not overridden win
 * over everything; then the quantitative criterion; then the qualitative ones.
 */
export function evaluateEligibility(input: EligibilityInput): Eligibility {
  const barred = disqualifyingHits(input.dataCheckHits);
  const notes = setAsideHitNotes(input.dataCheckHits);
  if (barred.length > 0)
    return {
      eligible: false,
      basis: null,
      disqualifiedBy: barred,
      reasons: [...barred.map((hit) => `反向标准：${hitFinding(hit)}，原则上不得纳入`), ...notes],
    };

  const income = `家庭年人均收入${formatYuan(input.perCapitaIncome)}元`;
  const line = `相对贫困线${formatYuan(input.povertyLine)}元`;
  if (isBelowPovertyLine(input.perCapitaIncome, input.povertyLine))
    return {
      eligible: true,
      basis: 'quantitative',
      disqualifiedBy: [],
      reasons: [`定量标准：${income}，低于${line}`, ...notes],
    };

  const grounds = qualitativeGrounds(input);
  if (grounds.length > 0)
    return {
      eligible: true,
      basis: 'qualitative',
      disqualifiedBy: [],
      reasons: [`定性标准：${income}，不低于${line}，但${grounds.join('；')}`, ...notes],
    };

  return {
    eligible: false,
    basis: null,
    disqualifiedBy: [],
    reasons: [`${income}，不低于${line}，且不符合定性标准`, ...notes],
  };
}
