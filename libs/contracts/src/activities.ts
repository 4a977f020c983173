// What the workflows ask of their activities: the read-model writes of the human-task pattern.

import type {
  CaseStage,
  DataCheckHit,
  Decision,
  FirstVersionStep,
  LifecyclePolicy,
  Role,
  TaskKind,
} from '../../domain/src';
import type { DataCheckHitEntry, HomeSurveyForm } from './forms';
import type { Actor, CaseJurisdictions, EligibilityRecord } from './household-case';

export interface OpenTaskInput {
  taskId: string;
  caseId: string;
  kind: TaskKind;
  stage: CaseStage;
  candidateRole: Role;
  jurisdictionId: string;
  /**
   * Set by workflows started before deadlines were counted in working days; newer ones leave it out
   * and the activity computes it from the policy and the holiday calendar.
   */
  dueAt?: string;
  urgent: boolean;
  /** The workflow a decision goes to, when not the case's own (a data check, a support measure). */
  workflowId?: string;
  /** For department tasks: only that department's officers see it. */
  department?: string;
  /** What the person needs to act (the members to check, the measure, the objection). */
  payload?: Record<string, unknown>;
  /**
   * Leave the case's stage alone (the lifecycle records stages itself); the first workflow version let
   * each task it opened set the stage.
   */
  keepCaseStage?: boolean;
  /** The case enters `stage` with this task: the change is recorded (and audited) with it. */
  stageChange?: { seq: number };
}

export interface OpenedTask {
  dueAt: string;
}

export interface CloseTaskInput {
  taskId: string;
  caseId: string;
  decision: Decision;
  reason?: string;
  form?: Record<string, unknown>;
  actor: Actor;
  /** The update id (the request's idempotency key), kept on the task for a repeated request. */
  completionKey: string;
  /** First workflow version only: the stage the decision moves the case to (a final one closes it). */
  nextStage?: CaseStage;
  /**
   * The case evaluated from the decision's findings (a survey's, a review's), in the same transaction: the
   * decision counts only with its evaluation.
   */
  evaluation?: EvaluateCaseInput;
}

export interface ClosedTask {
  /** The evaluation the close was asked for. */
  evaluation?: EligibilityRecord;
}

export interface EscalateTaskInput {
  taskId: string;
  caseId: string;
  level: number;
  /** The deadline that just expired, and whether the case is urgent (to count the next interval). */
  deadline?: string;
  urgent?: boolean;
}

export interface RescheduleTaskInput {
  taskId: string;
  caseId: string;
}

export interface EscalatedTask {
  nextDeadline: string;
}

/** The durations workflows started before working-day deadlines read once at start (replay only). */
export interface LegacyCasePolicy {
  taskSlaMs: Record<FirstVersionStep, number>;
  escalationIntervalMs: number;
}

export interface CaseTaskActivities {
  /** @deprecated kept for workflows started before working-day deadlines. */
  loadCasePolicy(caseId: string): Promise<LegacyCasePolicy>;
  openTask(input: OpenTaskInput): Promise<OpenedTask>;
  /** Resolves with nothing in the histories of workflows from before evaluations came with the close. */
  closeTask(input: CloseTaskInput): Promise<ClosedTask>;
  escalateTask(input: EscalateTaskInput): Promise<EscalatedTask>;
  /** The case became urgent: the open task gets the urgent deadline if that is sooner. */
  rescheduleTask(input: RescheduleTaskInput): Promise<OpenedTask>;
}

export interface RecordStageInput {
  caseId: string;
  stage: CaseStage;
  /** The workflow's count of stage changes: keys the audit event. */
  seq: number;
  reason?: string;
}

export type CaseOutcome = 'closed' | 'rejected' | 'withdrawn' | 'reEnrolled';

export interface CloseCaseInput {
  caseId: string;
  outcome: CaseOutcome;
  reason: string;
  actor: Actor;
}

/** The household's members as the departments are asked about them. */
export interface HouseholdSnapshot {
  members: { name: string; idNumber: string; relation: string }[];
}

