// Who may see a case, read by its id: the one access rule for the case, its history, attachments and the
// requests sent to it. Scope, not only role: a place's people see the cases of their jurisdiction subtree;
// a department officer sees, within it, only the cases where their department has business.

import type { DataSource, EntityManager } from 'typeorm';
import type { CaseStage } from '@libs/domain';
import type { AuthUser } from '../auth/auth-user';
import { inScope } from '../auth/auth-user';
import { AppException } from '../common/app.exception';

export interface CaseRow {
  id: string;
  evaluation: Record<string, unknown> | null;
  data_check: Record<string, unknown> | null;
  plan: Record<string, unknown> | null;
  outcome_reason: string | null;
  recognised_at: Date | null;
  previous_case_id: string | null;
  re_enrolled_as: string | null;
  household_id: string;
  channel: string;
  stage: CaseStage;
  status: string;
  urgent: boolean;
  village_id: string;
  village_name: string;
  jurisdiction_path: string;
  per_capita_income: string;
  application: Record<string, unknown>;
  address: string;
  created_at: Date;
  closed_at: Date | null;
  /** Only for a department officer: their department has business with the case. */
  department_business: boolean | null;
}

type Queryable = Pick<DataSource | EntityManager, 'query'>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A department's business with a case: a task of the department on it in any status (a data-check request,
 * a measure's steps), a support measure transferred to it, or the referral (部门预警) it made.
 */
const DEPARTMENT_BUSINESS = `
  EXISTS (SELECT 1 FROM tasks t WHERE t.case_id = c.id AND t.department = $2)
  OR EXISTS (SELECT 1 FROM support_measures m WHERE m.case_id = c.id AND m.department = $2)
  OR c.application -> 'referral' ->> 'department' = $2`;

export function caseNotFound(caseId: string): AppException {
  return new AppException('CASE_NOT_FOUND', 404, `案件 ${caseId} 不存在或不在您的管辖范围内`);
}

/**
 * The case, if the user may see it: in their jurisdiction subtree and, for a department officer, a case of
 * their department's business. Otherwise 404, as if it did not exist.
 */
export async function findCaseInScope(db: Queryable, caseId: string, user: AuthUser): Promise<CaseRow> {
  const row = await findVisibleCase(db, caseId, user);
  if (!row) throw caseNotFound(caseId);
  return row;
}

/** Whether the user may see the case (findCaseInScope without the 404). */
export async function caseVisibleTo(db: Queryable, caseId: string, user: AuthUser): Promise<boolean> {
  return (await findVisibleCase(db, caseId, user)) !== undefined;
}

async function findVisibleCase(db: Queryable, caseId: string, user: AuthUser): Promise<CaseRow | undefined> {
  if (!UUID.test(caseId)) return undefined;
  const department = user.role === 'departmentOfficer' ? user.department : null;
  const [row]: CaseRow[] = await db.query(
    `SELECT c.*, v.name AS village_name, h.address,
       (SELECT n.id FROM cases n WHERE n.previous_case_id = c.id) AS re_enrolled_as,
       CASE WHEN $2::text IS NULL THEN NULL ELSE (${DEPARTMENT_BUSINESS}) END AS department_business
     FROM cases c
     JOIN jurisdictions v ON v.id = c.village_id JOIN households h ON h.id = c.household_id WHERE c.id = $1`,
    [caseId, department],
  );
  if (!row || !inScope(user.jurisdictionPath, row.jurisdiction_path)) return undefined;
  // An officer whose department is not recorded has business with no case.
  if (user.role === 'departmentOfficer' && row.department_business !== true) return undefined;
  return row;
}
