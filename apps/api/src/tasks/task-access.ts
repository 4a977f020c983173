import { ROLE_LABELS } from '@libs/domain';
import type { Queryable, TaskViewRow, TasksRepository } from '@libs/persistence';
import type { AuthUser } from '../auth/auth-user';
import { inScope } from '../auth/auth-user';
import { departmentLabel } from '../cases/case-view';
import { AppException } from '../common/app.exception';

/** The task, if it lies in the user's jurisdiction subtree (and department); otherwise 404, as if it did not exist. */
export async function findTaskInScope(
  db: Queryable,
  tasks: TasksRepository,
  taskId: string,
  user: AuthUser,
): Promise<TaskViewRow> {
  return inScopeOrNotFound(await tasks.findById(db, taskId), taskId, user);
}

/** The task as findTaskInScope finds it, with whether the user declared a relative among its household (回避). */
export async function findTaskToWorkOn(
  db: Queryable,
  tasks: TasksRepository,
  taskId: string,
  user: AuthUser,
): Promise<TaskViewRow & { declared_relative: boolean }> {
  return inScopeOrNotFound(await tasks.findWithDeclaredRelative(db, taskId, user.userId), taskId, user);
}

function inScopeOrNotFound<T extends TaskViewRow>(task: T | undefined, taskId: string, user: AuthUser): T {
  // A department's task (its payload names the members in full) is for that department's officers only, and
  // a department officer sees no other task: only their department's business (as for cases, case-access.ts).
  const otherDepartment =
    user.role === 'departmentOfficer' && (task?.department == null || task.department !== user.department);
  if (!task || !inScope(user.jurisdictionPath, task.jurisdiction_path) || otherDepartment) {
    throw new AppException('TASK_NOT_FOUND', 404, `任务 ${taskId} 不存在或不在您的管辖范围内`);
  }
  return task;
}

/** A task no longer open: done, or withdrawn by its workflow (已撤销). */
export function taskClosed(taskId: string, status?: string): AppException {
  return new AppException(
    'TASK_CLOSED',
    409,
    status === 'cancelled' ? `任务 ${taskId} 已撤销，不能再办理` : `任务 ${taskId} 已办结，不能再次办理`,
  );
}

/** Only the task's candidate role may work on it, and a department's task only that department's officers. */
export function requireCandidate(task: TaskViewRow, user: AuthUser): void {
  if (task.candidate_role !== user.role) {
    throw new AppException(
      'TASK_ROLE_MISMATCH',
      403,
      `此任务须由「${ROLE_LABELS[task.candidate_role]}」办理，您的角色是「${ROLE_LABELS[user.role]}」`,
    );
  }
  if (task.department !== null && task.department !== user.department) {
    throw new AppException(
      'TASK_DEPARTMENT_MISMATCH',
      403,
      user.department === null
        ? `此任务须由「${departmentLabel(task.department)}」的经办人办理，您的账号未登记所属部门`
        : `此任务须由「${departmentLabel(task.department)}」办理，您属于「${departmentLabel(user.department)}」`,
    );
  }
}
