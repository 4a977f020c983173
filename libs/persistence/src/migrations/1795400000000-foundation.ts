import type { MigrationInterface, QueryRunner } from 'typeorm';

// Jurisdictions, users, households, cases, tasks and the hash-chained audit log.
export class Foundation1795400000000 implements MigrationInterface {
  name = 'Foundation1795400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE jurisdictions (
        id varchar(20) PRIMARY KEY,
        name text NOT NULL,
        level varchar(10) NOT NULL CHECK (level IN ('county', 'township', 'village')),
        parent_id varchar(20) REFERENCES jurisdictions(id),
        -- ancestors' ids and its own, dot-separated: a subtree is a prefix match
        path text NOT NULL UNIQUE
      )`);
    await q.query(`CREATE INDEX jurisdictions_path_idx ON jurisdictions (path text_pattern_ops)`);
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY,
        username varchar(64) NOT NULL UNIQUE,
        display_name text NOT NULL,
        password_hash text NOT NULL,
        role varchar(32) NOT NULL,
        jurisdiction_id varchar(20) NOT NULL REFERENCES jurisdictions(id),
        department varchar(32),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE households (
        id uuid PRIMARY KEY,
        village_id varchar(20) NOT NULL REFERENCES jurisdictions(id),
        address text NOT NULL,
        phone varchar(20),
        urban boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE household_members (
        id uuid PRIMARY KEY,
        household_id uuid NOT NULL REFERENCES households(id) ON DELETE CASCADE,
        name text NOT NULL,
        id_number char(18) NOT NULL,
        relation varchar(16) NOT NULL,
        annual_income numeric(12, 2) NOT NULL DEFAULT 0
      )`);
    await q.query(`CREATE INDEX household_members_household_idx ON household_members (household_id)`);
    await q.query(`CREATE INDEX household_members_id_number_idx ON household_members (id_number)`);
    await q.query(`
      CREATE TABLE cases (
        id uuid PRIMARY KEY,
        household_id uuid NOT NULL REFERENCES households(id),
        workflow_id text NOT NULL UNIQUE,
        channel varchar(20) NOT NULL,
        stage varchar(32) NOT NULL,
        status varchar(10) NOT NULL CHECK (status IN ('open', 'closed')),
        urgent boolean NOT NULL DEFAULT false,
        village_id varchar(20) NOT NULL REFERENCES jurisdictions(id),
        jurisdiction_path text NOT NULL,
        per_capita_income numeric(12, 2) NOT NULL,
        application jsonb NOT NULL,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz
      )`);
    await q.query(
      `CREATE INDEX cases_path_idx ON cases (jurisdiction_path text_pattern_ops, created_at DESC)`,
    );
    // One open case per person: the row exists while the case is open (refusal is atomic).
    await q.query(`
      CREATE TABLE open_case_members (
        id_number char(18) PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX open_case_members_case_idx ON open_case_members (case_id)`);
    await q.query(`
      CREATE TABLE tasks (
        id text PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id),
        kind varchar(32) NOT NULL,
        stage varchar(32) NOT NULL,
        status varchar(10) NOT NULL CHECK (status IN ('open', 'completed')),
        candidate_role varchar(32) NOT NULL,
        jurisdiction_id varchar(20) NOT NULL REFERENCES jurisdictions(id),
        jurisdiction_path text NOT NULL,
        assignee_id uuid REFERENCES users(id),
        urgent boolean NOT NULL DEFAULT false,
        due_at timestamptz NOT NULL,
        escalation_level smallint NOT NULL DEFAULT 0,
        opened_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz,
        decision varchar(16),
        reason text,
        form jsonb,
        decided_by uuid,
        completion_key text,
        version integer NOT NULL DEFAULT 1
      )`);
    // The inbox: open tasks of a role within a jurisdiction subtree, soonest due first.
    await q.query(`
      CREATE INDEX tasks_inbox_idx ON tasks (candidate_role, jurisdiction_path text_pattern_ops, due_at, id)
      WHERE status = 'open'`);
    await q.query(`CREATE INDEX tasks_case_idx ON tasks (case_id)`);
    await q.query(`
      CREATE TABLE audit_events (
        id bigserial PRIMARY KEY,
        -- chosen by the writer (e.g. task id + action): a retried write adds nothing
        event_key text NOT NULL UNIQUE,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        actor_id text NOT NULL,
        actor_username text NOT NULL,
        actor_role varchar(32) NOT NULL,
        actor_jurisdiction_id text NOT NULL,
        action varchar(48) NOT NULL,
        entity_type varchar(32) NOT NULL,
        entity_id text NOT NULL,
        case_id uuid,
        before jsonb,
        after jsonb,
        reason text,
        prev_hash char(64) NOT NULL,
        hash char(64) NOT NULL
      )`);
    await q.query(`CREATE INDEX audit_events_case_idx ON audit_events (case_id, id)`);
    // Append-only: the log refuses edits and deletions.
    await q.query(`
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_events`);
    await q.query(`DROP FUNCTION audit_events_append_only`);
    for (const table of [
      'tasks',
      'open_case_members',
      'cases',
      'household_members',
      'households',
      'users',
      'jurisdictions',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
