// What a county has configured for the lifecycle: its policy (durations, data-check departments), its
// 相对贫困线 povertyLine rules and its departments' endpoint secrets. Read by the workflow activities and by
// the admin API.

import { DEFAULT_LIFECYCLE_POLICY, type LifecyclePolicy, type PovertyLineRule } from '@libs/domain';
import type { Queryable } from '../sql';

/** A stored policy over the defaults: a field the county has not set (or a newer one) keeps its default. */
export function mergeLifecyclePolicy(stored: Partial<LifecyclePolicy> | null | undefined): LifecyclePolicy {
  const policy: LifecyclePolicy = {
    ...DEFAULT_LIFECYCLE_POLICY,
    dataCheckDepartments: [...DEFAULT_LIFECYCLE_POLICY.dataCheckDepartments],
  };
  for (const [field, value] of Object.entries(stored ?? {})) {
    if (value !== undefined && value !== null) (policy as unknown as Record<string, unknown>)[field] = value;
  }
  // A county may set some kinds' deadlines only: the others keep theirs.
  policy.taskSlaWorkingDays = {
    ...DEFAULT_LIFECYCLE_POLICY.taskSlaWorkingDays,
    ...stored?.taskSlaWorkingDays,
  };
  policy.urgentTaskSlaHours = {
    ...DEFAULT_LIFECYCLE_POLICY.urgentTaskSlaHours,
    ...stored?.urgentTaskSlaHours,
  };
  return policy;
}

/** The county's lifecycle policy in force: what it stored merged over DEFAULT_LIFECYCLE_POLICY. */
export async function loadLifecyclePolicy(db: Queryable, countyId: string): Promise<LifecyclePolicy> {
  const [row]: { policy: Partial<LifecyclePolicy> }[] = await db.query(
    'SELECT policy FROM county_policies WHERE county_id = $1',
    [countyId],
  );
  return mergeLifecyclePolicy(row?.policy);
}

/**
 * Every poverty-line rule set on these jurisdictions (pass a case's path ids, county → village, and pick
 * one with findPovertyLineRule). Amounts come back as numbers, not PostgreSQL's numeric strings.
 */
export async function loadPovertyLineRules(
  db: Queryable,
  jurisdictionIds: string[],
): Promise<PovertyLineRule[]> {
  if (jurisdictionIds.length === 0) return [];
  const rows: {
    jurisdiction_id: string;
    year: number;
    area: PovertyLineRule['area'];
    basis: PovertyLineRule['basis'];
    base_income: string;
    ratio: string;
  }[] = await db.query(
    `SELECT jurisdiction_id, year, area, basis, base_income, ratio FROM poverty_lines
     WHERE jurisdiction_id = ANY($1::varchar[]) ORDER BY jurisdiction_id, year, area`,
    [jurisdictionIds],
  );
  return rows.map((row) => ({
    jurisdictionId: row.jurisdiction_id,
    year: row.year,
    area: row.area,
    basis: row.basis,
    baseIncome: Number(row.base_income),
    ratio: Number(row.ratio),
  }));
}

/** The secret the county set for the department's endpoint (policy admin), for the case's county. */
export async function loadDepartmentSecret(
  db: Queryable,
  caseId: string,
  department: string,
): Promise<string | undefined> {
  const [row]: { secret: string }[] = await db.query(
    `SELECT s.secret FROM department_endpoint_secrets s JOIN cases c
       ON s.county_id = split_part(c.jurisdiction_path, '.', 1)
     WHERE c.id = $1 AND s.department = $2`,
    [caseId, department],
  );
  return row?.secret;
}
