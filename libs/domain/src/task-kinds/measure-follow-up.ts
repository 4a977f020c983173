// 跟踪问效 the county records what a measure carried out achieved.

import type { MeasureResult } from '../support-plan';
import { defineTaskKind } from './task-kind';

export interface MeasureFollowUpForm {
  result: MeasureResult;
  note: string;
}

export const measureFollowUp = defineTaskKind<MeasureFollowUpForm>()({
  kind: 'measureFollowUp',
  label: '跟踪问效',
  candidateRole: 'countyOfficer',
  level: 'county',
  stage: 'inSupport',
  decisionLabels: { approve: '记录成效' },
  formRequiredOnApprove: true,
  sla: { workingDays: 10, urgentHours: 72 },
});
