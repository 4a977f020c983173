// 乡镇审核 and 县级认定: the township reviews, the county recognises; once recognised, the case is written to the
// identification ledger and its support begins.

import type { TaskCompletion } from '../../libs/contracts/src/household-case';
import type { StageChange } from '../human-tasks';
import type { HouseholdCase } from './household-case.state';

export function townshipReview(
  c: HouseholdCase,
  stageChange: StageChange,
): Promise<TaskCompletion<'townshipReview'>> {
  return c.task('township', 'townshipReview', {
    stageChange,
    payload: { evaluation: c.evaluation, hits: c.hits },
  });
}

export function recognition(
  c: HouseholdCase,
  stageChange: StageChange,
): Promise<TaskCompletion<'recognition'>> {
  return c.task('county', 'recognition', {
    stageChange,
    payload: { evaluation: c.evaluation, hits: c.hits },
  });
}

/** 认定纳入: the ledger entry, and the support state the plan and the reviews build on. */
export async function recognise(c: HouseholdCase): Promise<void> {
  const recognisedAt = new Date().toISOString();
  await c.writeLedger('identification', 'recognised', {
    summary: `认定纳入：${c.evaluation?.reasons.join('；') ?? ''}`,
    recognisedAt,
    evaluation: c.evaluation,
    hits: c.hits,
    channel: c.input.channel ?? 'application',
  });
  c.support = {
    recognisedAt,
    reviews: 0,
    lastReviewAt: recognisedAt,
    planVersion: 0,
    plan: { safetyNet: [], sectorMeasures: [] },
    measures: [],
    temporaryAssistanceOpened: c.temporaryAssistanceOpened,
    stageChanges: c.stageChanges,
    attempts: c.attempts,
  };
}
