// 帮扶中: a review every reviewInterval (sooner when a re-evaluation finds the household no longer meets the
// criteria). Each review re-runs the data check, then the caseworker re-checks income and indicators and
// concludes: continue (past the one-year limit only with a justification), adjust the plan, or propose exit.
// After each review the run continues as new (see the entry function).

import { ApplicationFailure, allHandlersFinished, condition } from '@temporalio/workflow';
import type { PeriodicReviewForm } from '../../libs/contracts/src/forms';
import { FORM_INVALID } from '../../libs/contracts/src/household-case';
import { addDuration, reviewSummary } from '../../libs/domain/src';
import type { HouseholdCase } from './household-case.state';
import { checkData } from './intake';

/** Waits in support until the review is due, re-evaluating on request (an ineligible household is due at once). */
export async function awaitReview(c: HouseholdCase): Promise<void> {
  const support = c.support!;
  // A run continued at a review boundary starts in support already.
  if (c.stage !== 'inSupport') await c.enterStage('inSupport');
  const dueAt = addDuration(new Date(support.lastReviewAt), c.policy.reviewInterval).getTime();
  for (;;) {
    const early = await condition(() => c.reevaluation !== undefined, Math.max(dueAt - Date.now(), 1));
    if (!early) break;
    const request = c.reevaluation!;
    c.reevaluation = undefined;
    await c.evaluate(`reevaluate-${c.stageChanges}`);
    await c.activities.recordStage({
      caseId: c.caseId,
      stage: 'inSupport',
      seq: (c.stageChanges += 1),
      reason: `按新标准重新评估（${request.reason}）：${c.evaluation?.eligible ? '仍符合条件' : '已不符合条件，提前核查'}`,
    });
    if (!c.evaluation?.eligible) break;
  }
}

/** The periodic review: data check, the caseworker's findings (evaluated), the support ledger; its outcome. */
export async function periodicReview(c: HouseholdCase): Promise<PeriodicReviewForm['outcome']> {
  const support = c.support!;
  c.dataCheckRounds = support.reviews + 2;
  await checkData(c);
  const stageChange = await c.enterTaskStage('periodicReview');
  const limitReached =
    Date.now() >= addDuration(new Date(support.recognisedAt), c.policy.supportLimit).getTime();
  const review = await c.evaluatedTask('periodicReview', () => `review-${support.reviews + 1}`, {
    stageChange,
    payload: {
      round: support.reviews + 1,
      hits: c.hits,
      evaluation: c.evaluation,
      limitReached,
      plan: support.plan,
    },
    validate: (decision) => {
      const { form } = decision;
      if (limitReached && form?.outcome !== 'proposeExit' && !form?.justification?.trim()) {
        throw ApplicationFailure.create({
          type: FORM_INVALID,
          message: '帮扶已满一年，继续帮扶或调整计划须填写理由（form.justification）',
        });
      }
    },
  });
  const { form } = review;
  support.reviews += 1;
  support.lastReviewAt = new Date().toISOString();
  await c.writeLedger(
    'support',
    'reviewed',
    {
      summary: reviewSummary(support.reviews, form.outcome, form.justification),
      round: support.reviews,
      outcome: form.outcome,
      justification: form.justification ?? null,
      limitReached,
      evaluation: c.evaluation,
      reviewedBy: review.actor.username,
    },
    `review-${support.reviews}`,
  );
  return form.outcome;
}

/** Readies c.support to carry this run over into the next one, and waits until nothing is in flight. */
export async function atReviewBoundary(c: HouseholdCase): Promise<void> {
  const support = c.support!;
  support.stageChanges = c.stageChanges;
  support.attempts = c.attempts;
  support.temporaryAssistanceOpened = c.temporaryAssistanceOpened;
  // Only temporary assistance can still be open here (it runs beside the reviews).
  support.openTasks = c.board.openTasks().filter((t) => t.kind === 'temporaryAssistance');
  await c.enterStage('inSupport');
  support.stageChanges = c.stageChanges;
  await condition(() => allHandlersFinished() && c.inFlight.quiet());
}
