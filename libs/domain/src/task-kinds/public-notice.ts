// 村内公示 public notice: where and from when the result is posted in the village.

import { defineTaskKind } from './task-kind';

export interface PublicNoticeForm {
  startsOn: string;
  place: string;
}

export const publicNotice = defineTaskKind<PublicNoticeForm>()({
  kind: 'publicNotice',
  label: '村内公示',
  candidateRole: 'caseworker',
  level: 'village',
  stage: 'publicNotice',
  decisionLabels: { approve: '张贴公示' },
  formRequiredOnApprove: true,
  sla: { workingDays: 2, urgentHours: 12 },
});
