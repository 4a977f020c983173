// 帮扶措施转办受理 a department accepts (or sends back) a measure of the plan transferred to it.

import { defineTaskKind } from './task-kind';

export interface MeasureAcceptanceForm {
  note?: string;
}

export const measureAcceptance = defineTaskKind<MeasureAcceptanceForm>()({
  kind: 'measureAcceptance',
  label: '帮扶措施转办受理',
  candidateRole: 'departmentOfficer',
  level: 'county',
  stage: 'inSupport',
  decisionLabels: { approve: '接收', reject: '退回中心（说明理由）' },
  formRequiredOnApprove: false,
  sla: { workingDays: 3, urgentHours: 12 },
});
