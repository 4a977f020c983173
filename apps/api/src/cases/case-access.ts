// Who may see a case, read by its id: the one access rule for the case, its history, attachments and the
// requests sent to it. Scope, not only role: a place's people see the cases of their jurisdiction subtree;
// a department officer sees, within it, only the cases where their department has business.

import type { CaseViewRow, CasesRepository, Queryable } from '@libs/persistence';
import type { AuthUser } from '../auth/auth-user';
import { inScope } from '../auth/auth-user';
import { AppException } from '../common/app.exception';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function caseNotFound(caseId: string): AppException {
  return new AppException('CASE_NOT_FOUND', 404, `案件 ${caseId} 不存在或不在您的管辖范围内`);
}

/**
 * The case, if the user may see it: in their jurisdiction subtree and, for a department officer, a case of
 * their department's business. Otherwise 404, as if it did not exist.
 */
export async function findCaseInScope(
  db: Queryable,
  cases: CasesRepository,
  caseId: string,
  user: AuthUser,
): Promise<CaseViewRow> {
  const row = await findVisibleCase(db, cases, caseId, user);
  if (!row) throw caseNotFound(caseId);
  return row;
}

/** Whether the user may see the case (findCaseInScope without the 404). */
export async function caseVisibleTo(
  db: Queryable,
  cases: CasesRepository,
  caseId: string,
  user: AuthUser,
): Promise<boolean> {
  return (await findVisibleCase(db, cases, caseId, user)) !== undefined;
}

async function findVisibleCase(
  db: Queryable,
  cases: CasesRepository,
  caseId: string,
  user: AuthUser,
): Promise<CaseViewRow | undefined> {
  if (!UUID.test(caseId)) return undefined;
  const department = user.role === 'departmentOfficer' ? user.department : null;
  const row = await cases.findForView(db, caseId, department);
  if (!row || !inScope(user.jurisdictionPath, row.jurisdiction_path)) return undefined;
  // An officer whose department is not recorded has business with no case.
  if (user.role === 'departmentOfficer' && row.department_business !== true) return undefined;
  return row;
}
