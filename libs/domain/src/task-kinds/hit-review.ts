// 比对命中复核 the county's review of the data check's hits: approve overrides them, with evidence; the reason is
// the decision's, the justification the inspectors will read.

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
  reasonOnApprove: {
    minLength: 5,
    message: '核实排除比对命中须说明理由（reason，至少 5 个字）',
    fieldMessage: '核实排除时必填，至少 5 个字',
  },
  sla: { workingDays: 3, urgentHours: 12 },
});
