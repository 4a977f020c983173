import { WITHDRAWABLE_STAGES, stepAfter } from './case-steps';

describe("the first version's steps", () => {
  it('approval moves to the next step and the last approval recognises the case', () => {
    expect(stepAfter('homeSurvey', 'approve')).toBe('democraticAppraisal');
    expect(stepAfter('townshipReview', 'approve')).toBe('recognition');
    expect(stepAfter('recognition', 'approve')).toBe('recognised');
  });

  it('a return goes back one step and a rejection ends the case', () => {
    expect(stepAfter('townshipReview', 'return')).toBe('democraticAppraisal');
    expect(stepAfter('democraticAppraisal', 'reject')).toBe('rejected');
  });
});

describe('withdrawal', () => {
  it('is possible up to county recognition, not from the plan on', () => {
    expect(WITHDRAWABLE_STAGES).toEqual([
      'intake',
      'dataCheck',
      'hitReview',
      'homeSurvey',
      'democraticAppraisal',
      'publicNotice',
      'townshipReview',
      'recognition',
    ]);
  });
});
