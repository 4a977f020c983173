import { caseProgress, PROGRESS_STAGES, type StageEntry } from './case-progress';

const at = (minute: number) => new Date(Date.UTC(2026, 2, 2, 1, minute));
const entries = (...stages: string[]): StageEntry[] =>
  stages.map((stage, index) => ({ stage, at: at(index) }) as StageEntry);
const statuses = (steps: { stage: string; status: string }[]) =>
  Object.fromEntries(steps.map((step) => [step.stage, step.status]));

describe('caseProgress', () => {
  it('lists the whole path in order: a fresh case is at intake, everything else still to come', () => {
    const { steps, outcome } = caseProgress(entries('intake'), {
      stage: 'intake',
      closed: false,
      closedAt: null,
    });
    expect(steps.map((step) => step.stage)).toEqual(PROGRESS_STAGES);
    expect(steps[0]).toMatchObject({
      status: 'current',
      statusLabel: '进行中',
      enteredAt: at(0),
      leftAt: null,
    });
    expect(steps.slice(1).every((step) => step.status === 'pending' && step.enteredAt === null)).toBe(true);
    expect(outcome).toBeNull();
  });

  it('marks the stages passed with when the case entered and left them, and those it went past unvisited as skipped', () => {
    const { steps } = caseProgress(
      entries('intake', 'dataCheck', 'homeSurvey', 'democraticAppraisal', 'publicNotice', 'townshipReview'),
      { stage: 'townshipReview', closed: false, closedAt: null },
    );
    expect(statuses(steps)).toMatchObject({
      intake: 'passed',
      dataCheck: 'passed',
      hitReview: 'skipped',
      homeSurvey: 'passed',
      publicNotice: 'passed',
      townshipReview: 'current',
      recognition: 'pending',
      closed: 'pending',
    });
    expect(steps.find((step) => step.stage === 'publicNotice')).toMatchObject({
      enteredAt: at(4),
      leftAt: at(5),
      visits: 1,
    });
  });

  it('keeps the first entry and the last exit of a stage visited twice (a return), and shows the returned-from stage as to come again', () => {
    const { steps } = caseProgress(
      entries('intake', 'homeSurvey', 'democraticAppraisal', 'townshipReview', 'democraticAppraisal'),
      { stage: 'democraticAppraisal', closed: false, closedAt: null },
    );
    const appraisal = steps.find((step) => step.stage === 'democraticAppraisal')!;
    expect(appraisal).toMatchObject({ status: 'current', enteredAt: at(2), leftAt: null, visits: 2 });
    expect(steps.find((step) => step.stage === 'townshipReview')).toMatchObject({
      status: 'pending',
      enteredAt: at(3),
      leftAt: at(4),
    });
  });

  it('shows where a rejected case stopped, skips the rest, and reports the outcome apart', () => {
    const closedAt = at(3);
    const { steps, outcome } = caseProgress(entries('intake', 'dataCheck', 'hitReview', 'rejected'), {
      stage: 'rejected',
      closed: true,
      closedAt,
    });
    expect(statuses(steps)).toMatchObject({
      intake: 'passed',
      dataCheck: 'passed',
      hitReview: 'rejected',
      homeSurvey: 'skipped',
      closed: 'skipped',
    });
    expect(steps.find((step) => step.stage === 'hitReview')).toMatchObject({ leftAt: closedAt });
    expect(outcome).toEqual({ stage: 'rejected', label: '不予认定', at: closedAt });
  });

  it('ends a case closed at the end of its path with every visited stage passed and no outcome apart', () => {
    const { steps, outcome } = caseProgress(entries('intake', 'inSupport', 'exit', 'observation', 'closed'), {
      stage: 'closed',
      closed: true,
      closedAt: at(4),
    });
    expect(statuses(steps)).toMatchObject({
      observation: 'passed',
      closed: 'passed',
      recognition: 'skipped',
    });
    expect(outcome).toBeNull();
  });
});
