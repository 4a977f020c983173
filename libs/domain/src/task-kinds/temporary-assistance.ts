// 临时救助（特事特办）urgent temporary assistance, paid alongside whatever stage the case is in.

import { defineTaskKind } from './task-kind';

export interface TemporaryAssistanceForm {
  amount: number;
  paidOn: string;
  note?: string;
}

export const temporaryAssistance = defineTaskKind<TemporaryAssistanceForm>()({
  kind: 'temporaryAssistance',
  label: '临时救助（特事特办）',
  candidateRole: 'countyOfficer',
  level: 'county',
  decisionLabels: { approve: '已救助', reject: '不予救助' },
  formRequiredOnApprove: true,
  sla: { workingDays: 1, urgentHours: 24 },
});
