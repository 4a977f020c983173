// What the workflows ask of their activities: the read-model writes of the human-task pattern.

import type { CasePolicy, CaseStage, Decision, Role, TaskKind } from '../../domain/src';
import type { Actor } from './household-case';

export interface OpenTaskInput {
  taskId: string;
  caseId: string;
  kind: TaskKind;
  stage: CaseStage;
  candidateRole: Role;
  jurisdictionId: string;
  dueAt: string;
  urgent: boolean;
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
  nextStage: CaseStage;
}

export interface EscalateTaskInput {
  taskId: string;
  caseId: string;
  level: number;
}

export interface CaseTaskActivities {
  loadCasePolicy(caseId: string): Promise<CasePolicy>;
  openTask(input: OpenTaskInput): Promise<void>;
  closeTask(input: CloseTaskInput): Promise<void>;
  escalateTask(input: EscalateTaskInput): Promise<void>;
}
