import type { MigrationInterface, QueryRunner } from 'typeorm';

// 故障事件 incidents: a step of a case whose activity failed after its retries (as Camunda Operate has
// them). The workflow writes the row and waits; supervisors and admins see it, an admin retries it.
export class Incidents1795480000000 implements MigrationInterface {
  name = 'Incidents1795480000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE incidents (
        -- chosen by the workflow: a retried write changes the same row
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id),
        -- the workflow that waits on it (the case's own, a data check's or a measure's) and its step
        workflow_id text NOT NULL,
        step varchar(64) NOT NULL,
        error_type varchar(64),
        error_message text NOT NULL,
        -- false: retrying cannot help until the cause is fixed (bad data, a constraint)
        retryable boolean NOT NULL,
        failures integer NOT NULL DEFAULT 1,
        status varchar(10) NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'retrying', 'resolved')),
        jurisdiction_path text NOT NULL,
        opened_at timestamptz NOT NULL DEFAULT now(),
        last_failed_at timestamptz NOT NULL DEFAULT now(),
        retry_requested_by uuid REFERENCES users(id),
        retry_requested_at timestamptz,
        resolved_at timestamptz
      )`);
    await q.query(
      `CREATE INDEX incidents_unresolved_idx ON incidents (jurisdiction_path text_pattern_ops, opened_at)
       WHERE status <> 'resolved'`,
    );
    await q.query(`CREATE INDEX incidents_case_idx ON incidents (case_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE incidents');
  }
}
