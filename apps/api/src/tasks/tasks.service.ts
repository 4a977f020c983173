import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import {
  DECISION_NOT_ALLOWED,
  TASK_NOT_OPEN,
  completeTaskUpdate,
  householdCaseWorkflowId,
} from '../../../../libs/contracts/src';
import { ROLE_LABELS, type Role } from '../../../../libs/domain/src';
import type { AuthUser } from '../auth/auth-user';
import { inScope } from '../auth/auth-user';
import { taskView, stageView } from '../cases/case-view';
import { AppException } from '../common/app.exception';
import { isWorkflowGone, temporalUnavailable, updateFailureType } from '../common/temporal-errors';
import { TEMPORAL_CLIENT } from '../common/tokens';
import type { CompleteTaskDto } from './dto/complete-task.dto';
import type { InboxQueryDto } from './dto/inbox-query.dto';
import { type ScopedTaskRow, TasksRepository } from './tasks.repository';

// Roles that oversee their scope: their inbox lists every role's tasks, not only their own.
const OVERSEEING_ROLES: Role[] = ['supervisor', 'inspector', 'admin'];

@Injectable()
export class TasksService {
  constructor(
    private readonly tasks: TasksRepository,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  async inbox(query: InboxQueryDto, user: AuthUser) {
    const limit = query.limit ?? 20;
    const rows = await this.tasks.findOpenTasksForInbox({
      scopePath: user.jurisdictionPath,
      role: OVERSEEING_ROLES.includes(user.role) ? undefined : user.role,
      kind: query.kind,
      after: query.cursor ? decodeCursor(query.cursor) : undefined,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((row) => taskView(row)),
      nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
    };
  }

  async findOne(taskId: string, user: AuthUser) {
    return taskView(await this.findTaskInScope(taskId, user));
  }

  /**
   * Sends the decision to the case's workflow as an Update whose id is the idempotency key: a repeated
   * request gets the first one's answer and completes nothing twice.
   */
  async complete(taskId: string, dto: CompleteTaskDto, user: AuthUser, idempotencyKey: string | undefined) {
    const task = await this.findTaskInScope(taskId, user);
    if (task.candidate_role !== user.role) {
      throw new AppException(
        'TASK_ROLE_MISMATCH',
        403,
        `此任务须由「${ROLE_LABELS[task.candidate_role]}」办理，您的角色是「${ROLE_LABELS[user.role]}」`,
      );
    }
    const key = idempotencyKey ?? `${taskId}:${user.userId}`;
    if (task.status !== 'open' && task.completion_key !== key) throw taskClosed(taskId);
    if (dto.decision !== 'approve' && !dto.reason) {
      throw new AppException('REASON_REQUIRED', 400, '退回或不予通过时须填写理由（reason）', {
        errors: [{ field: 'reason', message: '退回或不予通过时必填' }],
      });
    }
    const handle = this.temporal.workflow.getHandle(householdCaseWorkflowId(task.case_id));
    try {
      const state = await withinDeadline(
        handle.executeUpdate(completeTaskUpdate, {
          updateId: key,
          args: [
            { taskId, decision: dto.decision, reason: dto.reason, form: dto.form, actor: actorOf(user) },
          ],
        }),
      );
      return {
        task: taskView((await this.tasks.findTaskById(taskId))!),
        case: { id: state.caseId, ...stageView(state.stage), openTasks: state.openTasks },
      };
    } catch (error) {
      if (error instanceof AppException) throw error;
      const type = updateFailureType(error);
      if (type === TASK_NOT_OPEN || isWorkflowGone(error)) throw taskClosed(taskId);
      if (type === DECISION_NOT_ALLOWED) {
        throw new AppException('DECISION_NOT_ALLOWED', 400, '此步骤不能退回（decision=return）', {
          errors: [{ field: 'decision', message: '此步骤不能退回' }],
        });
      }
      throw temporalUnavailable(error);
    }
  }

  private async findTaskInScope(taskId: string, user: AuthUser): Promise<ScopedTaskRow> {
    const task = await this.tasks.findTaskById(taskId);
    if (!task || !inScope(user.jurisdictionPath, task.jurisdiction_path)) {
      throw new AppException('TASK_NOT_FOUND', 404, `任务 ${taskId} 不存在或不在您的管辖范围内`);
    }
    return task;
  }
}

// An update waits for the workflow's answer; past this the caller is told to look again later.
const UPDATE_DEADLINE_MS = 30_000;

async function withinDeadline<T>(update: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, fail) => {
    timer = setTimeout(
      () =>
        fail(
          new AppException(
            'DECISION_PENDING',
            504,
            '办理请求已提交，但流程 30 秒内未完成。请稍后刷新待办查看结果；用同一 Idempotency-Key 重试不会重复办理',
          ),
        ),
      UPDATE_DEADLINE_MS,
    );
  });
  try {
    return await Promise.race([update, late]);
  } finally {
    clearTimeout(timer);
  }
}

function actorOf(user: AuthUser) {
  return {
    userId: user.userId,
    username: user.username,
    role: user.role,
    jurisdictionId: user.jurisdictionId,
  };
}

function taskClosed(taskId: string): AppException {
  return new AppException('TASK_CLOSED', 409, `任务 ${taskId} 已办结，不能再次办理`);
}

function encodeCursor(row: ScopedTaskRow): string {
  return Buffer.from(JSON.stringify([row.due_at.toISOString(), row.id])).toString('base64url');
}

function decodeCursor(cursor: string): { dueAt: string; id: string } {
  try {
    const [dueAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    if (typeof dueAt === 'string' && typeof id === 'string' && !Number.isNaN(Date.parse(dueAt)))
      return { dueAt, id };
  } catch {
    // fall through to the error below
  }
  throw new AppException('BAD_CURSOR', 400, 'cursor 无效：请使用上一页返回的 nextCursor', {
    errors: [{ field: 'cursor', message: '无效' }],
  });
}
