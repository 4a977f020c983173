// 故障事件 incidents: a workflow step that failed after its retries, until it succeeds. Every statement on
// the table lives here.

import type { Queryable } from '../sql';
import type { CaseRow } from './cases.repository';

export type IncidentStatus = 'open' | 'retrying' | 'resolved';

/** A row of `incidents`, as PostgreSQL returns it. */
export interface IncidentRow {
  /** Chosen by the workflow: a retried write changes the same row. */
  id: string;
  case_id: string;
  /** The workflow that waits on it (the case's own, a data check's or a measure's). */
  workflow_id: string;
  step: string;
  error_type: string | null;
  error_message: string;
  /** False: retrying cannot help until the cause is fixed (bad data, a constraint). */
  retryable: boolean;
  failures: number;
  status: IncidentStatus;
  jurisdiction_path: string;
  opened_at: Date;
  last_failed_at: Date;
  retry_requested_by: string | null;
  retry_requested_at: Date | null;
  resolved_at: Date | null;
}

export interface IncidentFailure {
  incidentId: string;
  caseId: string;
  workflowId: string;
  step: string;
  errorType: string | null;
  errorMessage: string;
  retryable: boolean;
  failures: number;
}

/** An incident with the case's village and stage, as supervisors and admins list them. */
export type IncidentWithCase = IncidentRow & Pick<CaseRow, 'stage'> & { village_name: string };

/** An incident a case waits on, as the case's readers are told of it. */
export type UnresolvedIncident = Pick<IncidentRow, 'id' | 'step' | 'opened_at'> & {
  status: 'open' | 'retrying';
};

// The case's incidents still waiting, as a FROM … WHERE over incidents i; the case id is an SQL expression.
const unresolvedOfCase = (caseId: string) =>
  `incidents i WHERE i.case_id = ${caseId} AND i.status <> 'resolved'`;

/**
 * The case's incidents still waiting, oldest first, as a JSON array column for a statement that reads them
 * with something else (TasksRepository.findWithUnresolvedIncidents): opened_at comes as text.
 */
export function unresolvedIncidentsOfCaseJson(caseId: string): string {
  return `(SELECT coalesce(json_agg(json_build_object('id', i.id, 'step', i.step, 'status', i.status,
      'opened_at', i.opened_at) ORDER BY i.opened_at), '[]') FROM ${unresolvedOfCase(caseId)})`;
}

const SELECT_INCIDENT = `
  SELECT i.*, v.name AS village_name, c.stage
  FROM incidents i JOIN cases c ON c.id = i.case_id JOIN jurisdictions v ON v.id = c.village_id`;

export class IncidentsRepository {
  /**
   * Opens the incident, or reopens it with the latest failure. Where the case is, and whether this was the
   * first write; undefined when the case has no row (its creation rolled back).
   */
  async raise(
    db: Queryable,
    failure: IncidentFailure,
  ): Promise<(Pick<IncidentRow, 'jurisdiction_path'> & { first: boolean }) | undefined> {
    const [row] = await db.query(
      `INSERT INTO incidents AS i (id, case_id, workflow_id, step, error_type, error_message, retryable, failures,
         jurisdiction_path)
       SELECT $1, c.id, $3, $4, $5, $6, $7, $8, c.jurisdiction_path FROM cases c WHERE c.id = $2
       ON CONFLICT (id) DO UPDATE SET status = 'open', error_type = EXCLUDED.error_type,
         error_message = EXCLUDED.error_message, retryable = EXCLUDED.retryable,
         failures = GREATEST(i.failures, EXCLUDED.failures), last_failed_at = now()
       RETURNING jurisdiction_path, (xmax = 0) AS first`,
      [
        failure.incidentId,
        failure.caseId,
        failure.workflowId,
        failure.step,
        failure.errorType,
        failure.errorMessage,
        failure.retryable,
        failure.failures,
      ],
    );
    return row;
  }

  async resolve(db: Queryable, incidentId: string): Promise<void> {
    await db.query(
      `UPDATE incidents SET status = 'resolved', resolved_at = now()
       WHERE id = $1 AND status <> 'resolved'`,
      [incidentId],
    );
  }

  /** Newest first within the subtree at `scopePath`, of these statuses, after the cursor's (opened_at, id). */
  async findInScope(
    db: Queryable,
    scopePath: string,
    filter: { statuses: IncidentStatus[]; caseId?: string },
    after: { openedAt: string; id: string } | undefined,
    limit: number,
  ): Promise<IncidentWithCase[]> {
    return db.query(
      `${SELECT_INCIDENT}
       WHERE (i.jurisdiction_path = $1 OR i.jurisdiction_path LIKE $1 || '.%') AND i.status = ANY($2)
         AND ($3::uuid IS NULL OR i.case_id = $3)
         AND ($4::timestamptz IS NULL OR (i.opened_at, i.id) < ($4, $5::uuid))
       ORDER BY i.opened_at DESC, i.id DESC LIMIT $6`,
      [scopePath, filter.statuses, filter.caseId ?? null, after?.openedAt ?? null, after?.id ?? null, limit],
    );
  }

  /** The incident, held against a concurrent retry until the caller's transaction ends. */
  async lock(db: Queryable, incidentId: string): Promise<IncidentWithCase | undefined> {
    const [row] = await db.query(`${SELECT_INCIDENT} WHERE i.id = $1 FOR UPDATE OF i`, [incidentId]);
    return row;
  }

  async markRetrying(db: Queryable, incidentId: string, userId: string): Promise<void> {
    await db.query(
      `UPDATE incidents SET status = 'retrying', retry_requested_by = $2, retry_requested_at = now() WHERE id = $1`,
      [incidentId, userId],
    );
  }

  /** The retry never reached the workflow: the incident waits again, unless the workflow settled it meanwhile. */
  async reopen(db: Queryable, incidentId: string): Promise<void> {
    await db.query(`UPDATE incidents SET status = 'open' WHERE id = $1 AND status = 'retrying'`, [
      incidentId,
    ]);
  }

  /** The case's incidents still waiting, oldest first. */
  async findUnresolvedOfCase(db: Queryable, caseId: string): Promise<UnresolvedIncident[]> {
    return db.query(
      `SELECT i.id, i.step, i.status, i.opened_at FROM ${unresolvedOfCase('$1')} ORDER BY i.opened_at`,
      [caseId],
    );
  }

  /** How many incidents wait for someone. */
  async countUnresolved(db: Queryable): Promise<number> {
    const [row]: { n: number }[] = await db.query(
      `SELECT count(*)::int AS n FROM incidents WHERE status <> 'resolved'`,
    );
    return row.n;
  }
}
