// 回避 the relatives rule: nobody claims, is assigned, is handed or decides a task of a case whose household
// includes someone they declared as a relative (优亲厚友). A refusal is a 403 that names no full ID number,
// and the attempt is audited in a transaction of its own (the request itself fails).

import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { maskIdNumber } from '@libs/domain';
import { appendAuditEvent, UsersRepository } from '@libs/persistence';
import { actorOf, type AuthUser } from '../auth/auth-user';
import { AppException } from '../common/app.exception';

/** What was attempted on the task: by the user for themself, or for the colleague they named. */
export type RelativeRuleAttempt = 'claim' | 'assign' | 'delegate' | 'decide';

const ATTEMPT_LABELS: Record<RelativeRuleAttempt, string> = {
  claim: '认领',
  assign: '指派',
  delegate: '转交',
  decide: '办理',
};

// A rule the tasks' services apply as a function: the repository it reads through needs nothing injected.
const users = new UsersRepository();

/**
 * Refuses the attempt when the person who would work on the task (the user, or `assignee` they named) has
 * declared a member of the case's household as a relative; audits the refused attempt first. A task read with
 * the user's answer (findTaskToWorkOn's `declared_relative`) spares reading the relatives when none binds.
 */
export async function refuseDeclaredRelative(
  dataSource: DataSource,
  task: { id: string; case_id: string; status: string; declared_relative?: boolean },
  user: AuthUser,
  attempt: RelativeRuleAttempt,
  assignee?: { id: string; displayName: string },
): Promise<void> {
  if (!assignee && task.declared_relative === false) return;
  const worker = assignee?.id ?? user.userId;
  const relatives = await users.findBindingRelatives(dataSource, worker, task.case_id);
  if (relatives.length === 0) return;
  const names = relatives.map((r) => r.name).join('、');
  await dataSource.transaction((manager) =>
    appendAuditEvent(manager, {
      eventKey: `${task.id}:relative-refused:${randomUUID()}`,
      actor: actorOf(user),
      action: 'task.relativeRefused',
      entityType: 'task',
      entityId: task.id,
      caseId: task.case_id,
      before: { status: task.status },
      after: {
        attempt,
        worker,
        relatives: relatives.map((r) => ({
          name: r.name,
          relation: r.relation,
          idNumber: maskIdNumber(r.idNumber),
        })),
      },
      reason: `申报的亲属（${names}）是该户成员`,
    }),
  );
  const label = ATTEMPT_LABELS[attempt];
  throw new AppException(
    'FAVOURITISM',
    403,
    assignee
      ? `该户有「${assignee.displayName}」申报的亲属，依规须回避，不能将此任务${label}给其本人；本次尝试已记录`
      : `该户成员 ${names} 是您申报的亲属，依规须回避，不能${label}此任务；本次尝试已记录`,
  );
}
