// Before recognition: intake and data check, then the village procedure — home survey, democratic appraisal,
// public notice — and the township review and county recognition. A step may send the case back to an earlier
// one; any step may reject it. Everything here can be withdrawn: it runs in a scope the withdrawal cancels.

import { CancellationScope, condition, isCancellation } from '@temporalio/workflow';
import type { Actor, TaskCompletion } from '../../libs/contracts/src/household-case';
import { returnTarget } from '../../libs/domain/src';
import type { StageChange } from '../human-tasks';
import type { HouseholdCase } from './household-case.state';
import { intakeAndDataCheck } from './intake';
import { publicNotice } from './public-notice';
import { recognition, townshipReview } from './recognition';

/** How the procedure before recognition ended. */
export type ProcedureEnd =
  { outcome: 'recognised' } | { outcome: 'rejected' | 'withdrawn'; reason: string; actor: Actor };

type Step = 'homeSurvey' | 'democraticAppraisal' | 'publicNotice' | 'townshipReview' | 'recognition';
/** What a step's decision comes from: its own task, or for the notice an upheld objection's investigation. */
type StepDecision = TaskCompletion<Step | 'objectionInvestigation'>;

const NEXT_STEP: Record<Exclude<Step, 'recognition'>, Step> = {
  homeSurvey: 'democraticAppraisal',
  democraticAppraisal: 'publicNotice',
  publicNotice: 'townshipReview',
  townshipReview: 'recognition',
};

/** Runs the procedure until recognition, a rejection or a withdrawal. */
export async function beforeRecognition(c: HouseholdCase): Promise<ProcedureEnd> {
  const procedure = new CancellationScope();
  void condition(() => c.withdrawal !== undefined).then(() => procedure.cancel());
  c.procedureRunning = true;
  try {
    return await procedure.run(() => runProcedure(c));
  } catch (error) {
    if (!isCancellation(error) || !c.withdrawal) throw error;
    return { outcome: 'withdrawn', reason: c.withdrawal.reason, actor: c.withdrawal.actor };
  } finally {
    c.procedureRunning = false;
  }
}

async function runProcedure(c: HouseholdCase): Promise<ProcedureEnd> {
  const rejection = await intakeAndDataCheck(c);
  if (rejection) return rejected(rejection);
  let step: Step = 'homeSurvey';
  for (;;) {
    const decision = await runStep(c, step, await c.enterTaskStage(step));
    if (decision.decision === 'reject') return rejected(decision);
    if (decision.decision === 'return') {
      // Only a review's form names the step it returns to.
      const { form } = decision;
      step = returnTarget(
        step === 'publicNotice' ? 'objectionInvestigation' : step,
        form && 'returnTo' in form ? form.returnTo : undefined,
      );
      continue;
    }
    if (step === 'recognition') return { outcome: 'recognised' };
    step = NEXT_STEP[step];
  }
}

function runStep(c: HouseholdCase, step: Step, stageChange: StageChange): Promise<StepDecision> {
  switch (step) {
    case 'homeSurvey':
      return homeSurvey(c, stageChange);
    case 'democraticAppraisal':
      return c.task('village', 'democraticAppraisal', {
        stageChange,
        payload: { evaluation: c.evaluation },
      });
    case 'publicNotice':
      return publicNotice(c, stageChange);
    case 'townshipReview':
      return townshipReview(c, stageChange);
    case 'recognition':
      return recognition(c, stageChange);
  }
}

/** 入户调查: the caseworker's findings are evaluated when the survey is approved. */
function homeSurvey(c: HouseholdCase, stageChange: StageChange): Promise<TaskCompletion<'homeSurvey'>> {
  return c.evaluatedTask('homeSurvey', () => `survey-${c.attempts.homeSurvey}`, {
    stageChange,
    payload: { hits: c.hits },
  });
}

function rejected(decision: TaskCompletion): ProcedureEnd {
  return { outcome: 'rejected', reason: decision.reason ?? '不予认定', actor: decision.actor };
}
