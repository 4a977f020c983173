// 镇(街道)审核 the township's review of the village's findings.

import type { ReviewForm } from './shared/review-form';
import { reviewProblems } from './shared/review-form';
import { defineTaskKind } from './task-kind';

export const townshipReview = defineTaskKind<ReviewForm>()({
  kind: 'townshipReview',
  label: '镇(街道)审核',
  candidateRole: 'townshipReviewer',
  level: 'township',
  stage: 'townshipReview',
  decisionLabels: { approve: '通过', return: '退回', reject: '不予通过' },
  formRequiredOnApprove: false,
  returnTargets: ['homeSurvey', 'democraticAppraisal'],
  crossFieldRules: reviewProblems,
  sla: { workingDays: 5, urgentHours: 24 },
});
