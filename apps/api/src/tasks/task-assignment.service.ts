// Inbox operations the API does itself: claim, unclaim, assign, delegate (one or many tasks).
// Each is a compare-and-set on the task row (optimistic locking) and writes its audit event in the
// same transaction; a stale request gets 409 naming who holds the task now.

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ROLE_LABELS } from '@libs/domain';
import { type TaskViewRow, TasksRepository, UsersRepository, appendAuditEvent } from '@libs/persistence';
import type { AuthUser } from '../auth/auth-user';
import { inScope } from '../auth/auth-user';
import { refuseDeclaredRelative } from '../admin/relatives.rule';
import { departmentLabel, taskView } from '../cases/case-view';
import { AppException } from '../common/app.exception';
import { findTaskInScope, findTaskToWorkOn, requireCandidate, taskClosed } from './task-access';

type AssignmentAction = 'claimed' | 'unclaimed' | 'assigned' | 'delegated';

const ACTION_LABELS: Record<AssignmentAction, string> = {
  claimed: '认领',
  unclaimed: '退回认领',
  assigned: '指派',
  delegated: '转交',
};

// Who may hand tasks of their scope to someone else.
const DISPATCHING_ROLES = ['supervisor', 'admin'];

export interface BulkResult {
  taskId: string;
  ok: boolean;
  code?: string;
  message?: string;
}

@Injectable()
export class TaskAssignmentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tasks: TasksRepository,
    private readonly users: UsersRepository,
  ) {}

  async claim(taskId: string, user: AuthUser, version?: number) {
    const task = await findTaskToWorkOn(this.dataSource, this.tasks, taskId, user);
    requireCandidate(task, user);
    await refuseDeclaredRelative(this.dataSource, task, user, 'claim');
    if (task.assignee_id === user.userId && version === undefined) return taskView(task);
    return this.change(task, user, 'claimed', null, user.userId, version);
  }

  async unclaim(taskId: string, user: AuthUser, version?: number) {
    const task = await findTaskInScope(this.dataSource, this.tasks, taskId, user);
    if (task.assignee_id !== user.userId && !DISPATCHING_ROLES.includes(user.role)) {
      throw new AppException('NOT_TASK_HOLDER', 403, '只有认领人或督办负责人可以退回认领');
    }
    return this.change(task, user, 'unclaimed', task.assignee_id, null, version);
  }

  async assign(taskId: string, assigneeId: string, user: AuthUser, version?: number) {
    const task = await findTaskInScope(this.dataSource, this.tasks, taskId, user);
    const assignee = await this.requireEligibleAssignee(task, assigneeId);
    await refuseDeclaredRelative(this.dataSource, task, user, 'assign', assignee);
    return this.change(task, user, 'assigned', task.assignee_id, assigneeId, version);
  }

  async delegate(taskId: string, assigneeId: string, user: AuthUser, version?: number) {
    const task = await findTaskInScope(this.dataSource, this.tasks, taskId, user);
    if (task.assignee_id !== user.userId) {
      throw new AppException('NOT_TASK_HOLDER', 403, '只能转交自己已认领的任务，请先认领');
    }
    const assignee = await this.requireEligibleAssignee(task, assigneeId);
    await refuseDeclaredRelative(this.dataSource, task, user, 'delegate', assignee);
    return this.change(task, user, 'delegated', user.userId, assigneeId, version);
  }

  bulkClaim(taskIds: string[], user: AuthUser): Promise<BulkResult[]> {
    return this.each(taskIds, (id) => this.claim(id, user));
  }

  bulkAssign(taskIds: string[], assigneeId: string, user: AuthUser): Promise<BulkResult[]> {
    return this.each(taskIds, (id) => this.assign(id, assigneeId, user));
  }

  /** One result per task, in order: a refusal of one task does not stop the others. */
  private async each(taskIds: string[], act: (taskId: string) => Promise<unknown>): Promise<BulkResult[]> {
    const results: BulkResult[] = [];
    for (const taskId of taskIds) {
      try {
        await act(taskId);
        results.push({ taskId, ok: true });
      } catch (error) {
        if (!(error instanceof AppException)) throw error;
        results.push({ taskId, ok: false, code: error.code, message: error.message });
      }
    }
    return results;
  }

  private async change(
    task: TaskViewRow,
    user: AuthUser,
    action: AssignmentAction,
    expectedHolder: string | null,
    assigneeId: string | null,
    version: number | undefined,
  ) {
    if (task.status !== 'open') throw taskClosed(task.id, task.status);
    return this.dataSource.transaction(async (manager) => {
      const newVersion = await this.tasks.setAssignee(manager, task.id, assigneeId, expectedHolder, version);
      if (newVersion === undefined) {
        const now = await this.tasks.findById(manager, task.id);
        if (!now || now.status !== 'open') throw taskClosed(task.id, now?.status);
        throw new AppException(
          'TASK_CHANGED',
          409,
          now.assignee_name
            ? `任务已由「${now.assignee_name}」认领（当前版本 ${now.version}），${ACTION_LABELS[action]}未生效`
            : `任务已被他人改动（当前版本 ${now.version}），请刷新后重试`,
          {
            holder: now.assignee_id ? { id: now.assignee_id, name: now.assignee_name } : null,
            version: now.version,
          },
        );
      }
      await appendAuditEvent(manager, {
        eventKey: `${task.id}:v${newVersion}`,
        actor: user,
        action: `task.${action}`,
        entityType: 'task',
        entityId: task.id,
        caseId: task.case_id,
        before: { assigneeId: expectedHolder, version: newVersion - 1 },
        after: { assigneeId, version: newVersion },
      });
      return taskView((await this.tasks.findById(manager, task.id))!);
    });
  }

  /** The assignee, if they may work on the task (role, place, department); otherwise 400. */
  private async requireEligibleAssignee(
    task: TaskViewRow,
    assigneeId: string,
  ): Promise<{ id: string; displayName: string }> {
    const assignee = await this.users.findWithJurisdictionPath(this.dataSource, assigneeId);
    if (!assignee) {
      throw new AppException('ASSIGNEE_NOT_FOUND', 400, `用户 ${assigneeId} 不存在`, {
        errors: [{ field: 'userId', message: '用户不存在' }],
      });
    }
    if (assignee.role !== task.candidate_role || !inScope(assignee.path, task.jurisdiction_path)) {
      throw new AppException(
        'ASSIGNEE_NOT_ELIGIBLE',
        400,
        `「${assignee.display_name}」不能办理此任务：须为「${ROLE_LABELS[task.candidate_role]}」且辖区包含该任务`,
        { errors: [{ field: 'userId', message: '不能办理此任务' }] },
      );
    }
    if (task.department !== null && assignee.department !== task.department) {
      throw new AppException(
        'ASSIGNEE_NOT_ELIGIBLE',
        400,
        `「${assignee.display_name}」不能办理此任务：须为「${departmentLabel(task.department)}」的经办人`,
        { errors: [{ field: 'userId', message: '不能办理此任务' }] },
      );
    }
    return { id: assigneeId, displayName: assignee.display_name };
  }
}
