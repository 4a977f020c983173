// The steps of a household case that need a person, and where a decision leads.

import type { JurisdictionLevel, Role } from './roles';

export const CASE_STAGES = [
  'intake',
  'homeSurvey',
  'democraticAppraisal',
  'townshipReview',
  'recognition',
  'recognised',
  'rejected',
] as const;
export type CaseStage = (typeof CASE_STAGES)[number];

export const STAGE_LABELS: Record<CaseStage, string> = {
  intake: '受理',
  homeSurvey: '入户调查',
  democraticAppraisal: '民主评议',
  townshipReview: '镇(街道)审核',
  recognition: '县级认定',
  recognised: '已认定',
  rejected: '不予认定',
};

export const TASK_KINDS = ['homeSurvey', 'democraticAppraisal', 'townshipReview', 'recognition'] as const;
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
}

export const TASK_STEPS: readonly TaskStep[] = [
  { kind: 'homeSurvey', label: '入户调查', candidateRole: 'caseworker', level: 'village', canReturn: false },
  {
    kind: 'democraticAppraisal',
    label: '民主评议',
    candidateRole: 'caseworker',
    level: 'village',
    canReturn: true,
  },
  {
    kind: 'townshipReview',
    label: '镇(街道)审核',
    candidateRole: 'townshipReviewer',
    level: 'township',
    canReturn: true,
  },
  {
    kind: 'recognition',
    label: '县级认定',
    candidateRole: 'countyOfficer',
    level: 'county',
    canReturn: true,
  },
];

export function taskStep(kind: TaskKind): TaskStep {
  const step = TASK_STEPS.find((s) => s.kind === kind);
  if (!step) throw new Error(`unknown task kind ${kind}`);
  return step;
}

/** The step after a decision on `kind`, or the stage the case ends in. */
export function stepAfter(kind: TaskKind, decision: Decision): TaskKind | 'recognised' | 'rejected' {
  const index = TASK_STEPS.findIndex((s) => s.kind === kind);
  if (decision === 'reject') return 'rejected';
  if (decision === 'return') return TASK_STEPS[Math.max(0, index - 1)].kind;
  return index + 1 < TASK_STEPS.length ? TASK_STEPS[index + 1].kind : 'recognised';
}
