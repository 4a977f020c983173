import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  type CaseState,
  DECISION_NOT_RECORDED,
  DECISION_NOT_STORABLE,
  type HomeSurveyForm,
  type SupportPlanForm,
  TASK_NOT_OPEN,
  completeTaskUpdate,
  householdCaseWorkflowId,
} from '@libs/contracts';
import { type Decision, type Role, STAGE_LABELS, canonicalJson, maskIdNumber, taskStep } from '@libs/domain';
import {
  AttachmentsRepository,
  type DoneTaskRow,
  HouseholdsRepository,
  type InboxCursor,
  type InboxScope,
  type TaskViewRow,
  TasksRepository,
} from '@libs/persistence';
import { actorOf, type AuthUser } from '../auth/auth-user';
import { refuseDeclaredRelative } from '../admin/relatives.rule';
import { stageView, taskView } from '../cases/case-view';
import { AppException } from '../common/app.exception';
import {
  decisionPerhapsRecorded,
  decisionRecordedUnreadable,
  isDatabaseUnavailable,
} from '../common/database-errors';
import { caseIncidentView } from '../incidents/incidents.service';
import { checkIdempotencyKey } from '../common/idempotency';
import { checkDateWindow } from '../common/date-window';
import { decodeCursor, decodeTimeCursor, encodeCursor, isTimestamp, keysetPage } from '../common/pagination';
import type { FieldError } from '../common/validation';
import type { CompleteTaskDto } from './dto/complete-task.dto';
import type { DoneTasksQueryDto } from './dto/done-tasks.dto';
import type { InboxQueryDto } from './dto/inbox-query.dto';
import { formInvalid, requireReason, validateTaskForm } from './forms/task-forms';
import { findTaskInScope, findTaskToWorkOn, requireCandidate, taskClosed } from './task-access';
import { WorkingCalendar } from './working-calendar';
import { ApiMetrics } from '../metrics/api-metrics';
import { TemporalGateway } from '../temporal/temporal.gateway';
import { WorkflowGone, WorkflowRefusal } from '../temporal/temporal-errors';

// Roles that oversee their scope: their inbox lists every role's tasks, not only their own.
const OVERSEEING_ROLES: Role[] = ['supervisor', 'inspector', 'admin'];

