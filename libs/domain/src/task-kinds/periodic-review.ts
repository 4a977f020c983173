// 半年核查 the caseworker's half-yearly review of a household in support, evaluated like a survey.

import type { WellbeingIndicators } from '../policy';
import type { MemberIncome, ReviewOutcome } from '../support-plan';
import { defineTaskKind } from './task-kind';

export interface PeriodicReviewForm {
  incomes: MemberIncome[];
  indicators: WellbeingIndicators;
  outcome: ReviewOutcome;
  /** Required to continue a case that has reached the one-year limit. */
  justification?: string;
  notes?: string;
}

export const periodicReview = defineTaskKind<PeriodicReviewForm>()({
  kind: 'periodicReview',
  label: '半年核查',
  candidateRole: 'caseworker',
  level: 'village',
  stage: 'periodicReview',
  decisionLabels: { approve: '提交核查结论' },
  formRequiredOnApprove: true,
  sla: { workingDays: 10, urgentHours: 48 },
});
