// 故障事件 incidents: a workflow step that failed after its retries, until it succeeds. Every statement on
// the table lives here.

import type { Queryable } from '../sql';

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
}
