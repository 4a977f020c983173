// What defines a task kind: who does it where, what its decisions mean, what its form holds and when it is
// required, the rules across the form's fields, and its deadlines. One file per kind in this folder defines
// one; index.ts lists them, and everything else (the API's validation, the workflows, the web) reads them.

import type { CaseStage } from '../case-steps';
import type { JurisdictionLevel, Role } from '../roles';

export const DECISIONS = ['approve', 'reject', 'return'] as const;
export type Decision = (typeof DECISIONS)[number];

/** The steps of the village-to-county procedure a review may send a case back to, in order. */
export const RETURNABLE_STEPS = ['homeSurvey', 'democraticAppraisal', 'townshipReview'] as const;
export type ReturnableStep = (typeof RETURNABLE_STEPS)[number];

/** What a rule across fields finds wrong: the field (`form.votesFor`) and why, in Chinese. */
export interface FormProblem {
  field: string;
  message: string;
}

// The form's type rides on the definition as a type only (nothing at run time), for TaskForms in index.ts.
declare const formType: unique symbol;
export interface CarriesForm<F> {
  readonly [formType]?: F;
}

export interface TaskKindDefinition<F = unknown> extends CarriesForm<F> {
  kind: string;
  label: string;
  candidateRole: Role;
  /** The task belongs to the case's jurisdiction at this level (its village, township or county). */
  level: JurisdictionLevel;
  /** The case stage the task is done in; none for a task that runs alongside any stage. */
  stage?: CaseStage;
  /** What each allowed decision means on this step, in Chinese (shown in the inbox and the history). */
  decisionLabels: Partial<Record<Decision, string>>;
  /** Approval records something the next steps need, so it comes with the form; otherwise the form is optional. */
  formRequiredOnApprove: boolean;
  /**
   * Approval needs a reason too, of at least `minLength` characters, with the 400's message and the field's.
   * ('reject' and 'return' always need one.)
   */
  reasonOnApprove?: { minLength: number; message: string; fieldMessage: string };
  /**
   * Where a return may send the case, in order: the last unless the form names an earlier one. Only kinds
   * that allow 'return' have them.
   */
  returnTargets?: readonly ReturnableStep[];
  /**
   * Rules across the form's fields and the decision, once each field is valid on its own. (A method, so that a
   * definition with its own form is still a TaskKindDefinition of any form.)
   */
  crossFieldRules?(form: F, decision: Decision, step: TaskKindDefinition<F>): FormProblem[];
  /** Working days the task may stay open before it is overdue; hours when the case is urgent (特事特办). */
  sla: { workingDays: number; urgentHours: number };
}

/**
 * A task kind's definition with its form's type: `defineTaskKind<HomeSurveyForm>()({ kind: 'homeSurvey', … })`.
 * Curried so that the form is named while the kind, decisions and flags keep their literal types.
 */
export function defineTaskKind<F>() {
  return <const D extends TaskKindDefinition<F>>(definition: D): D & CarriesForm<F> => definition;
}
