// Leaving 低保 minimumLivingAllowance without a cliff (002 §二(四)): the 渐退期 gradualExit for households
// whose income has risen past the standard, and 单人保 individualCoverage for one severely disabled or ill member.

/** "给予不超过2年的渐退期": at most two years. */
export const MAX_GRADUAL_EXIT_MONTHS = 24;

const toFen = (yuan: number): number => Math.round(yuan * 100);

function requirePositiveStandard(minimumLivingStandard: number): void {
  if (!Number.isFinite(minimumLivingStandard) || minimumLivingStandard <= 0)
    throw new RangeError(
      `the minimum living standard must be a positive amount, got ${minimumLivingStandard}`,
    );
}

/**
 * Months of gradual exit a 低保 household may keep (the caller knows it is on 低保): the maximum when per-capita
 * income is above the standard and within 2× it ("超过低保最低标准但在2倍以内", so exactly 2× still counts);
 * 0 at or below the standard (the household still qualifies for 低保) and above 2× (it exits outright).
 */
export function gradualExitMonths(
  perCapitaIncome: number,
  minimumLivingStandard: number,
  maxMonths: number = MAX_GRADUAL_EXIT_MONTHS,
): number {
  requirePositiveStandard(minimumLivingStandard);
  if (!Number.isInteger(maxMonths) || maxMonths < 0)
    throw new RangeError(`maxMonths must be a whole number of months, got ${maxMonths}`);
  const incomeFen = toFen(perCapitaIncome);
  const standardFen = toFen(minimumLivingStandard);
  if (incomeFen <= standardFen || incomeFen > 2 * standardFen) return 0;
  return maxMonths;
}

export interface IndividualCoverageInput {
  perCapitaIncome: number;
  minimumLivingStandard: number;
  /** 重残 severe disability; 重病 serious illness. */
  member: { severeDisability: boolean; seriousIllness: boolean };
}

/**
 * 单人保: the member is covered alone when household per-capita income is below 2× the standard
 * ("低于低保标准2倍", strictly below) and the member is severely disabled or seriously ill. The seed sets no
 * lower bound; a household at or below the standard qualifies as a whole anyway.
 */
export function qualifiesForIndividualCoverage(input: IndividualCoverageInput): boolean {
  requirePositiveStandard(input.minimumLivingStandard);
  const underTwice = toFen(input.perCapitaIncome) < 2 * toFen(input.minimumLivingStandard);
  return underTwice && (input.member.severeDisability || input.member.seriousIllness);
}
