// 县级认定 the county's recognition of the household as a monitored one.

import type { ReviewForm } from './shared/review-form';
import { reviewProblems } from './shared/review-form';
import { defineTaskKind } from './task-kind';

export const recognition = defineTaskKind<ReviewForm>()({
  kind: 'recognition',
  label: '县级认定',
  candidateRole: 'countyOfficer',
  level: 'county',
  stage: 'recognition',
  decisionLabels: { approve: '通过', return: '退回', reject: '不予通过' },
  formRequiredOnApprove: false,
  returnTargets: ['homeSurvey', 'democraticAppraisal', 'townshipReview'],
  crossFieldRules: reviewProblems,
  sla: { workingDays: 5, urgentHours: 24 },
});
