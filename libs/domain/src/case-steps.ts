// The stages of a household case, the steps that need a person (tasks), and what each decision means.

import type { JurisdictionLevel, Role } from './roles';

export const CASE_STAGES = [
  'intake',
  'dataCheck',
  'hitReview',
  'homeSurvey',
  'democraticAppraisal',
  'publicNotice',
  'townshipReview',
  'recognition',
  'supportPlan',
  'inSupport',
  'periodicReview',
  'exit',
  'observation',
  'closed',
  'reEnrolled',
  'withdrawn',
  'rejected',
  /** Where cases of the first workflow version (before support and exit existed) ended. */
  'recognised',
] as const;
export type CaseStage = (typeof CASE_STAGES)[number];

export const STAGE_LABELS: Record<CaseStage, string> = {
  intake: '受理',
  dataCheck: '大数据比对',
  hitReview: '比对结果复核',
  homeSurvey: '入户调查',
  democraticAppraisal: '民主评议',
  publicNotice: '村内公示',
  townshipReview: '镇(街道)审核',
  recognition: '县级认定',
  supportPlan: '制定帮扶计划',
  inSupport: '帮扶中',
  periodicReview: '半年核查',
  exit: '退出评议',
  observation: '持续关注期',
  closed: '已销档',
  reEnrolled: '返贫即时纳入',
  withdrawn: '已撤回',
  rejected: '不予认定',
  recognised: '已认定',
};

/** Stages after which the case is closed: nothing more happens in it. */
export const FINAL_STAGES: readonly CaseStage[] = [
  'closed',
  'reEnrolled',
  'withdrawn',
  'rejected',
  'recognised',
];

/** Stages before recognition (CASE_STAGES is in order up to the plan): the applicant may still withdraw. */
export const WITHDRAWABLE_STAGES: readonly CaseStage[] = CASE_STAGES.slice(
  0,
  CASE_STAGES.indexOf('supportPlan'),
);

export const TASK_KINDS = [
  'intake',
  'dataCheckAnswer',
  'hitReview',
  'homeSurvey',
  'democraticAppraisal',
  'publicNotice',
  'objectionInvestigation',
  'townshipReview',
  'recognition',
  'supportPlan',
  'measureAcceptance',
  'measureImplementation',
  'measureFollowUp',
  'temporaryAssistance',
  'periodicReview',
  'villageRepresentativeMeeting',
] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export const DECISIONS = ['approve', 'reject', 'return'] as const;
export type Decision = (typeof DECISIONS)[number];

export interface TaskStep {
  kind: TaskKind;
  label: string;
  candidateRole: Role;
  /** The task belongs to the case's jurisdiction at this level (its village, township or county). */
  level: JurisdictionLevel;
  /** May a decision send the case back to an earlier step? */
  canReturn: boolean;
  /** May the task be refused (reject)? */
  canReject: boolean;
  /** What each allowed decision means on this step, in Chinese (shown in the inbox and the history). */
  decisionLabels: Partial<Record<Decision, string>>;
}

const REVIEW = { approve: '通过', return: '退回', reject: '不予通过' };
const DONE = { approve: '办结' };

