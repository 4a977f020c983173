import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import {
  DECISION_NOT_ALLOWED,
  TASK_NOT_OPEN,
  completeTaskUpdate,
  householdCaseWorkflowId,
} from '../../../../libs/contracts/src';
import type { Role } from '../../../../libs/domain/src';
import { appendAuditEvent } from '../../../../libs/persistence/src';
import { actorOf, type AuthUser } from '../auth/auth-user';
import { stageView, taskView } from '../cases/case-view';
import { AppException } from '../common/app.exception';
import { decodeCursor, encodeCursor, isTimestamp } from '../common/pagination';
import { isWorkflowGone, temporalUnavailable, updateFailureType } from '../common/temporal-errors';
import { TEMPORAL_CLIENT } from '../common/tokens';
import type { CompleteTaskDto } from './dto/complete-task.dto';
import type { InboxQueryDto } from './dto/inbox-query.dto';
import { findTaskInScope, requireCandidate, taskClosed } from './task-access';
import { type InboxCursor, type InboxScope, type ScopedTaskRow, TasksRepository } from './tasks.repository';

// Roles that oversee their scope: their inbox lists every role's tasks, not only their own.
const OVERSEEING_ROLES: Role[] = ['supervisor', 'inspector', 'admin'];

@Injectable()
export class TasksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tasks: TasksRepository,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  async inbox(query: InboxQueryDto, user: AuthUser) {
    const limit = query.limit ?? 20;
    const sort = query.sort ?? 'urgency';
    const rows = await this.tasks.findOpenTasksForInbox(
      inboxScope(user),
      {
        kind: query.kind,
        stage: query.stage,
        villageId: query.villageId,
        urgent: query.urgent,
        overdue: query.overdue,
        dueBefore: query.dueBefore,
        assignment: query.assignment ?? 'any',
      },
      sort,
      query.cursor ? decodeInboxCursor(query.cursor) : undefined,
      limit + 1,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((row) => taskView(row)),
      nextCursor: rows.length > limit && last ? inboxCursor(last, sort) : null,
    };
  }

  counts(user: AuthUser) {
    return this.tasks.countOpenTasks(inboxScope(user));
  }

  async findOne(taskId: string, user: AuthUser) {
    return taskView(await findTaskInScope(this.tasks, taskId, user));
  }

  /**
   * Sends the decision to the case's workflow as an Update whose id is the idempotency key: a repeated
   * request gets the first one's answer and completes nothing twice.
   */
  async complete(taskId: string, dto: CompleteTaskDto, user: AuthUser, idempotencyKey: string | undefined) {
    if (idempotencyKey !== undefined && !/^[\w:.-]{8,128}$/.test(idempotencyKey)) {
      throw new AppException('BAD_IDEMPOTENCY_KEY', 400, 'Idempotency-Key 应为 8–128 位字母、数字或 -_:.');
    }
    const task = await findTaskInScope(this.tasks, taskId, user);
    requireCandidate(task, user);
    const key = idempotencyKey ?? `${taskId}:${user.userId}`;
    if (task.status !== 'open' && task.completion_key !== key) throw taskClosed(taskId);
    if (task.status === 'open' && task.assignee_id && task.assignee_id !== user.userId) {
      throw new AppException('TASK_HELD', 409, `任务已由「${task.assignee_name}」认领，只有认领人可以办理`, {
        holder: { id: task.assignee_id, name: task.assignee_name },
      });
    }
    if (dto.decision !== 'approve' && !dto.reason) {
      throw new AppException('REASON_REQUIRED', 400, '退回或不予通过时须填写理由（reason）', {
        errors: [{ field: 'reason', message: '退回或不予通过时必填' }],
      });
    }
    await this.refuseFavouritism(task, user);
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

  /** 优亲厚友: nobody decides a case where a household member is their declared relative; the attempt is audited. */
  private async refuseFavouritism(task: ScopedTaskRow, user: AuthUser): Promise<void> {
    const relatives = await this.tasks.findDeclaredRelativesInCase(user.userId, task.case_id);
    if (relatives.length === 0) return;
    const names = relatives.map((r) => r.name).join('、');
    await this.dataSource.transaction((manager) =>
      appendAuditEvent(manager, {
        eventKey: `${task.id}:favouritism-refused:${randomUUID()}`,
        actor: user,
        action: 'task.decisionRefused',
        entityType: 'task',
        entityId: task.id,
        caseId: task.case_id,
        before: { status: task.status },
        after: { refused: 'favouritism', relatives },
        reason: `申报的亲属（${names}）是该户成员`,
      }),
    );
    throw new AppException(
      'FAVOURITISM',
      403,
      `该户成员 ${names} 是您申报的亲属，依规须回避，不能办理此任务；本次尝试已记录`,
    );
  }
}

function inboxScope(user: AuthUser): InboxScope {
  return {
    scopePath: user.jurisdictionPath,
    role: OVERSEEING_ROLES.includes(user.role) ? undefined : user.role,
    userId: user.userId,
  };
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

function inboxCursor(row: ScopedTaskRow, sort: string): string {
  const lead = sort === 'urgency' ? row.urgent : sort === 'priority' ? row.priority : null;
  return encodeCursor([lead, row.due_at.toISOString(), row.id]);
}

function decodeInboxCursor(cursor: string): InboxCursor {
  const [lead, dueAt, id] = decodeCursor(
    cursor,
    (keys): keys is [boolean | number | null, string, string] =>
      (keys[0] === null || typeof keys[0] === 'boolean' || Number.isInteger(keys[0])) &&
      isTimestamp(keys[1]) &&
      typeof keys[2] === 'string',
  );
  return { lead, dueAt, id };
}
