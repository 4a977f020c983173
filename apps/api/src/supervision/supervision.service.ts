// 督办 supervision views: what is overdue or due soon, where, of which kind and how long past due; the
// overdue tasks themselves; and how many deadlines were missed per day.

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ROLE_LABELS, TASK_KINDS, TASK_STEPS } from '@libs/domain';
import {
  type BreachCursor,
  type BreachRow,
  CHINA_TIME_ZONE,
  type EscalationRow,
  type JurisdictionRow,
  JurisdictionsRepository,
  type SummaryRow,
  TasksRepository,
  UsersRepository,
  findEscalations,
} from '@libs/persistence';
import type { AuthUser } from '../auth/auth-user';
import { inScope } from '../auth/auth-user';
import { AppException } from '../common/app.exception';
import { decodeCursor, encodeCursor, isTimestamp } from '../common/pagination';
import type { BreachesQueryDto, SummaryQueryDto, TrendQueryDto } from './dto/supervision-query.dto';

/** The jurisdiction a view is about. */
type Scope = Pick<JurisdictionRow, 'id' | 'name' | 'level' | 'path'>;

// How long past due, in calendar time since the deadline.
const OVERDUE_AGES = [
  { bucket: '<1d', label: '超期不足1天', column: 'overdue_lt1d' },
  { bucket: '1-3d', label: '超期1–3天', column: 'overdue_1to3d' },
  { bucket: '3-7d', label: '超期3–7天', column: 'overdue_3to7d' },
  { bucket: '>7d', label: '超期7天以上', column: 'overdue_gt7d' },
] as const;

const DEFAULT_DUE_SOON_HOURS = 48;
const DEFAULT_TREND_DAYS = 30;
const DEFAULT_PAGE_SIZE = 20;

/** The Chinese label of a task kind; a kind this build does not know yet shows as itself. */
export function taskKindLabel(kind: string): string {
  return TASK_STEPS.find((step) => step.kind === kind)?.label ?? kind;
}

function jurisdictionView(j: Scope) {
  return { id: j.id, name: j.name, level: j.level };
}

