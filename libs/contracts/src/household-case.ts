// Names and payloads shared by the API, the householdCase workflow and its activities.

import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  CaseStage,
  DataCheckDepartment,
  DataCheckHit,
  Decision,
  DecisionOf,
  Eligibility,
  FormRequiredOnApprove,
  IntakeChannel,
  Role,
  TaskForms,
  TaskKind,
} from '../../domain/src';
import type { SupportPlanForm } from './forms';

export const HOUSEHOLD_CASE_WORKFLOW = 'householdCase';

export function householdCaseWorkflowId(caseId: string): string {
  return `householdCase-${caseId}`;
}

/**
 * Deterministic task id: owner (the case, or a measure of it) + step + attempt, and what the task is about when
 * one step has several at once (a department, an objection), so a retried openTask changes nothing.
 */
export function taskId(ownerId: string, kind: TaskKind, attempt: number, about?: string): string {
  return about === undefined ? `${ownerId}:${kind}:${attempt}` : `${ownerId}:${kind}:${about}:${attempt}`;
}

export { INTAKE_CHANNELS, type IntakeChannel } from '../../domain/src';

/** The jurisdiction chain of the case's village: where each level's tasks belong. */
export interface CaseJurisdictions {
  villageId: string;
  townshipId: string;
  countyId: string;
}

export interface HouseholdCaseInput {
  caseId: string;
  householdId: string;
  jurisdictions: CaseJurisdictions;
  urgent: boolean;
  /** Absent in cases started before intake channels (they were all applications). */
  channel?: IntakeChannel;
  /** 即时纳入: the case in observation this one re-enrols. */
  previousCaseId?: string;
  /** Set when the workflow continues as new at a review boundary: where the support stands. */
  support?: SupportState;
}

/** A support measure (one item of the plan) and its child workflow. */
export interface MeasureSummary {
  measureId: string;
  workflowId: string;
  label: string;
  department: string;
  status: 'running' | 'done' | 'declined' | 'cancelled';
}

/** What a case in support carries across continueAsNew. */
export interface SupportState {
  recognisedAt: string;
  /** Reviews done so far; the next one is due reviewInterval after the last (or after recognition). */
  reviews: number;
  lastReviewAt: string;
  planVersion: number;
  plan: SupportPlanForm;
  measures: MeasureSummary[];
  temporaryAssistanceOpened: boolean;
  /** Tasks still open when the run continued as new (temporary assistance): the next run waits for them. */
  openTasks?: OpenTaskSummary[];
  /** The count of audited stage changes so far (their keys go on from it). */
  stageChanges: number;
  /** Attempts per task kind, so task ids stay unique across runs. */
  attempts: Partial<Record<TaskKind, number>>;
}

/** Who acts: recorded with every decision and audit event. */
export interface Actor {
  userId: string;
  username: string;
  /** 'system' for what the workflow itself does (a task opened, a deadline escalated). */
  role: Role | 'system';
  jurisdictionId: string;
}

/** The workflow itself, for events it causes (task opened, escalated). */
export const SYSTEM_ACTOR: Actor = {
  userId: 'system',
  username: 'system',
  role: 'system',
  jurisdictionId: 'system',
};

export interface CompleteTaskInput {
  taskId: string;
  decision: Decision;
  reason?: string;
  form?: Record<string, unknown>;
  actor: Actor;
}

/**
 * A decision on a task of kind `K` as the workflow reads it: one of the kind's decisions, with the kind's form
 * (always there on an approval when the kind requires it). A union over the kinds when `K` is one.
 */
export type TaskCompletion<K extends TaskKind = TaskKind> = K extends TaskKind
  ? { [D in DecisionOf<K>]: DecisionOnKind<K, D> }[DecisionOf<K>]
  : never;

type DecisionOnKind<K extends TaskKind, D extends Decision> = Omit<CompleteTaskInput, 'decision' | 'form'> & {
  decision: D;
  form: D extends 'approve'
    ? FormRequiredOnApprove<K> extends true
      ? TaskForms[K]
      : TaskForms[K] | undefined
    : TaskForms[K] | undefined;
};

export interface OpenTaskSummary {
  taskId: string;
  kind: TaskKind;
  dueAt: string;
  escalationLevel: number;
}

export interface CaseState {
  caseId: string;
  stage: CaseStage;
  openTasks: OpenTaskSummary[];
  urgent?: boolean;
  /** The plan in force, once drafted. */
  plan?: SupportPlanForm | null;
  measures?: MeasureSummary[];
  /** The latest eligibility evaluation (home survey, review or re-evaluation). */
  evaluation?: EligibilityRecord | null;
  /** Set when a relapse re-enrolled the household: the new case. */
  reEnrolledAs?: string | null;
}

