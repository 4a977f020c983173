// How a case and its tasks look to API clients: labels in Chinese. Personal data (ID numbers in payloads
// and heads, incomes, health) is masked for every response by the PersonalDataInterceptor.

import { DECISIONS, DEPARTMENT_LABELS, ROLE_LABELS, STAGE_LABELS, taskStep } from '@libs/domain';
import type { CaseStage, Decision, TaskKind } from '@libs/domain';
import type { TaskViewRow } from '@libs/persistence';

/** 成员单位 a department's Chinese name (民政局), or its code when it is not one the platform knows. */
export function departmentLabel(department: string): string {
  return (DEPARTMENT_LABELS as Record<string, string>)[department] ?? department;
}

const STATUS_LABELS: Record<string, string> = { open: '待办', completed: '已办结', cancelled: '已撤销' };

/** The decisions the task's step allows, with what each means there. */
export function allowedDecisions(kind: TaskKind): { decision: Decision; label: string }[] {
  const labels = taskStep(kind).decisionLabels;
  return DECISIONS.flatMap((decision) => {
    const label = labels[decision];
    return label === undefined ? [] : [{ decision, label }];
  });
}

/**
 * A task as every route shows it. `workingDaysLeft` is the open task's working days to its deadline
 * (WorkingCalendar.daysLeft), null where the caller did not count them or the task is closed.
 */
export function taskView(row: TaskViewRow, now = new Date(), workingDaysLeft: number | null = null) {
  return {
    id: row.id,
    caseId: row.case_id,
    kind: row.kind,
    kindLabel: taskStep(row.kind).label,
    stage: row.stage,
    status: row.status,
    statusLabel: STATUS_LABELS[row.status] ?? row.status,
    candidateRole: row.candidate_role,
    candidateRoleLabel: ROLE_LABELS[row.candidate_role],
    department: row.department,
    departmentLabel: row.department === null ? null : departmentLabel(row.department),
    jurisdictionId: row.jurisdiction_id,
    jurisdictionName: row.jurisdiction_name,
    villageName: row.village_name,
    householdHead: row.head_name,
    householdHeadIdNumber: row.head_id_number,
    assigneeId: row.assignee_id,
    assigneeName: row.assignee_name ?? null,
    claimedAt: row.claimed_at?.toISOString() ?? null,
    urgent: row.urgent,
    priority: row.priority ?? 0,
    dueAt: row.due_at.toISOString(),
    overdue: row.status === 'open' && row.due_at.getTime() < now.getTime(),
    workingDaysLeft: row.status === 'open' ? workingDaysLeft : null,
    escalationLevel: row.escalation_level,
    openedAt: row.opened_at.toISOString(),
    closedAt: row.closed_at?.toISOString() ?? null,
    decision: row.decision,
    reason: row.reason,
    decidedBy: row.decided_by ?? null,
    decidedByName: row.decided_by_name ?? null,
    allowedDecisions: allowedDecisions(row.kind),
    payload: row.payload,
    workflowId: row.workflow_id,
    version: row.version,
  };
}
export type TaskView = ReturnType<typeof taskView>;

export function stageView(stage: CaseStage) {
  return { stage, stageLabel: STAGE_LABELS[stage] };
}
