// The stages of a household case. The steps that need a person (tasks) are defined in task-kinds/.

import type { Decision } from './task-kinds';

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
