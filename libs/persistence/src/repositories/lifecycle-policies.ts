// What a county has configured for the lifecycle: its policy (durations, data-check departments), its
// 相对贫困线 povertyLine rules and its departments' endpoint secrets. Read by the workflow activities and by
// the admin API.

import {
  DEFAULT_LIFECYCLE_POLICY,
  type JurisdictionLevel,
  type LifecyclePolicy,
  type PovertyLineArea,
  type PovertyLineRule,
} from '@libs/domain';
import { type Queryable, returningRows, Where } from '../sql';

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

/** A row of `county_policies`, with the name of who last set it. */
export interface PolicyRow {
  policy: Partial<LifecyclePolicy>;
  updated_at: Date;
  updated_by: string | null;
  updated_by_name: string | null;
}

// Writers of one county's policy queue on this lock (with the county), so what they read is what they replace.
const POLICY_LOCK = 7_401_003;

/** Holds the county's policy (and its endpoint secrets) against other writers until the transaction ends. */
export async function lockCountyPolicy(db: Queryable, countyId: string): Promise<void> {
  await db.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [POLICY_LOCK, countyId]);
}

/** The policy the county stored, if it stored one (over the defaults: mergeLifecyclePolicy). */
export async function findStoredPolicy(db: Queryable, countyId: string): Promise<PolicyRow | undefined> {
  const [row]: PolicyRow[] = await db.query(
    `SELECT p.policy, p.updated_at, p.updated_by, u.display_name AS updated_by_name
     FROM county_policies p LEFT JOIN users u ON u.id = p.updated_by WHERE p.county_id = $1`,
    [countyId],
  );
  return row;
}

export async function saveCountyPolicy(
  db: Queryable,
  countyId: string,
  policy: LifecyclePolicy,
  userId: string,
): Promise<void> {
  await db.query(
    `INSERT INTO county_policies (county_id, policy, updated_at, updated_by) VALUES ($1, $2, now(), $3)
     ON CONFLICT (county_id) DO UPDATE SET policy = EXCLUDED.policy, updated_at = now(),
       updated_by = EXCLUDED.updated_by`,
    [countyId, JSON.stringify(policy), userId],
  );
}

/** Which departments of the county have an endpoint secret, and since when: never the secret. */
export interface SecretRow {
  department: string;
  updated_at: Date;
}

export function findEndpointSecrets(db: Queryable, countyId: string): Promise<SecretRow[]> {
  return db.query(
    'SELECT department, updated_at FROM department_endpoint_secrets WHERE county_id = $1 ORDER BY department',
    [countyId],
  );
}

/** Sets the department's secret; false when it was that already. */
export async function setEndpointSecret(
  db: Queryable,
  countyId: string,
  department: string,
  secret: string,
  userId: string,
): Promise<boolean> {
  const changed = await returningRows(
    db,
    `INSERT INTO department_endpoint_secrets (county_id, department, secret, updated_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (county_id, department) DO UPDATE SET secret = EXCLUDED.secret, updated_at = now(),
       updated_by = EXCLUDED.updated_by
     WHERE department_endpoint_secrets.secret IS DISTINCT FROM EXCLUDED.secret
     RETURNING department`,
    [countyId, department, secret, userId],
  );
  return changed.length > 0;
}

/** Drops the secrets of the county's departments but those kept; the departments dropped. */
export async function dropEndpointSecretsExcept(
  db: Queryable,
  countyId: string,
  kept: string[],
): Promise<string[]> {
  const removed = await returningRows<Pick<SecretRow, 'department'>>(
    db,
    `DELETE FROM department_endpoint_secrets WHERE county_id = $1 AND NOT (department = ANY($2::text[]))
     RETURNING department`,
    [countyId, kept],
  );
  return removed.map((r) => r.department);
}

