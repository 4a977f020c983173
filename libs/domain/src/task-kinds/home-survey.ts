// 入户调查 home survey: the caseworker's findings on the household, evaluated when the survey is approved.

import type { PovertyCause } from '../household';
import type { WellbeingIndicators } from '../policy';
import type { MemberIncome } from '../support-plan';
import { defineTaskKind } from './task-kind';

export interface HomeSurveyForm {
  surveyedOn: string;
  incomes: MemberIncome[];
  indicators: WellbeingIndicators;
  povertyCauses: PovertyCause[];
  specialHardshipGroup?: boolean;
  elderlyPoor?: boolean;
  attachmentIds?: string[];
  notes?: string;
}

export const homeSurvey = defineTaskKind<HomeSurveyForm>()({
  kind: 'homeSurvey',
  label: '入户调查',
  candidateRole: 'caseworker',
  level: 'village',
  stage: 'homeSurvey',
  decisionLabels: { approve: '提交调查', reject: '不符合条件' },
  formRequiredOnApprove: true,
  sla: { workingDays: 5, urgentHours: 24 },
});
