// 制定帮扶计划 the county's support plan, 1+N: safety-net items and sector measures.

import type { Department } from '../lifecycle-policy';
import type { InsuranceCover, SafetyNetType, SectorMeasureKind } from '../support-plan';
import type { FormProblem } from './task-kind';
import { defineTaskKind } from './task-kind';

export interface SafetyNetItem {
  type: SafetyNetType;
  department: Department;
  /** 防贫保险 only: which of the four covers. */
  covers?: InsuranceCover[];
  monthlyAmount?: number;
  note?: string;
}

export interface SectorMeasureItem {
  sector: SectorMeasureKind;
  department: Department;
  description: string;
}

export interface SupportPlanForm {
  safetyNet: SafetyNetItem[];
  sectorMeasures: SectorMeasureItem[];
  /** 渐退期 months (0–24) for a 低保 household between 1× and 2× the standard. */
  gradualExitMonths?: number;
  /** 单人保: members covered alone. */
  individualCoverage?: { idNumber: string; reason: 'severeDisability' | 'seriousIllness' }[];
}

/** At least one item; 防贫保险 names its covers and no other item has any. */
function supportPlanProblems(plan: SupportPlanForm): FormProblem[] {
  const problems: FormProblem[] = [];
  if (plan.safetyNet.length + plan.sectorMeasures.length === 0) {
    problems.push({
      field: 'form',
      message: '帮扶计划至少须有一项兜底保障（safetyNet）或行业帮扶措施（sectorMeasures）',
    });
  }
  plan.safetyNet.forEach((item, index) => {
    const field = `form.safetyNet[${index}].covers`;
    if (item.type === 'povertyInsurance' && !item.covers?.length) {
      problems.push({ field, message: '防贫保险须选择至少一项保障类型' });
    } else if (item.type !== 'povertyInsurance' && item.covers !== undefined) {
      problems.push({ field, message: '仅防贫保险填写保障类型' });
    }
  });
  return problems;
}

export const supportPlan = defineTaskKind<SupportPlanForm>()({
  kind: 'supportPlan',
  label: '制定帮扶计划',
  candidateRole: 'countyOfficer',
  level: 'county',
  stage: 'supportPlan',
  decisionLabels: { approve: '确定计划' },
  formRequiredOnApprove: true,
  crossFieldRules: supportPlanProblems,
  sla: { workingDays: 5, urgentHours: 24 },
});
