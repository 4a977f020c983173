// 帮扶措施落实 the department reports the measure carried out.

import { defineTaskKind } from './task-kind';

export interface MeasureImplementationForm {
  implementedOn: string;
  report: string;
  amount?: number;
}

export const measureImplementation = defineTaskKind<MeasureImplementationForm>()({
  kind: 'measureImplementation',
  label: '帮扶措施落实',
  candidateRole: 'departmentOfficer',
  level: 'county',
  stage: 'inSupport',
  decisionLabels: { approve: '报告落实情况' },
  formRequiredOnApprove: true,
  sla: { workingDays: 15, urgentHours: 72 },
});
