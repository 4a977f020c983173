// The task kinds: each is one definition (a file in this folder), listed here in the procedure's order. The kind
// names, the forms by kind and what the rest of the system asks of a kind are derived from this list.

import { dataCheckAnswer } from './data-check-answer';
import { democraticAppraisal } from './democratic-appraisal';
import { hitReview } from './hit-review';
import { homeSurvey } from './home-survey';
import { intake } from './intake';
import { measureAcceptance } from './measure-acceptance';
import { measureFollowUp } from './measure-follow-up';
import { measureImplementation } from './measure-implementation';
import { objectionInvestigation } from './objection-investigation';
import { periodicReview } from './periodic-review';
import { publicNotice } from './public-notice';
import { recognition } from './recognition';
import { supportPlan } from './support-plan';
import type { CarriesForm, Decision, ReturnableStep, TaskKindDefinition } from './task-kind';
import { temporaryAssistance } from './temporary-assistance';
import { townshipReview } from './township-review';
import { villageRepresentativeMeeting } from './village-representative-meeting';

export * from './task-kind';
export type * from './forms';
export { meetingProblems } from './shared/meeting-form';

export const TASK_STEPS = [
  intake,
  dataCheckAnswer,
  hitReview,
  homeSurvey,
  democraticAppraisal,
  publicNotice,
  objectionInvestigation,
  townshipReview,
  recognition,
  supportPlan,
  measureAcceptance,
  measureImplementation,
  measureFollowUp,
  temporaryAssistance,
  periodicReview,
  villageRepresentativeMeeting,
] as const;

type Definitions = (typeof TASK_STEPS)[number];
export type TaskKind = Definitions['kind'];
/** The definition of the kind `K`, with its literal decisions and flags. */
export type TaskStepOf<K extends TaskKind> = Extract<Definitions, { kind: K }>;
/** Any kind's definition. */
export type TaskStep = TaskKindDefinition & { kind: TaskKind };

export const TASK_KINDS: readonly TaskKind[] = TASK_STEPS.map((step) => step.kind);

/** What a person submits with a task of each kind (the `form` of its completion). */
export type TaskForms = { [K in TaskKind]: TaskStepOf<K> extends CarriesForm<infer F> ? F : never };

/** The decisions a task of kind `K` may take. */
export type DecisionOf<K extends TaskKind> = keyof TaskStepOf<K>['decisionLabels'] & Decision;

/** Whether a task of kind `K` must come with its form when approved, as a type. */
export type FormRequiredOnApprove<K extends TaskKind> = TaskStepOf<K>['formRequiredOnApprove'];

const STEPS: readonly TaskStep[] = TASK_STEPS;

export function taskStep(kind: TaskKind): TaskStep {
  const found = STEPS.find((step) => step.kind === kind);
  if (!found) throw new Error(`unknown task kind ${kind}`);
  return found;
}

/** Whether `decision` is one the step allows. */
export function decisionAllowed(kind: TaskKind, decision: Decision): boolean {
  return taskStep(kind).decisionLabels[decision] !== undefined;
}

/**
 * Where a return from `kind` goes: the step asked for if it is one of the kind's return targets, otherwise the
 * last of them (for a township review: the democratic appraisal; for the county: the township review). A kind
 * without return targets goes back to the start of the procedure, the home survey.
 */
export function returnTarget(kind: TaskKind, requested?: ReturnableStep): ReturnableStep {
  const targets = returnTargets(kind);
  if (requested && targets.includes(requested)) return requested;
  return targets[targets.length - 1] ?? 'homeSurvey';
}

/** The steps a return from `kind` may name, in order (none when the kind cannot return). */
export function returnTargets(kind: TaskKind): readonly ReturnableStep[] {
  return taskStep(kind).returnTargets ?? [];
}

/** A value per task kind read from its definition, e.g. the SLA defaults of the case policy. */
export function perTaskKind<T>(value: (step: TaskStep) => T): Record<TaskKind, T> {
  return Object.fromEntries(STEPS.map((step) => [step.kind, value(step)])) as Record<TaskKind, T>;
}
