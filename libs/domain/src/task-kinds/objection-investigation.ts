// 异议调查 an objection filed during the public notice, investigated by the caseworker.

import { defineTaskKind } from './task-kind';

export interface ObjectionInvestigationForm {
  findings: string;
  attachmentIds?: string[];
}

export const objectionInvestigation = defineTaskKind<ObjectionInvestigationForm>()({
  kind: 'objectionInvestigation',
  label: '异议调查',
  candidateRole: 'caseworker',
  level: 'village',
  stage: 'publicNotice',
  decisionLabels: {
    approve: '异议不成立',
    return: '异议成立，重新入户调查',
    reject: '异议成立，不予认定',
  },
  formRequiredOnApprove: true,
  returnTargets: ['homeSurvey'],
  sla: { workingDays: 5, urgentHours: 24 },
});
