// Names and payloads shared by the API, the householdCase workflow and its activities.

import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CaseStage, Decision, Role, TaskKind } from '../../domain/src';

export const HOUSEHOLD_CASE_WORKFLOW = 'householdCase';

export function householdCaseWorkflowId(caseId: string): string {
  return `householdCase-${caseId}`;
}

/** Deterministic task id: case + step + attempt, so a retried openTask changes nothing. */
export function taskId(caseId: string, kind: TaskKind, attempt: number): string {
  return `${caseId}:${kind}:${attempt}`;
}

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

/** Error types the workflow raises and the API translates (ApplicationFailure.type). */
export const TASK_NOT_OPEN = 'TaskNotOpen';
export const DECISION_NOT_ALLOWED = 'DecisionNotAllowed';