/** A row of `poverty_lines`, with its jurisdiction and the name of who last set it. */
export interface PovertyLineRow {
  jurisdiction_id: string;
  jurisdiction_name: string;
  jurisdiction_level: JurisdictionLevel;
  jurisdiction_path: string;
  year: number;
  area: PovertyLineArea;
  basis: PovertyLineRule['basis'];
  /** numeric: PostgreSQL returns it as a string. */
  base_income: string;
  /** numeric: PostgreSQL returns it as a string. */
  ratio: string;
  line: number;
  updated_at: Date;
  updated_by: string | null;
  updated_by_name: string | null;
}

const LINE_SELECT = `
  SELECT p.jurisdiction_id, j.name AS jurisdiction_name, j.level AS jurisdiction_level,
    j.path AS jurisdiction_path, p.year, p.area, p.basis, p.base_income, p.ratio, p.line, p.updated_at,
    p.updated_by, u.display_name AS updated_by_name
  FROM poverty_lines p JOIN jurisdictions j ON j.id = p.jurisdiction_id LEFT JOIN users u ON u.id = p.updated_by`;

/** Which rules a list asks for, and the (year, jurisdiction path, area) of the last one it has shown. */
export interface PovertyLineFilter {
  /** The user's jurisdiction: the rules of its subtree and of the levels above it. */
  scopePath: string;
  jurisdictionId?: string;
  year?: number;
  after?: [year: number, path: string, area: string];
}

/** A page of rules, newest year first, then by place and area. */
export function findPovertyLinePage(
  db: Queryable,
  filter: PovertyLineFilter,
  limit: number,
): Promise<PovertyLineRow[]> {
  const where = new Where();
  const scope = where.p(filter.scopePath);
  where.add(`(j.path = ${scope} OR j.path LIKE ${scope} || '.%' OR ${scope} LIKE j.path || '.%')`);
  if (filter.jurisdictionId) where.add(`p.jurisdiction_id = ${where.p(filter.jurisdictionId)}`);
  if (filter.year !== undefined) where.add(`p.year = ${where.p(filter.year)}`);
  if (filter.after) {
    const [year, path, area] = filter.after;
    where.add(
      `(p.year < ${where.p(year)} OR (p.year = ${where.p(year)} AND (j.path, p.area) > (${where.p(path)}, ${where.p(area)})))`,
    );
  }
  return db.query(
    `${LINE_SELECT} WHERE ${where.toSql()}
     ORDER BY p.year DESC, j.path, p.area LIMIT ${where.p(limit)}`,
    where.params,
  );
}

export async function findPovertyLine(
  db: Queryable,
  jurisdictionId: string,
  year: number,
  area: PovertyLineArea,
): Promise<PovertyLineRow | undefined> {
  const [row]: PovertyLineRow[] = await db.query(
    `${LINE_SELECT} WHERE p.jurisdiction_id = $1 AND p.year = $2 AND p.area = $3`,
    [jurisdictionId, year, area],
  );
  return row;
}

// Writers of one rule queue on this lock (with its key), so what they read is what they replace.
const POVERTY_LINE_LOCK = 7_401_004;

/** Holds the rule (jurisdiction, year, area) against other writers until the caller's transaction ends. */
export async function lockPovertyLine(
  db: Queryable,
  rule: Pick<PovertyLineRule, 'jurisdictionId' | 'year' | 'area'>,
): Promise<void> {
  await db.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
    POVERTY_LINE_LOCK,
    `${rule.jurisdictionId}:${rule.year}:${rule.area}`,
  ]);
}

/** Sets the rule with the line it gives. */
export async function savePovertyLine(
  db: Queryable,
  rule: PovertyLineRule,
  line: number,
  userId: string,
): Promise<void> {
  await db.query(
    `INSERT INTO poverty_lines (jurisdiction_id, year, area, basis, base_income, ratio, line, updated_at, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, now(), $8)
     ON CONFLICT (jurisdiction_id, year, area) DO UPDATE SET basis = EXCLUDED.basis,
       base_income = EXCLUDED.base_income, ratio = EXCLUDED.ratio, line = EXCLUDED.line,
       updated_at = now(), updated_by = EXCLUDED.updated_by`,
    [rule.jurisdictionId, rule.year, rule.area, rule.basis, rule.baseIncome, rule.ratio, line, userId],
  );
}
