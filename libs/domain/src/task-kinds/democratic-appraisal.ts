// 民主评议 democratic appraisal: the village meeting's vote on the household.

import type { MeetingForm } from './shared/meeting-form';
import { meetingProblems } from './shared/meeting-form';
import { defineTaskKind } from './task-kind';

export const democraticAppraisal = defineTaskKind<MeetingForm>()({
  kind: 'democraticAppraisal',
  label: '民主评议',
  candidateRole: 'caseworker',
  level: 'village',
  stage: 'democraticAppraisal',
  decisionLabels: { approve: '通过', return: '退回', reject: '不予通过' },
  formRequiredOnApprove: true,
  returnTargets: ['homeSurvey'],
  crossFieldRules: meetingProblems,
  sla: { workingDays: 7, urgentHours: 48 },
});
