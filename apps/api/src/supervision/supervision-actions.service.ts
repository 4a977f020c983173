// What a supervisor does about a case or task in their scope: mark a case urgent (特事特办) and ask
// for a task's escalation now. Each change is audited in the same transaction, with the reason; the
// workflow is told after the commit, never from inside a transaction.

import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { escalateNowSignal, householdCaseWorkflowId, markUrgentSignal } from '@libs/contracts';
import { MAX_ESCALATION_LEVEL } from '@libs/domain';
import { CasesRepository, TasksRepository, appendAuditEvent } from '@libs/persistence';
import type { AuthUser } from '../auth/auth-user';
import { actorOf, inScope } from '../auth/auth-user';
import { AppException } from '../common/app.exception';
import { TemporalGateway } from '../temporal/temporal.gateway';

const CASE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function caseNotFound(caseId: string): AppException {
  return new AppException('CASE_NOT_FOUND', 404, `案件 ${caseId} 不存在或不在您的管辖范围内`);
}

@Injectable()
export class SupervisionActionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CasesRepository,
    private readonly tasks: TasksRepository,
    private readonly temporal: TemporalGateway,
  ) {}

  /**
   * 特事特办: flags the case and its open tasks urgent in the read model (urgent tasks lead every inbox),
   * audited, then tells the workflow once that has committed. Marking a case that is already urgent changes
   * and audits nothing, but tells the workflow again (it ignores a case it knows is urgent): so a request whose
   * signal did not get through is simply repeated. Locks are taken in the activities' order: tasks, then the
   * case, then the audit chain.
   */
  async markUrgent(caseId: string, reason: string, user: AuthUser) {
    if (!CASE_ID.test(caseId)) throw caseNotFound(caseId);
    const seen = await this.cases.findUrgency(this.dataSource, caseId);
    if (!seen || !inScope(user.jurisdictionPath, seen.jurisdiction_path)) throw caseNotFound(caseId);
    const result = await this.dataSource.transaction(async (manager) => {
      const tasks = await this.tasks.makeOpenTasksOfCaseUrgent(manager, caseId);
      const found = (await this.cases.lockUrgency(manager, caseId))!;
      if (found.status !== 'open') {
        throw new AppException('CASE_CLOSED', 409, `案件 ${caseId} 已办结，不能再标记为紧急`);
      }
      const changed = !found.urgent || tasks.length > 0;
      if (!found.urgent) await this.cases.markUrgent(manager, caseId);
      const taskChanges = tasks.map((t) => ({ taskId: t.id, priority: t.priority, version: t.version }));
      if (changed) {
        await appendAuditEvent(manager, {
          eventKey: `${caseId}:markedUrgent:${randomUUID()}`,
          actor: user,
          action: 'case.markedUrgent',
          entityType: 'case',
          entityId: caseId,
          caseId,
          before: { urgent: found.urgent },
          after: { urgent: true, tasks: taskChanges },
          reason,
        });
      }
      return { caseId, urgent: true, alreadyUrgent: !changed, tasks: taskChanges };
    });
    // The workflow switches its deadlines to urgent ones and reschedules the open tasks.
    await this.temporal.signal(householdCaseWorkflowId(caseId), markUrgentSignal, {
      actor: actorOf(user),
      reason,
    });
    return result;
  }

  /**
   * Records a supervisor's request to escalate an open task one level now, before its deadline
   * would. One request per level: asking again for the same level adds nothing.
   */
  async requestEscalation(taskId: string, reason: string, user: AuthUser) {
    const result = await this.dataSource.transaction(async (manager) => {
      const task = await this.tasks.holdForEscalation(manager, taskId);
      if (!task || !inScope(user.jurisdictionPath, task.jurisdiction_path)) {
        throw new AppException('TASK_NOT_FOUND', 404, `任务 ${taskId} 不存在或不在您的管辖范围内`);
      }
      if (task.status !== 'open') {
        throw new AppException('TASK_CLOSED', 409, `任务 ${taskId} 已办结，不能再督办升级`);
      }
      if (task.escalation_level >= MAX_ESCALATION_LEVEL) {
        throw new AppException(
          'ESCALATION_AT_MAX',
          409,
          `任务 ${taskId} 已升级至最高级（${MAX_ESCALATION_LEVEL} 级），不能再升级`,
        );
      }
      const requestedLevel = task.escalation_level + 1;
      const written = await appendAuditEvent(manager, {
        eventKey: `${taskId}:escalationRequested:${requestedLevel}`,
        actor: user,
        action: 'task.escalationRequested',
        entityType: 'task',
        entityId: taskId,
        caseId: task.case_id,
        before: { escalationLevel: task.escalation_level },
        after: { requestedLevel },
        reason,
      });
      return {
        workflowId: task.workflow_id ?? householdCaseWorkflowId(task.case_id),
        taskId,
        caseId: task.case_id,
        escalationLevel: task.escalation_level,
        requestedLevel,
        alreadyRequested: !written,
      };
    });
    // Once committed, the workflow escalates the task now (audited by it, with the notifications). A repeated
    // request for the same level records nothing new but is sent again — the workflow ignores a level it has
    // reached — so a request whose signal did not get through is simply repeated.
    await this.temporal.signal(result.workflowId, escalateNowSignal, {
      actor: actorOf(user),
      reason,
      taskId,
      level: result.requestedLevel,
    });
    return {
      taskId,
      caseId: result.caseId,
      escalationLevel: result.escalationLevel,
      requestedLevel: result.requestedLevel,
      alreadyRequested: result.alreadyRequested,
    };
  }
}