export const TASK_STEPS: readonly TaskStep[] = [
  step('intake', '受理登记', 'caseworker', 'village', { approve: '受理', reject: '不予受理' }),
  step('dataCheckAnswer', '部门比对反馈', 'departmentOfficer', 'county', DONE),
  step('hitReview', '比对命中复核', 'countyOfficer', 'county', {
    approve: '核实排除（说明理由）',
    reject: '命中属实，不予认定',
  }),
  step('homeSurvey', '入户调查', 'caseworker', 'village', { approve: '提交调查', reject: '不符合条件' }),
  step('democraticAppraisal', '民主评议', 'caseworker', 'village', REVIEW),
  step('publicNotice', '村内公示', 'caseworker', 'village', { approve: '张贴公示' }),
  step('objectionInvestigation', '异议调查', 'caseworker', 'village', {
    approve: '异议不成立',
    return: '异议成立，重新入户调查',
    reject: '异议成立，不予认定',
  }),
  step('townshipReview', '镇(街道)审核', 'townshipReviewer', 'township', REVIEW),
  step('recognition', '县级认定', 'countyOfficer', 'county', REVIEW),
  step('supportPlan', '制定帮扶计划', 'countyOfficer', 'county', { approve: '确定计划' }),
  step('measureAcceptance', '帮扶措施转办受理', 'departmentOfficer', 'county', {
    approve: '接收',
    reject: '退回中心（说明理由）',
  }),
  step('measureImplementation', '帮扶措施落实', 'departmentOfficer', 'county', { approve: '报告落实情况' }),
  step('measureFollowUp', '跟踪问效', 'countyOfficer', 'county', { approve: '记录成效' }),
  step('temporaryAssistance', '临时救助（特事特办）', 'countyOfficer', 'county', {
    approve: '已救助',
    reject: '不予救助',
  }),
  step('periodicReview', '半年核查', 'caseworker', 'village', { approve: '提交核查结论' }),
  step('villageRepresentativeMeeting', '村民代表会退出评议', 'caseworker', 'village', {
    approve: '同意退出',
    reject: '不同意退出，继续帮扶',
  }),
];

function step(
  kind: TaskKind,
  label: string,
  candidateRole: Role,
  level: JurisdictionLevel,
  decisionLabels: Partial<Record<Decision, string>>,
): TaskStep {
  return {
    kind,
    label,
    candidateRole,
    level,
    canReturn: decisionLabels.return !== undefined,
    canReject: decisionLabels.reject !== undefined,
    decisionLabels,
  };
}

export function taskStep(kind: TaskKind): TaskStep {
  const found = TASK_STEPS.find((s) => s.kind === kind);
  if (!found) throw new Error(`unknown task kind ${kind}`);
  return found;
}

/** Whether `decision` is one the step allows. */
export function decisionAllowed(kind: TaskKind, decision: Decision): boolean {
  return taskStep(kind).decisionLabels[decision] !== undefined;
}

/** The steps of the village-to-county procedure a review may send a case back to, in order. */
export const RETURNABLE_STEPS = ['homeSurvey', 'democraticAppraisal', 'townshipReview'] as const;
export type ReturnableStep = (typeof RETURNABLE_STEPS)[number];

/**
 * Where a return from `kind` goes: the step asked for if it comes earlier, otherwise the one just before
 * (for a township review: the democratic appraisal; for the county: the township review).
 */
export function returnTarget(kind: TaskKind, requested?: ReturnableStep): ReturnableStep {
  const order: TaskKind[] = [
    'homeSurvey',
    'democraticAppraisal',
    'publicNotice',
    'townshipReview',
    'recognition',
  ];
  const at = order.indexOf(kind);
  if (requested && order.indexOf(requested) < at) return requested;
  const previous = RETURNABLE_STEPS.filter((s) => order.indexOf(s) < at);
  return previous[previous.length - 1] ?? 'homeSurvey';
}

// The first workflow version's fixed sequence; kept so its histories replay.
const FIRST_VERSION_STEPS = ['homeSurvey', 'democraticAppraisal', 'townshipReview', 'recognition'] as const;
export type FirstVersionStep = (typeof FIRST_VERSION_STEPS)[number];

/** First workflow version only: the step after a decision on `kind`, or the stage the case ends in. */
export function stepAfter(
  kind: FirstVersionStep,
  decision: Decision,
): FirstVersionStep | 'recognised' | 'rejected' {
  const index = FIRST_VERSION_STEPS.indexOf(kind);
  if (decision === 'reject') return 'rejected';
  if (decision === 'return') return FIRST_VERSION_STEPS[Math.max(0, index - 1)];
  return index + 1 < FIRST_VERSION_STEPS.length ? FIRST_VERSION_STEPS[index + 1] : 'recognised';
}
