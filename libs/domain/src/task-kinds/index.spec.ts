import { CASE_STAGES } from '../case-steps';
import { DEFAULT_CASE_POLICY } from '../case-policy';
import { type TaskStep, TASK_KINDS, TASK_STEPS, decisionAllowed, returnTarget, taskStep } from '.';

describe('task kinds', () => {
  it('each step names the role and level that decide it', () => {
    expect(taskStep('townshipReview')).toMatchObject({
      candidateRole: 'townshipReviewer',
      level: 'township',
    });
    expect(decisionAllowed('homeSurvey', 'return')).toBe(false);
  });

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
  });

  it.each(TASK_STEPS.map((step): [string, TaskStep] => [step.kind, step]))(
    '%s has return targets exactly when it may return, and a stage of the case',
    (_kind, step) => {
      expect(step.returnTargets !== undefined).toBe(step.decisionLabels.return !== undefined);
      if (step.stage !== undefined) expect(CASE_STAGES).toContain(step.stage);
      expect(step.decisionLabels.approve).toBeDefined();
    },
  );

  it('lists each kind once, and the case policy takes its deadlines from the definitions', () => {
    expect(new Set(TASK_KINDS).size).toBe(TASK_STEPS.length);
    expect(DEFAULT_CASE_POLICY.taskSlaWorkingDays.democraticAppraisal).toBe(7);
    expect(DEFAULT_CASE_POLICY.urgentTaskSlaHours.measureImplementation).toBe(72);
    expect(Object.keys(DEFAULT_CASE_POLICY.taskSlaWorkingDays)).toEqual([...TASK_KINDS]);
  });
});