export interface EvaluateCaseInput {
  caseId: string;
  /** Keys the audit event (e.g. survey-2, review-3, reevaluate-1). */
  key: string;
  /** The survey or review findings; without them the last recorded ones are used (re-evaluation). */
  survey?: Pick<
    HomeSurveyForm,
    'incomes' | 'indicators' | 'povertyCauses' | 'specialHardshipGroup' | 'elderlyPoor'
  >;
  hits: DataCheckHit[];
  actor: Actor;
}

export interface RecordDataCheckInput {
  caseId: string;
  round: number;
  hits: DataCheckHit[];
  answers: { department: string; via: string; hits: number }[];
}

export interface RecordOverrideInput {
  caseId: string;
  taskId: string;
  hits: DataCheckHit[];
  actor: Actor;
  reason: string;
  attachmentIds: string[];
}

export const LEDGERS = ['identification', 'support', 'exit'] as const;
export type Ledger = (typeof LEDGERS)[number];

export interface LedgerEntryInput {
  /** Chosen by the workflow (case + event): a retried write adds nothing. */
  entryId: string;
  ledger: Ledger;
  caseId: string;
  event: string;
  entry: Record<string, unknown>;
}

export interface RecordMeasureInput {
  measureId: string;
  caseId: string;
  status: 'transferred' | 'accepted' | 'implemented' | 'done' | 'declined' | 'cancelled';
  label: string;
  department: string;
  item: Record<string, unknown>;
  detail?: Record<string, unknown>;
}

export interface AskDepartmentInput {
  caseId: string;
  /** Sent to the department as the request id: its answer for a repeated request should be the same. */
  requestId: string;
  department: string;
  endpoint: string;
  members: { name: string; idNumber: string; relation: string }[];
}

export interface ReEnrolmentInput {
  caseId: string;
  newCaseId: string;
  actor: Actor;
  reason: string;
}

export interface ReEnrolment {
  householdId: string;
  jurisdictions: CaseJurisdictions;
}

/** The read-model writes and look-ups of the whole lifecycle (besides the tasks themselves). */
export interface CancelTasksInput {
  caseId: string;
  /** These tasks, or every open task a workflow (a measure's) opened. */
  taskIds?: string[];
  workflowId?: string;
  reason: string;
}

export interface RaiseIncidentInput {
  /** Chosen by the workflow: each later failure of the same step updates the same incident. */
  incidentId: string;
  caseId: string;
  workflowId: string;
  /** The activity that failed. */
  step: string;
  errorType?: string;
  errorMessage: string;
  retryable: boolean;
  failures: number;
}

export interface ResolveIncidentInput {
  incidentId: string;
  caseId: string;
}

/** 故障事件: a step that failed after its retries is recorded, notified, and resolved when it succeeds. */
export interface IncidentActivities {
  raiseIncident(input: RaiseIncidentInput): Promise<void>;
  resolveIncident(input: ResolveIncidentInput): Promise<void>;
}

export interface LifecycleActivities {
  /** Closes tasks nobody needs to decide any more (their step was overtaken), audited. */
  cancelTasks(input: CancelTasksInput): Promise<void>;
  loadLifecyclePolicy(caseId: string): Promise<LifecyclePolicy>;
  loadHousehold(caseId: string): Promise<HouseholdSnapshot>;
  recordStage(input: RecordStageInput): Promise<void>;
  closeCase(input: CloseCaseInput): Promise<void>;
  evaluateCase(input: EvaluateCaseInput): Promise<EligibilityRecord>;
  recordDataCheck(input: RecordDataCheckInput): Promise<void>;
  recordOverride(input: RecordOverrideInput): Promise<void>;
  writeLedgerEntry(input: LedgerEntryInput): Promise<void>;
  recordMeasure(input: RecordMeasureInput): Promise<void>;
  /** Calls a department's HTTP endpoint (the data check contract); retried by the workflow's policy. */
  askDepartment(input: AskDepartmentInput): Promise<DataCheckHitEntry[]>;
  openReEnrolment(input: ReEnrolmentInput): Promise<ReEnrolment>;
}