/** An evaluation of the criteria with the line and income it used. */
export interface EligibilityRecord extends Eligibility {
  perCapitaIncome: number;
  povertyLine: number | null;
  year: number;
  evaluatedAt: string;
}

export const completeTaskUpdate = defineUpdate<CaseState, [CompleteTaskInput]>('completeTask');
/** Answers once the workflow has reached its first waiting point: the first task is open. */
export const caseSettledUpdate = defineUpdate<CaseState, []>('caseSettled');
export const caseStateQuery = defineQuery<CaseState>('caseState');

/** 特事特办: from now on every deadline of the case is an urgent one, the open task's included. */
export interface MarkUrgentInput {
  actor: Actor;
  reason: string;
}
export const markUrgentSignal = defineSignal<[MarkUrgentInput]>('markUrgent');

/** A supervisor escalates the open task one level now, before its deadline would. */
export interface EscalateNowInput {
  actor: Actor;
  reason: string;
  taskId: string;
  /** The level asked for (one above what the asker saw): a repeated request for it changes nothing. */
  level?: number;
}
export const escalateNowSignal = defineSignal<[EscalateNowInput]>('escalateNow');

/** 异议 an objection filed during the public notice; it opens an investigation task. */
export interface FileObjectionInput {
  actor: Actor;
  /** Chosen by the API (the idempotency key): a repeated request files it once. */
  objectionId: string;
  objector: string;
  content: string;
}
export const fileObjectionUpdate = defineUpdate<CaseState, [FileObjectionInput]>('fileObjection');

/** 撤回: the applicant withdraws before recognition. */
export interface WithdrawInput {
  actor: Actor;
  reason: string;
}
export const withdrawUpdate = defineUpdate<CaseState, [WithdrawInput]>('withdraw');

/** 返贫: a relapse alert or a caseworker's report during observation re-enrols the household at once. */
export interface ReportRelapseInput {
  actor: Actor;
  reason: string;
  source: 'caseworker' | 'department' | 'monitoring';
}
export const reportRelapseUpdate = defineUpdate<CaseState, [ReportRelapseInput]>('reportRelapse');

/** The poverty line changed: evaluate the case again now rather than at its next review. */
export interface ReevaluateInput {
  actor: Actor;
  reason: string;
}
export const reevaluateSignal = defineSignal<[ReevaluateInput]>('reevaluate');

/** An admin retries the step an incident stopped (the workflow that raised it waits for this). */
export interface RetryIncidentInput {
  incidentId: string;
  actor: Actor;
}
export const retryIncidentSignal = defineSignal<[RetryIncidentInput]>('retryIncident');

/** Error types the workflow raises and the API translates (ApplicationFailure.type). */
export const TASK_NOT_OPEN = 'TaskNotOpen';
/** The decision could not be written and retrying will not help (its content): the task stays open. */
export const DECISION_NOT_STORABLE = 'DecisionNotStorable';
/** The decision could not be written in time (the database did not answer): the task stays open. */
export const DECISION_NOT_RECORDED = 'DecisionNotRecorded';
export const DECISION_NOT_ALLOWED = 'DecisionNotAllowed';
/**
 * A task refused because its case has closed (withdrawn while a workflow of it was still writing one): that
 * workflow is being stopped with the case, so the failure ends it and raises no incident.
 */
export const CASE_CLOSED = 'CaseClosed';
/** The request does not fit the case's stage (an objection outside the notice, a withdrawal after recognition). */
export const STAGE_NOT_ALLOWED = 'StageNotAllowed';
/** The form breaks a rule only the workflow knows (a justification past the one-year limit). */
export const FORM_INVALID = 'FormInvalid';

export function dataCheckWorkflowId(caseId: string, round: number): string {
  return `dataCheck-${caseId}-${round}`;
}

export function supportMeasureWorkflowId(measureId: string): string {
  return `supportMeasure-${measureId}`;
}

export interface DataCheckInput {
  caseId: string;
  /** 1 at intake, then one per review. */
  round: number;
  jurisdictions: CaseJurisdictions;
  urgent: boolean;
  departments: DataCheckDepartment[];
}

export interface DataCheckResult {
  hits: DataCheckHit[];
  /** Departments that answered, and how. */
  answers: { department: string; via: 'inbox' | 'excel' | 'http'; hits: number }[];
}

export interface SupportMeasureInput {
  caseId: string;
  measureId: string;
  jurisdictions: CaseJurisdictions;
  urgent: boolean;
  label: string;
  department: string;
  /** The plan's item, shown to the department. */
  item: Record<string, unknown>;
}

export interface SupportMeasureResult {
  measureId: string;
  status: 'done' | 'declined';
}

/** A measure's workflow tells the case it has ended. */
export const measureFinishedSignal = defineSignal<[SupportMeasureResult]>('measureFinished');
