// 案件 householdCase: one household's whole life in the mechanism — intake and data check, the village
// procedure with its public notice, township review and county recognition, the 1+N support plan, half-yearly
// reviews, exit and three months of observation. The workflow is the source of truth; activities mirror each
// change into the read model. It continues as new at each review so that a case of several years keeps a small
// history. This function runs the phases in order; the state is in household-case.state.ts, the messages are
// wired in handlers.ts, each phase has its module.

import { continueAsNew, patched } from '@temporalio/workflow';
import type { CaseState, HouseholdCaseInput } from '../../libs/contracts/src/household-case';
import { householdCaseV1 } from '../legacy/household-case-v1';
import { exitAndObservation } from './exit';
import { wireHandlers } from './handlers';
import { HouseholdCase } from './household-case.state';
import { recognise } from './recognition';
import { atReviewBoundary, awaitReview, periodicReview } from './reviews';
import { draftPlan } from './support-plan';
import { temporaryAssistance } from './temporary-assistance';
import { beforeRecognition } from './village-procedure';

/** patched() id: the whole lifecycle replaced the village-to-county procedure (2026-11). */
const FULL_LIFECYCLE = 'full-lifecycle';
/** patched() id: a stage that begins with a task is recorded by that task's openTask (2026-11). */
const STAGE_WITH_TASK = 'stage-with-task';
/** patched() id: a survey's or review's evaluation is written with its decision, one transaction (2026-12). */
const EVALUATE_WITH_DECISION = 'evaluate-with-decision';

export async function householdCase(input: HouseholdCaseInput): Promise<CaseState> {
  if (!patched(FULL_LIFECYCLE)) return householdCaseV1(input);
  const c = new HouseholdCase(input);
  wireHandlers(c);
  c.stageWithTask = patched(STAGE_WITH_TASK);
  c.evaluateWithDecision = patched(EVALUATE_WITH_DECISION);
  c.policy = await c.activities.loadLifecyclePolicy(c.caseId);
  if (c.support) {
    // A run continued at a review: a task still open when the last run ended is waited for here.
    for (const task of c.support.openTasks ?? []) void temporaryAssistance(c, task);
  } else {
    if (c.urgent) void temporaryAssistance(c);
    const end = await beforeRecognition(c);
    if (end.outcome !== 'recognised') return c.close(end.outcome, end.reason, end.actor);
    await recognise(c);
    await draftPlan(c);
  }

  await awaitReview(c);
  const outcome = await periodicReview(c);
  if (outcome === 'proposeExit') {
    const closed = await exitAndObservation(c);
    if (closed) return closed;
  } else if (outcome === 'adjustPlan') {
    await draftPlan(c);
  }
  await atReviewBoundary(c);
  return continueAsNew<typeof householdCase>({ ...input, urgent: c.urgent, support: c.support });
}
