// Intake and 大数据比对: a referral or monitoring alert is taken in by the village first; the data check asks the
// county's departments (a child workflow); hits that bar the household go to the county for review.

import { ChildWorkflowCancellationType, executeChild } from '@temporalio/workflow';
import { dataCheckWorkflowId } from '../../libs/contracts/src/household-case';
import type { TaskCompletion } from '../../libs/contracts/src/household-case';
import { disqualifyingHits } from '../../libs/domain/src';
import { dataCheck } from '../data-check.workflow';
import type { HouseholdCase } from './household-case.state';

/** Intake, data check and review of the hits; returns the decision that rejects the case, if one does. */
export async function intakeAndDataCheck(
  c: HouseholdCase,
): Promise<TaskCompletion<'intake' | 'hitReview'> | undefined> {
  const { channel } = c.input;
  if (channel === 'referral' || channel === 'monitoringAlert') {
    const intake = await c.task('village', 'intake');
    if (intake.decision === 'reject') return intake;
  }
  await checkData(c);
  return reviewHits(c);
}

/**
 * 大数据比对 in a child workflow (round c.dataCheckRounds); its hits become the case's. A county that has
 * configured no departments skips it (recorded).
 */
export async function checkData(c: HouseholdCase): Promise<void> {
  const round = c.dataCheckRounds;
  await c.enterStage('dataCheck');
  if (c.policy.dataCheckDepartments.length === 0) {
    await c.activities.recordDataCheck({ caseId: c.caseId, round, hits: [], answers: [] });
    c.hits = [];
    return;
  }
  const result = await executeChild(dataCheck, {
    workflowId: dataCheckWorkflowId(c.caseId, round),
    args: [
      {
        caseId: c.caseId,
        round,
        jurisdictions: c.input.jurisdictions,
        urgent: c.urgent,
        departments: c.policy.dataCheckDepartments,
      },
    ],
    cancellationType: ChildWorkflowCancellationType.TRY_CANCEL,
  });
  c.hits = result.hits;
}

/** Hits that bar the household: the county rejects, or overrides them with a reason (recorded). */
async function reviewHits(c: HouseholdCase): Promise<TaskCompletion<'hitReview'> | undefined> {
  const barred = disqualifyingHits(c.hits);
  if (barred.length === 0) return undefined;
  const stageChange = await c.enterTaskStage('hitReview');
  const review = await c.task('county', 'hitReview', {
    stageChange,
    payload: { hits: barred, round: 1 },
  });
  if (review.decision === 'reject') return review;
  await c.activities.recordOverride({
    caseId: c.caseId,
    taskId: `${c.caseId}:hitReview:${c.attempts.hitReview}`,
    hits: barred,
    actor: review.actor,
    reason: review.reason!,
    attachmentIds: review.form?.attachmentIds ?? [],
  });
  const overridden = new Set(barred);
  c.hits = c.hits.map((hit) =>
    overridden.has(hit) ? { ...hit, overridden: { by: review.actor.username, reason: review.reason! } } : hit,
  );
  return undefined;
}
