// 受理登记 a referral or alert: the caseworker records the consent and causes, as an application would have.

import type { PovertyCause } from '../household';
import { defineTaskKind } from './task-kind';

export interface IntakeForm {
  dataConsent: { signed: true; signedAt: string };
  povertyCauses: PovertyCause[];
}

export const intake = defineTaskKind<IntakeForm>()({
  kind: 'intake',
  label: '受理登记',
  candidateRole: 'caseworker',
  level: 'village',
  stage: 'intake',
  decisionLabels: { approve: '受理', reject: '不予受理' },
  formRequiredOnApprove: true,
  sla: { workingDays: 3, urgentHours: 12 },
});
