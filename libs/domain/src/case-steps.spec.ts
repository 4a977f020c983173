import { stepAfter, taskStep } from './case-steps';

describe('case steps', () => {
  it('approval moves to the next step and the last approval recognises the case', () => {
    expect(stepAfter('homeSurvey', 'approve')).toBe('democraticAppraisal');
    expect(stepAfter('townshipReview', 'approve')).toBe('recognition');
    expect(stepAfter('recognition', 'approve')).toBe('recognised');
  });

  it('a return goes back one step and a rejection ends the case', () => {
    expect(stepAfter('townshipReview', 'return')).toBe('democraticAppraisal');
    expect(stepAfter('democraticAppraisal', 'reject')).toBe('rejected');
  });

  it('each step names the role and level that decide it', () => {
    expect(taskStep('townshipReview')).toMatchObject({
      candidateRole: 'townshipReviewer',
      level: 'township',
    });
    expect(taskStep('homeSurvey').canReturn).toBe(false);
  });
});