@Injectable()
export class TasksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tasks: TasksRepository,
    private readonly households: HouseholdsRepository,
    private readonly attachments: AttachmentsRepository,
    private readonly calendar: WorkingCalendar,
    private readonly temporal: TemporalGateway,
    private readonly metrics: ApiMetrics,
  ) {}

  async inbox(query: InboxQueryDto, user: AuthUser) {
    const limit = query.limit ?? 20;
    const sort = query.sort ?? 'urgency';
    const now = new Date();
    const rows = await this.tasks.findOpenForInbox(
      this.dataSource,
      inboxScope(user),
      {
        kind: query.kind,
        stage: query.stage,
        villageId: query.villageId,
        householdHead: query.householdHead || undefined,
        urgent: query.urgent,
        overdue: query.overdue,
        dueBefore: query.dueBefore,
        dueSoonBy: query.dueSoon ? await this.calendar.dueSoonCutoff(now) : undefined,
        assignment: query.assignment ?? 'any',
      },
      sort,
      query.cursor ? decodeInboxCursor(query.cursor) : undefined,
      limit + 1,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const daysLeft = await this.calendar.daysLeft(now);
    return {
      items: page.map((row) => taskView(row, now, daysLeft(row))),
      nextCursor: rows.length > limit && last ? inboxCursor(last, sort) : null,
    };
  }

  async counts(user: AuthUser) {
    return this.tasks.countInboxTabs(this.dataSource, inboxScope(user), await this.calendar.dueSoonCutoff());
  }

  async findOne(taskId: string, user: AuthUser) {
    const task = await findTaskInScope(this.dataSource, this.tasks, taskId, user);
    const now = new Date();
    return taskView(task, now, (await this.calendar.daysLeft(now))(task));
  }

  /** 已办: the tasks the user decided, newest decision first, with the decision and the case's stage now. */
  async done(query: DoneTasksQueryDto, user: AuthUser) {
    checkDateWindow({ decidedFrom: query.decidedFrom, decidedTo: query.decidedTo });
    const limit = query.limit ?? 20;
    const rows = await this.tasks.findDecidedBy(
      this.dataSource,
      user.userId,
      {
        kind: query.kind,
        stage: query.stage,
        villageId: query.villageId,
        urgent: query.urgent,
        decidedFrom: query.decidedFrom,
        decidedTo: query.decidedTo,
      },
      query.cursor ? decodeTimeCursor(query.cursor) : undefined,
      limit + 1,
    );
    return keysetPage(rows, limit, decidedTaskView, (last) => [last.at_key, last.id]);
  }

  /**
   * Sends the decision to the workflow that opened the task (the case's own, or a child such as a data check or
   * a support measure) as an Update whose id is the idempotency key: a repeated request gets the first one's
   * answer and completes nothing twice. The form is checked here first, against its kind's DTO and the case.
   */
  async complete(taskId: string, dto: CompleteTaskDto, user: AuthUser, idempotencyKey: string | undefined) {
    checkIdempotencyKey(idempotencyKey);
    const task = await findTaskToWorkOn(this.dataSource, this.tasks, taskId, user);
    requireCandidate(task, user);
    // Without a key, the same request repeated (a double click) is one decision; a different one — the
    // request corrected after the first was refused — is a new attempt.
    const key = idempotencyKey ?? `${taskId}:${user.userId}:${requestDigest(dto)}`;
    // A repeat of the request that completed the task gets its answer again; a cancelled task none.
    if (
      task.status === 'cancelled' ||
      (task.status !== 'open' && !decidedWithKey(task.completion_key, key))
    ) {
      throw taskClosed(taskId, task.status);
    }
    if (task.status === 'open' && task.assignee_id && task.assignee_id !== user.userId) {
      throw new AppException('TASK_HELD', 409, `任务已由「${task.assignee_name}」认领，只有认领人可以办理`, {
        holder: { id: task.assignee_id, name: task.assignee_name },
      });
    }
    // A declared relative is refused (and the attempt audited) whatever the form says.
    await refuseDeclaredRelative(this.dataSource, task, user, 'decide');
    const form = await validateTaskForm(task.kind, dto.decision, dto.form);
    requireReason(task.kind, dto.decision, dto.reason);
    if (form) await this.checkFormAgainstCase(task.case_id, form);
    const workflowId = task.workflow_id ?? householdCaseWorkflowId(task.case_id);
    const input = { taskId, decision: dto.decision, reason: dto.reason, form, actor: actorOf(user) };
    const sent = Date.now();
    // Once the decision has gone to the workflow, a database failure cannot tell whether it was recorded.
    const readAfterSending = async <T>(read: () => Promise<T>): Promise<T> =>
      read().catch((error: unknown) => {
        throw isDatabaseUnavailable(error) ? decisionPerhapsRecorded() : error;
      });
    return this.metrics.taskCompletion(task.kind, async () => {
      try {
        // A decision whose write failed does not use up its key: the server answers that update id with the
        // same failure for good, so a later request with the key goes out as the key's next attempt.
        let state: CaseState | undefined;
        for (let attempt = 1; !state; attempt += 1) {
          const updateId = attempt === 1 ? key : `${key}${ATTEMPT_SEPARATOR}${attempt}`;
          state = await this.temporal
            .update(workflowId, completeTaskUpdate, input, updateId)
            .catch((error) => {
              if (attempt < MAX_ATTEMPTS_PER_KEY && decisionFailedBefore(error, sent)) return undefined;
              throw error;
            });
        }
        const recorded = state;
        const answer = async () => {
          const decided = (await this.tasks.findWithUnresolvedIncidents(
            this.dataSource,
            taskId,
            recorded.caseId,
          ))!;
          return {
            task: taskView(decided),
            case: {
              id: recorded.caseId,
              ...stageView(recorded.stage),
              openTasks: recorded.openTasks,
              // A step after the decision that failed for good: the case waits on an incident, not on someone's task.
              incidents: decided.unresolved_incidents.map(caseIncidentView),
            },
          };
        };
        // The decision is recorded: a database hiccup now must not answer that it was not. A connection the
        // server dropped is discarded by the pool, so a second read usually gets a fresh one.
        return await answer().catch((error: unknown) => {
          if (!isDatabaseUnavailable(error)) throw error;
          return answer().catch((again: unknown) => {
            throw isDatabaseUnavailable(again) ? decisionRecordedUnreadable() : again;
          });
        });
      } catch (error) {
        if (error instanceof WorkflowGone) {
          // Its workflow has ended with the task closed; a row still open has no workflow behind it (seeded
          // data, or a history removed past retention): nothing can decide it.
          const now = await readAfterSending(() => this.tasks.findById(this.dataSource, taskId));
          if (now?.status !== 'open') throw taskClosed(taskId, now?.status);
          throw new AppException(
            'CASE_WORKFLOW_MISSING',
            409,
            `任务 ${taskId} 所属案件的流程已不在运行，无法办理，本次办理未生效；请联系系统管理员核查该案件`,
          );
        }
        if (error instanceof WorkflowRefusal && error.failureType === TASK_NOT_OPEN) {
          // The workflow does not know the task as open. Closed since it was read, or not yet heard of: its
          // row is written before the workflow hears so (after a worker restart, only once it has caught up).
          const now = await readAfterSending(() => this.tasks.findById(this.dataSource, taskId));
          if (now?.status !== 'open') throw taskClosed(taskId, now?.status);
          throw new AppException('TASK_NOT_READY', 503, '流程尚未就绪，请稍后重试；本次办理未生效');
        }
        throw isDatabaseUnavailable(error) ? decisionPerhapsRecorded() : error;
      }
    });
  }

  /**
   * What a form says about the case must hold in it: incomes for exactly the household's members, 单人保 only
   * for members, attachments uploaded to this case.
   */
  private async checkFormAgainstCase(caseId: string, form: Record<string, unknown>): Promise<void> {
    const { incomes, individualCoverage, attachmentIds } = form as Partial<HomeSurveyForm & SupportPlanForm>;
    const problems: FieldError[] = [];
    if (incomes || individualCoverage) {
      const members = new Set(await this.households.findIdNumbersOfCase(this.dataSource, caseId));
      if (incomes) {
        const given = new Set(incomes.map((income) => income.idNumber));
        const missing = [...members].filter((idNumber) => !given.has(idNumber));
        const unknown = [...given].filter((idNumber) => !members.has(idNumber));
        const parts = [
          ...(missing.length > 0 ? [`缺少成员 ${missing.map(maskIdNumber).join('、')}`] : []),
          ...(unknown.length > 0 ? [`${unknown.map(maskIdNumber).join('、')} 不是本户成员`] : []),
        ];
        if (parts.length > 0) {
          problems.push({
            field: 'form.incomes',
            message: `须逐一填写本户全部成员的收入：${parts.join('；')}`,
          });
        }
      }
      const outsiders = (individualCoverage ?? []).filter((item) => !members.has(item.idNumber));
      if (outsiders.length > 0) {
        problems.push({
          field: 'form.individualCoverage',
          message: `${outsiders.map((item) => maskIdNumber(item.idNumber)).join('、')} 不是本户成员`,
        });
      }
    }
    if (attachmentIds && attachmentIds.length > 0) {
      const found = new Set(await this.attachments.findIdsOfCase(this.dataSource, caseId, attachmentIds));
      const absent = attachmentIds.filter((id) => !found.has(id));
      if (absent.length > 0) {
        problems.push({
          field: 'form.attachmentIds',
          message: `附件不存在或不属于本案件：${absent.join('、')}`,
        });
      }
    }
    if (problems.length > 0) throw formInvalid(problems);
  }
}

