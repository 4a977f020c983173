import { incomeFarAboveSurvey, REVIEW_INCOME_RATIO } from './thresholds';

describe('incomeFarAboveSurvey', () => {
  it('reports a review at the ratio or above, and nothing below it', () => {
    expect(REVIEW_INCOME_RATIO).toBe(1.5);
    expect(incomeFarAboveSurvey(4000, 6000)).toBe(true);
    expect(incomeFarAboveSurvey(4000, 5999)).toBe(false);
  });

  it('reports any income found where the survey found none, but not nothing found twice', () => {
    expect(incomeFarAboveSurvey(0, 100)).toBe(true);
    expect(incomeFarAboveSurvey(0, 0)).toBe(false);
  });
});
