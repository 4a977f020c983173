// 比对命中复核 the county's review of the data check's hits: approve overrides them (the reason is the decision's
// reason, see requireReason in the API), with evidence.

import { defineTaskKind } from './task-kind';

export interface HitReviewForm {
  attachmentIds?: string[];
}

export const hitReview = defineTaskKind<HitReviewForm>()({
  kind: 'hitReview',
  label: '比对命中复核',
  candidateRole: 'countyOfficer',
  level: 'county',
  stage: 'hitReview',
  decisionLabels: { approve: '核实排除（说明理由）', reject: '命中属实，不予认定' },
  formRequiredOnApprove: false,
  sla: { workingDays: 3, urgentHours: 12 },
});
