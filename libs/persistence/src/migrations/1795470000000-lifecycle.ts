import type { MigrationInterface, QueryRunner } from 'typeorm';

// The whole lifecycle: tasks of child workflows and departments, the county's policy and poverty lines,
// the evaluation, plan and outcome on the case, support measures, the three ledgers, flags for inspectors
// (overridden data-check hits) and attachments (survey photos, evidence).
export class Lifecycle1795470000000 implements MigrationInterface {
  name = 'Lifecycle1795470000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE tasks
        ADD COLUMN workflow_id text,
        ADD COLUMN department varchar(32),
        ADD COLUMN payload jsonb,
        DROP CONSTRAINT tasks_status_check,
        ADD CONSTRAINT tasks_status_check CHECK (status IN ('open', 'completed', 'cancelled'))`);
    await q.query(`
      CREATE INDEX tasks_department_inbox_idx ON tasks (department, county_id, due_at, id)
      WHERE status = 'open' AND department IS NOT NULL`);
    await q.query(`
      ALTER TABLE cases
        ADD COLUMN previous_case_id uuid REFERENCES cases(id),
        ADD COLUMN evaluation jsonb,
        ADD COLUMN data_check jsonb,
        ADD COLUMN plan jsonb,
        ADD COLUMN outcome_reason text,
        ADD COLUMN recognised_at timestamptz`);
    await q.query(
      `CREATE INDEX cases_previous_idx ON cases (previous_case_id) WHERE previous_case_id IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE county_policies (
        county_id varchar(20) PRIMARY KEY REFERENCES jurisdictions(id),
        policy jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES users(id)
      )`);
    await q.query(`
      CREATE TABLE poverty_lines (
        jurisdiction_id varchar(20) NOT NULL REFERENCES jurisdictions(id),
        year smallint NOT NULL,
        area varchar(5) NOT NULL CHECK (area IN ('urban', 'rural')),
        basis varchar(24) NOT NULL CHECK (basis IN ('median', 'perCapitaDisposable')),
        base_income numeric(12, 2) NOT NULL CHECK (base_income >= 0),
        ratio numeric(7, 6) NOT NULL CHECK (ratio > 0 AND ratio <= 1),
        line integer NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES users(id),
        PRIMARY KEY (jurisdiction_id, year, area)
      )`);
    await q.query(`
      CREATE TABLE support_measures (
        id text PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id),
        label text NOT NULL,
        department varchar(32) NOT NULL,
        item jsonb NOT NULL,
        status varchar(12) NOT NULL,
        detail jsonb,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX support_measures_case_idx ON support_measures (case_id)`);
    await q.query(`
      CREATE TABLE ledger_entries (
        id text PRIMARY KEY,
        ledger varchar(16) NOT NULL CHECK (ledger IN ('identification', 'support', 'exit')),
        case_id uuid NOT NULL REFERENCES cases(id),
        jurisdiction_path text NOT NULL,
        event varchar(32) NOT NULL,
        entry jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX ledger_entries_scope_idx ON ledger_entries (ledger, jurisdiction_path text_pattern_ops, recorded_at)`,
    );
    await q.query(`
      CREATE TABLE inspection_flags (
        id text PRIMARY KEY,
        kind varchar(24) NOT NULL,
        case_id uuid NOT NULL REFERENCES cases(id),
        jurisdiction_path text NOT NULL,
        actor_id text NOT NULL,
        actor_username text NOT NULL,
        actor_role varchar(32) NOT NULL,
        reason text NOT NULL,
        detail jsonb NOT NULL,
        flagged_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX inspection_flags_scope_idx ON inspection_flags (kind, jurisdiction_path text_pattern_ops, flagged_at)`,
    );
    await q.query(`
      CREATE TABLE attachments (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id),
        file_name text NOT NULL,
        content_type varchar(100) NOT NULL,
        size integer NOT NULL,
        sha256 char(64) NOT NULL,
        content bytea NOT NULL,
        uploaded_by uuid NOT NULL REFERENCES users(id),
        uploaded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX attachments_case_idx ON attachments (case_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'attachments',
      'inspection_flags',
      'ledger_entries',
      'support_measures',
      'poverty_lines',
      'county_policies',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`DROP INDEX cases_previous_idx`);
    await q.query(`
      ALTER TABLE cases DROP COLUMN previous_case_id, DROP COLUMN evaluation, DROP COLUMN data_check,
        DROP COLUMN plan, DROP COLUMN outcome_reason, DROP COLUMN recognised_at`);
    await q.query(`DROP INDEX tasks_department_inbox_idx`);
    await q.query(`UPDATE tasks SET status = 'completed' WHERE status = 'cancelled'`);
    await q.query(`
      ALTER TABLE tasks DROP COLUMN workflow_id, DROP COLUMN department, DROP COLUMN payload,
        DROP CONSTRAINT tasks_status_check,
        ADD CONSTRAINT tasks_status_check CHECK (status IN ('open', 'completed'))`);
  }
}
