// The form of a review above the village, shared by 审核 (镇) and 认定 (县): the opinion, and on a return the
// earlier step the case goes back to.

import { STAGE_LABELS } from '../../case-steps';
import type { Decision, FormProblem, ReturnableStep, TaskKindDefinition } from '../task-kind';

export interface ReviewForm {
  returnTo?: ReturnableStep;
  opinion?: string;
}

/** Only a return names where it goes, and only to one of the step's return targets (a step before it). */
export function reviewProblems(
  form: ReviewForm,
  decision: Decision,
  step: TaskKindDefinition<ReviewForm>,
): FormProblem[] {
  if (form.returnTo === undefined) return [];
  if (decision !== 'return') return [{ field: 'form.returnTo', message: '仅退回时填写' }];
  const targets = step.returnTargets ?? [];
  if (!targets.includes(form.returnTo)) {
    // A returnable step's stage and task share their name.
    const earlier = targets.map((target) => STAGE_LABELS[target]).join('、');
    return [{ field: 'form.returnTo', message: `只能退回到本步骤之前的步骤：${earlier}` }];
  }
  return [];
}
