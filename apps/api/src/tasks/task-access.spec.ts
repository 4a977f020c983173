import type { AuthUser } from '../auth/auth-user';
import { AppException } from '../common/app.exception';
import { requireCandidate, taskClosed } from './task-access';
import type { TaskViewRow } from '@libs/persistence';

const officer = (department: string | null): AuthUser => ({
  userId: 'u1',
  username: 'civil_officer',
  displayName: '民政经办人',
  role: 'departmentOfficer',
  jurisdictionId: '370323',
  jurisdictionPath: '370323',
  department,
});

const task = (department: string | null) =>
  ({ id: 't1', candidate_role: 'departmentOfficer', department }) as TaskViewRow;

function refusal(act: () => void): AppException {
  try {
    act();
  } catch (error) {
    if (error instanceof AppException) return error;
    throw error;
  }
  throw new Error('not refused');
}

describe('requireCandidate', () => {
  it("lets a department's officer work on its task", () => {
    expect(() => requireCandidate(task('civilAffairs'), officer('civilAffairs'))).not.toThrow();
  });

  it("refuses a department's task to an officer of another department, naming both", () => {
    expect(refusal(() => requireCandidate(task('civilAffairs'), officer('housing')))).toMatchObject({
      code: 'TASK_DEPARTMENT_MISMATCH',
      status: 403,
      message: '此任务须由「民政局」办理，您属于「住建局」',
    });
    expect(refusal(() => requireCandidate(task('civilAffairs'), officer(null))).message).toBe(
      '此任务须由「民政局」的经办人办理，您的账号未登记所属部门',
    );
  });

  it('still refuses another role first', () => {
    const caseworker = { ...officer(null), role: 'caseworker' } as AuthUser;
    expect(refusal(() => requireCandidate(task('civilAffairs'), caseworker)).code).toBe('TASK_ROLE_MISMATCH');
  });
});

describe('taskClosed', () => {
  it('says whether the task was done or withdrawn', () => {
    expect(taskClosed('t1').message).toBe('任务 t1 已办结，不能再次办理');
    expect(taskClosed('t1', 'cancelled')).toMatchObject({
      code: 'TASK_CLOSED',
      status: 409,
      message: '任务 t1 已撤销，不能再办理',
    });
  });
});
