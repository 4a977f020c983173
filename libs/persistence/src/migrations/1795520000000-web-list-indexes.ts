import type { MigrationInterface, QueryRunner } from 'typeorm';

// The web UI's lists beside the inbox: 我发起的 the cases a user entered, 已办 the tasks a user decided (both
// newest first, and counted on the inbox's tabs), and the case search's newest-first walk when the scope is
// wide (a county or more) and the filters narrow.
export class WebListIndexes1795520000000 implements MigrationInterface {
  name = 'WebListIndexes1795520000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX cases_created_by_idx ON cases (created_by, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX cases_created_idx ON cases (created_at DESC, id DESC)`);
    await q.query(
      `CREATE INDEX tasks_decided_idx ON tasks (decided_by, closed_at DESC, id DESC) WHERE status = 'completed'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX tasks_decided_idx');
    await q.query('DROP INDEX cases_created_idx');
    await q.query('DROP INDEX cases_created_by_idx');
  }
}
