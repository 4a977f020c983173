// 村民代表会退出评议 the village representatives' vote on an exit a review proposed.

import type { MeetingForm } from './shared/meeting-form';
import { meetingProblems } from './shared/meeting-form';
import { defineTaskKind } from './task-kind';

export const villageRepresentativeMeeting = defineTaskKind<MeetingForm>()({
  kind: 'villageRepresentativeMeeting',
  label: '村民代表会退出评议',
  candidateRole: 'caseworker',
  level: 'village',
  stage: 'exit',
  decisionLabels: { approve: '同意退出', reject: '不同意退出，继续帮扶' },
  formRequiredOnApprove: true,
  crossFieldRules: meetingProblems,
  sla: { workingDays: 10, urgentHours: 48 },
});
