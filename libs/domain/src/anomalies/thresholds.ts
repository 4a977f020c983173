// Where an inspector's anomaly reports draw the line: named here so a report, its spec and its screen agree.

/** 虚报冒领: a later review found at least this many times the surveyed per-capita income. */
export const REVIEW_INCOME_RATIO = 1.5;

/** 不作为: an open task this many working days past its deadline is reported, by default. */
export const OVERDUE_WORKING_DAYS = 5;

/** Whether a review's per-capita income is far enough above the survey's to be looked at. */
export function incomeFarAboveSurvey(
  surveyed: number,
  reviewed: number,
  ratio = REVIEW_INCOME_RATIO,
): boolean {
  return reviewed > surveyed && reviewed >= surveyed * ratio;
}