function decidedTaskView(row: DoneTaskRow) {
  const decision = row.decision as Decision | null;
  return {
    ...taskView(row),
    decisionLabel: (decision && taskStep(row.kind).decisionLabels[decision]) ?? decision ?? '',
    decidedAt: (row.closed_at ?? row.opened_at).toISOString(),
    caseStage: row.case_stage,
    caseStageLabel: STAGE_LABELS[row.case_stage],
    caseStatus: row.case_status,
  };
}

function inboxScope(user: AuthUser): InboxScope {
  return {
    scopePath: user.jurisdictionPath,
    role: OVERSEEING_ROLES.includes(user.role) ? undefined : user.role,
    userId: user.userId,
    department: user.role === 'departmentOfficer' ? user.department : undefined,
  };
}

const ATTEMPT_SEPARATOR = '#';
/** Past this many failed attempts under one key, the caller is told to use a new key. */
const MAX_ATTEMPTS_PER_KEY = 20;

/** The task was decided by a request with this key (at its first attempt or a later one). */
function decidedWithKey(completionKey: string | null, key: string): boolean {
  return completionKey === key || (completionKey?.startsWith(`${key}${ATTEMPT_SEPARATOR}`) ?? false);
}

/** The workflow's answer is a decision write that failed before this request was sent: an earlier attempt's. */
function decisionFailedBefore(error: unknown, sent: number): boolean {
  if (!(error instanceof WorkflowRefusal)) return false;
  const type = error.failureType;
  if (type !== DECISION_NOT_STORABLE && type !== DECISION_NOT_RECORDED) return false;
  const failedAt = Date.parse(String((error.failureDetails[0] as { failedAt?: string })?.failedAt));
  return failedAt < sent;
}

/** A short digest of what a decision says, to tell a repeated request from a corrected one. */
function requestDigest(dto: CompleteTaskDto): string {
  return createHash('sha256').update(canonicalJson(dto)).digest('base64url').slice(0, 16);
}

function inboxCursor(row: TaskViewRow, sort: string): string {
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
