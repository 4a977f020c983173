// How a case and its tasks look to API clients: labels in Chinese, ID numbers masked.

import { ROLE_LABELS, STAGE_LABELS, maskIdNumber, taskStep } from '../../../../libs/domain/src';
import type { CaseStage, Role, TaskKind } from '../../../../libs/domain/src';

export interface TaskRow {
  id: string;
  case_id: string;
  kind: TaskKind;
  stage: CaseStage;
  status: string;
  candidate_role: Role;
  jurisdiction_id: string;
  jurisdiction_name?: string;
  assignee_id: string | null;
  assignee_name?: string | null;
  claimed_at?: Date | null;
  priority?: number;
  version?: number;
  urgent: boolean;
  due_at: Date;
  escalation_level: number;
  opened_at: Date;
  closed_at: Date | null;
  decision: string | null;
  reason: string | null;
  village_name?: string;
  head_name?: string;
  head_id_number?: string;
}

export function taskView(row: TaskRow, now = new Date()) {
  return {
    id: row.id,
    caseId: row.case_id,
    kind: row.kind,
    kindLabel: taskStep(row.kind).label,
    stage: row.stage,
    status: row.status,
    statusLabel: row.status === 'open' ? '待办' : '已办结',
    candidateRole: row.candidate_role,
    candidateRoleLabel: ROLE_LABELS[row.candidate_role],
    jurisdictionId: row.jurisdiction_id,
    jurisdictionName: row.jurisdiction_name,
    villageName: row.village_name,
    householdHead: row.head_name,
    householdHeadIdNumber: row.head_id_number ? maskIdNumber(row.head_id_number) : undefined,
    assigneeId: row.assignee_id,
    assigneeName: row.assignee_name ?? null,
    claimedAt: row.claimed_at?.toISOString() ?? null,
    urgent: row.urgent,
    priority: row.priority ?? 0,
    dueAt: row.due_at.toISOString(),
    overdue: row.status === 'open' && row.due_at.getTime() < now.getTime(),
    escalationLevel: row.escalation_level,
    openedAt: row.opened_at.toISOString(),
    closedAt: row.closed_at?.toISOString() ?? null,
    decision: row.decision,
    reason: row.reason,
    version: row.version,
  };
}
export type TaskView = ReturnType<typeof taskView>;

export function stageView(stage: CaseStage) {
  return { stage, stageLabel: STAGE_LABELS[stage] };
}
