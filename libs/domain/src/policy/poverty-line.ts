// 相对贫困线 povertyLine: yuan per person per year, set per jurisdiction, year and urban/rural area
// (DOMAIN.md "Poverty line and criteria"; seeds 000 §三(二), 003 §二(一)).

export type PovertyLineArea = 'urban' | 'rural';

/**
 * What the ratio is applied to: 人均可支配收入中位数 medianDisposableIncome (000), or the mean per-capita
 * disposable income (人均可支配收入) that Yiyuan uses (003).
 */
export type PovertyLineBasis = 'median' | 'perCapitaDisposable';

export interface PovertyLineRule {
  /** County, township or village id; a more specific jurisdiction's rule overrides its parent's. */
  jurisdictionId: string;
  /** The year the line applies to. */
  year: number;
  area: PovertyLineArea;
  basis: PovertyLineBasis;
  /** The previous year's median or per-capita disposable income, in yuan per person per year. */
  baseIncome: number;
  /** Share of baseIncome, e.g. 0.4 for 40%. */
  ratio: number;
}

/** 40% of the previous year's median (000); 001 finds 40%–50% reasonable. */
export const DEFAULT_POVERTY_LINE_RATIO = 0.4;

/** Yiyuan (沂源) 2020: 33% of the 2019 rural per-capita disposable income, 19128 × 33% = 6312 yuan (003). */
export const YIYUAN_2020_RULE: PovertyLineRule = {
  jurisdictionId: '370323',
  year: 2020,
  area: 'rural',
  basis: 'perCapitaDisposable',
  baseIncome: 19128,
  ratio: 0.33,
};

// The ratio is taken in millionths so that baseIncome × ratio is an exact integer product (no float drift).
const RATIO_SCALE = 1_000_000;
const FEN_PER_YUAN = 100;

/**
 * The line in whole yuan: baseIncome × ratio rounded to the nearest yuan, halves up. The documents publish
 * whole-yuan lines (19128 × 33% = 6312.24 → 6312); rounding to the nearest neither favours nor penalises
 * households the way always cutting down or always rounding up would.
 */
export function povertyLine(rule: PovertyLineRule): number {
  if (!Number.isFinite(rule.baseIncome) || rule.baseIncome < 0)
    throw new RangeError(`baseIncome must be a non-negative amount, got ${rule.baseIncome}`);
  if (!Number.isFinite(rule.ratio) || rule.ratio <= 0 || rule.ratio > 1)
    throw new RangeError(`ratio must be in (0, 1], got ${rule.ratio}`);
  const baseFen = Math.round(rule.baseIncome * FEN_PER_YUAN);
  const ratioMillionths = Math.round(rule.ratio * RATIO_SCALE);
  // Integer numerator, well below 2^53 for any real income; the quotient is correctly rounded, so .5 stays .5.
  return Math.round((baseFen * ratioMillionths) / (FEN_PER_YUAN * RATIO_SCALE));
}

/**
 * The rule for a household: the most specific jurisdiction on its path (county → township → village ids)
 * that has a rule for that year and area. A village rule overrides its township's, which overrides the county's.
 */
export function findPovertyLineRule(
  rules: readonly PovertyLineRule[],
  jurisdictionPath: readonly string[],
  year: number,
  area: PovertyLineArea,
): PovertyLineRule | undefined {
  for (let level = jurisdictionPath.length - 1; level >= 0; level--) {
    const rule = rules.find(
      (r) => r.jurisdictionId === jurisdictionPath[level] && r.year === year && r.area === area,
    );
    if (rule) return rule;
  }
  return undefined;
}