@Injectable()
export class SupervisionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tasks: TasksRepository,
    private readonly jurisdictions: JurisdictionsRepository,
    private readonly users: UsersRepository,
  ) {}

  /**
   * The jurisdiction a view is about: the user's own, or one inside their subtree (drill-down).
   * Anything else is a 404, as if it did not exist.
   */
  async resolveScope(user: AuthUser, jurisdictionId?: string): Promise<Scope> {
    const id = jurisdictionId ?? user.jurisdictionId;
    const jurisdiction = await this.jurisdictions.findById(this.dataSource, id);
    if (!jurisdiction || !inScope(user.jurisdictionPath, jurisdiction.path)) {
      throw new AppException('JURISDICTION_NOT_FOUND', 404, `辖区 ${id} 不存在或不在您的管辖范围内`);
    }
    return jurisdiction;
  }

  async summary(query: SummaryQueryDto, user: AuthUser) {
    const scope = await this.resolveScope(user, query.jurisdictionId);
    const dueSoonHours = query.dueSoonHours ?? DEFAULT_DUE_SOON_HOURS;
    const [children, rows] = await Promise.all([
      this.jurisdictions.findChildren(this.dataSource, scope.id),
      this.tasks.countOverdueAndDueSoon(this.dataSource, scope.path, dueSoonHours),
    ]);
    const groups = (groupedBy: SummaryRow['grouped_by']) => rows.filter((r) => r.grouped_by === groupedBy);
    const counts = (row: SummaryRow | undefined) => ({
      overdue: row?.overdue ?? 0,
      dueSoon: row?.due_soon ?? 0,
    });
    const byChild = new Map(groups('jurisdiction').map((r) => [r.child_id, r]));
    const byKind = new Map(groups('kind').map((r) => [r.kind, r]));
    const total = groups('total')[0];
    const kinds = [...new Set<string>([...TASK_KINDS, ...byKind.keys()].filter((k): k is string => !!k))];
    return {
      asOf: (total?.as_of ?? new Date()).toISOString(),
      jurisdiction: jurisdictionView(scope),
      dueSoonHours,
      totals: counts(total),
      escalation: {
        level1: total?.level1 ?? 0,
        level2: total?.level2 ?? 0,
        level3: total?.level3 ?? 0,
      },
      byJurisdiction: [
        ...children.map((child) => ({
          ...jurisdictionView(child),
          ownLevel: false,
          ...counts(byChild.get(child.id)),
        })),
        // Tasks that belong to the scope itself (a township's review, the county's recognition).
        {
          ...jurisdictionView(scope),
          name: `${scope.name}（本级）`,
          ownLevel: true,
          ...counts(byChild.get('')),
        },
      ],
      byKind: kinds.map((kind) => ({ kind, kindLabel: taskKindLabel(kind), ...counts(byKind.get(kind)) })),
      byOverdueAge: OVERDUE_AGES.map(({ bucket, label, column }) => ({
        bucket,
        label,
        overdue: total?.[column] ?? 0,
      })),
    };
  }

  async breaches(query: BreachesQueryDto, user: AuthUser) {
    const scope = await this.resolveScope(user, query.jurisdictionId);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.tasks.findOverdue(
      this.dataSource,
      scope.path,
      { kind: query.kind, escalationLevel: query.level },
      query.cursor ? decodeBreachCursor(query.cursor) : undefined,
      limit + 1,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const escalations = await findEscalations(
      this.dataSource,
      [...new Set(page.map((r) => r.case_id))],
      page.map((r) => r.id),
    );
    return {
      jurisdiction: jurisdictionView(scope),
      items: page.map((row) =>
        breachView(
          row,
          escalations.filter((e) => e.task_id === row.id),
        ),
      ),
      nextCursor: rows.length > limit && last ? breachCursor(last) : null,
    };
  }

  /**
   * 改派: who may take the open task over — its role, a place containing it, its department — among the
   * users of the supervisor's own subtree. A task outside the subtree is a 404, as if it did not exist.
   */
  async assigneeCandidates(taskId: string, user: AuthUser) {
    // Task ids are printable ASCII (case id, kind, counter); anything else names no task, and is not echoed.
    if (!/^[\x21-\x7e]{1,200}$/.test(taskId)) {
      throw new AppException('TASK_NOT_FOUND', 404, '任务不存在或不在您的管辖范围内');
    }
    const task = await this.tasks.findForAssignment(this.dataSource, taskId);
    if (!task || !inScope(user.jurisdictionPath, task.jurisdiction_path)) {
      throw new AppException('TASK_NOT_FOUND', 404, `任务 ${taskId} 不存在或不在您的管辖范围内`);
    }
    if (task.status !== 'open') {
      throw new AppException('TASK_CLOSED', 409, `任务 ${taskId} 已办结或已撤销，不能改派`);
    }
    const rows = await this.users.findAssigneeCandidates(this.dataSource, task, user.jurisdictionPath);
    return {
      taskId,
      candidateRole: task.candidate_role,
      candidateRoleLabel: ROLE_LABELS[task.candidate_role] ?? task.candidate_role,
      items: rows.map((r) => ({
        id: r.id,
        displayName: r.display_name,
        jurisdictionId: r.jurisdiction_id,
        jurisdictionName: r.jurisdiction_name,
        openTasks: r.open_tasks,
        current: r.id === task.assignee_id,
      })),
    };
  }

  async trend(query: TrendQueryDto, user: AuthUser) {
    const scope = await this.resolveScope(user, query.jurisdictionId);
    const days = query.days ?? DEFAULT_TREND_DAYS;
    const rows = await this.tasks.countBreachesPerDay(this.dataSource, scope.path, days);
    return {
      jurisdiction: jurisdictionView(scope),
      days,
      timeZone: CHINA_TIME_ZONE,
      items: rows.map((r) => ({ date: r.day, becameOverdue: r.became_overdue, closedLate: r.closed_late })),
    };
  }
}

function breachView(row: BreachRow, escalations: EscalationRow[]) {
  return {
    taskId: row.id,
    caseId: row.case_id,
    kind: row.kind,
    kindLabel: taskKindLabel(row.kind),
    candidateRole: row.candidate_role,
    candidateRoleLabel: ROLE_LABELS[row.candidate_role] ?? row.candidate_role,
    jurisdictionId: row.jurisdiction_id,
    jurisdictionName: row.jurisdiction_name,
    villageId: row.village_id,
    villageName: row.village_name,
    dueAt: row.due_at.toISOString(),
    hoursOverdue: Math.round(row.seconds_overdue / 36) / 100,
    escalationLevel: row.escalation_level,
    urgent: row.urgent,
    priority: row.priority,
    assigneeId: row.assignee_id,
    assigneeName: row.assignee_name,
    version: row.version,
    escalations: escalations.map((e) => ({
      level: e.level,
      escalatedAt: e.escalated_at.toISOString(),
      jurisdictionName: e.jurisdiction_name,
      notified: e.notified_names,
    })),
  };
}

function breachCursor(row: BreachRow): string {
  return encodeCursor([row.due_at_key, row.id]);
}

function decodeBreachCursor(cursor: string): BreachCursor {
  const [dueAt, id] = decodeCursor(
    cursor,
    (keys): keys is [string, string] => isTimestamp(keys[0]) && typeof keys[1] === 'string',
  );
  return { dueAt, id };
}
