import {
  TASK_KINDS,
  TASK_STEPS,
  WITHDRAWABLE_STAGES,
  decisionAllowed,
  returnTarget,
  stepAfter,
  taskStep,
} from './case-steps';

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

describe('decisions of the lifecycle steps', () => {
  it('a return goes to the step asked for when it is earlier, else to the one before', () => {
    expect(returnTarget('townshipReview', 'homeSurvey')).toBe('homeSurvey');
    expect(returnTarget('townshipReview')).toBe('democraticAppraisal');
    expect(returnTarget('recognition')).toBe('townshipReview');
    expect(returnTarget('democraticAppraisal', 'townshipReview')).toBe('homeSurvey');
    expect(returnTarget('objectionInvestigation')).toBe('homeSurvey');
  });

  it('each step allows only its own decisions', () => {
    expect(decisionAllowed('publicNotice', 'approve')).toBe(true);
    expect(decisionAllowed('publicNotice', 'reject')).toBe(false);
    expect(decisionAllowed('objectionInvestigation', 'return')).toBe(true);
    expect(decisionAllowed('measureImplementation', 'return')).toBe(false);
    expect(TASK_STEPS.map((s) => s.kind)).toEqual([...TASK_KINDS]);
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
