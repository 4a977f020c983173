// 部门比对反馈 a department's answer to the data check: its findings on the household, no hits being an answer too.

import type { DataCheckHitCategory } from '../policy';
import { defineTaskKind } from './task-kind';

export interface DataCheckHitEntry {
  category: DataCheckHitCategory;
  /** The member the finding is about. */
  idNumber?: string;
  detail: string;
}

export interface DataCheckAnswerForm {
  hits: DataCheckHitEntry[];
}

export const dataCheckAnswer = defineTaskKind<DataCheckAnswerForm>()({
  kind: 'dataCheckAnswer',
  label: '部门比对反馈',
  candidateRole: 'departmentOfficer',
  level: 'county',
  stage: 'dataCheck',
  decisionLabels: { approve: '办结' },
  formRequiredOnApprove: true,
  sla: { workingDays: 5, urgentHours: 24 },
});
