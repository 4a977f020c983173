import type { MigrationInterface, QueryRunner } from 'typeorm';

// Inbox work: who holds a task, its priority and village (for filters), and users' declared relatives
// (优亲厚友: a user may not decide a relative's case).
export class TaskClaims1795410000000 implements MigrationInterface {
  name = 'TaskClaims1795410000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE tasks
        ADD COLUMN priority smallint NOT NULL DEFAULT 0,
        ADD COLUMN claimed_at timestamptz,
        ADD COLUMN village_id varchar(20) REFERENCES jurisdictions(id)`);
    await q.query(`UPDATE tasks t SET village_id = c.village_id FROM cases c WHERE c.id = t.case_id`);
    await q.query(`ALTER TABLE tasks ALTER COLUMN village_id SET NOT NULL`);
    await q.query(`CREATE INDEX tasks_assignee_idx ON tasks (assignee_id, due_at) WHERE status = 'open'`);
    await q.query(`
      CREATE TABLE user_relatives (
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        id_number char(18) NOT NULL,
        name text NOT NULL,
        relation varchar(16) NOT NULL,
        declared_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, id_number)
      )`);
    await q.query(`CREATE INDEX user_relatives_id_number_idx ON user_relatives (id_number)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE user_relatives`);
    await q.query(`DROP INDEX tasks_assignee_idx`);
    await q.query(`ALTER TABLE tasks DROP COLUMN village_id, DROP COLUMN claimed_at, DROP COLUMN priority`);
  }
}
