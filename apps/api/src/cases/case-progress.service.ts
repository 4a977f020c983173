// 流程进度 GET /cases/:id/progress: the case's path through the lifecycle from its audited stage changes,
// with the open tasks of where it stands now.

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CASE_STAGES, type CaseStage } from '@libs/domain';
import { type AuditEventRow, CasesRepository, TasksRepository, findStageEvents } from '@libs/persistence';
import type { AuthUser } from '../auth/auth-user';
import { WorkingCalendar } from '../tasks/working-calendar';
import { findCaseInScope } from './case-access';
import { caseProgress, type StageEntry } from './case-progress';
import { stageView, taskView } from './case-view';
import type { CaseProgressDto } from './dto/case-progress.dto';

const isStage = (value: unknown): value is CaseStage =>
  typeof value === 'string' && (CASE_STAGES as readonly string[]).includes(value);

/** The stage each audit event moved the case to, if it did. */
function stageEntered(event: Pick<AuditEventRow, 'action' | 'before' | 'after'>): CaseStage | undefined {
  const after = event.after ?? {};
  switch (event.action) {
    case 'case.created':
      return 'intake';
    case 'case.stageChanged':
    case 'case.closed':
      return isStage(after.stage) ? after.stage : undefined;
    // The first workflow version moved the case as it opened a task (before holds the stage it left) and as
    // a decision was written (caseStage).
    case 'task.opened':
      return event.before && isStage(after.stage) ? after.stage : undefined;
    case 'task.completed':
      return isStage(after.caseStage) ? after.caseStage : undefined;
    default:
      return undefined;
  }
}

@Injectable()
export class CaseProgressService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CasesRepository,
    private readonly tasks: TasksRepository,
    private readonly calendar: WorkingCalendar,
  ) {}

  async progress(caseId: string, user: AuthUser): Promise<CaseProgressDto> {
    const row = await findCaseInScope(this.dataSource, this.cases, caseId, user);
    const entries: StageEntry[] = (await findStageEvents(this.dataSource, caseId)).flatMap((event) => {
      const stage = stageEntered(event);
      return stage ? [{ stage, at: event.occurred_at }] : [];
    });
    // A case written without its events (imported, generated) starts at its creation all the same.
    if (entries.length === 0 || entries[0].stage !== 'intake') {
      entries.unshift({ stage: 'intake', at: row.created_at });
    }
    const closed = row.status === 'closed';
    const { steps, outcome } = caseProgress(entries, { stage: row.stage, closed, closedAt: row.closed_at });
    const now = new Date();
    const daysLeft = await this.calendar.daysLeft(now);
    // A department officer sees its own department's tasks, as in the case's own view.
    const openTasks = (await this.tasks.findOfCase(this.dataSource, caseId))
      .filter((task) => task.status === 'open')
      .filter((task) => user.role !== 'departmentOfficer' || task.department === user.department)
      .map((task) => {
        const view = taskView(task, now, daysLeft(task));
        return {
          id: view.id,
          kind: view.kind,
          kindLabel: view.kindLabel,
          stage: view.stage,
          candidateRole: view.candidateRole,
          candidateRoleLabel: view.candidateRoleLabel,
          department: view.department,
          departmentLabel: view.departmentLabel,
          jurisdictionName: view.jurisdictionName ?? null,
          assigneeName: view.assigneeName,
          urgent: view.urgent,
          openedAt: view.openedAt,
          dueAt: view.dueAt,
          overdue: view.overdue,
          workingDaysLeft: view.workingDaysLeft,
          escalationLevel: view.escalationLevel,
        };
      });
    return {
      caseId: row.id,
      ...stageView(row.stage),
      status: row.status,
      urgent: row.urgent,
      createdAt: row.created_at.toISOString(),
      closedAt: row.closed_at?.toISOString() ?? null,
      steps: steps.map((step) => ({
        ...step,
        enteredAt: step.enteredAt?.toISOString() ?? null,
        leftAt: step.leftAt?.toISOString() ?? null,
        // The tasks open now hold the case where it stands.
        openTasks: step.status === 'current' ? openTasks : [],
      })),
      outcome: outcome && {
        ...outcome,
        at: outcome.at?.toISOString() ?? null,
        reason: row.outcome_reason,
      },
    };
  }
}
