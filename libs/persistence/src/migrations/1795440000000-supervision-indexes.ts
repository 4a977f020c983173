import type { MigrationInterface, QueryRunner } from 'typeorm';

// Supervision reads across roles: open tasks of a subtree by due time (summary, breach pages) and all
// tasks by due time (the daily breach trend). The inbox index leads with the role, so it cannot serve them.
export class SupervisionIndexes1795440000000 implements MigrationInterface {
  name = 'SupervisionIndexes1795440000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX tasks_open_scope_due_idx ON tasks (jurisdiction_path text_pattern_ops, due_at) WHERE status = 'open'`,
    );
    await q.query(`CREATE INDEX tasks_open_due_idx ON tasks (due_at, id) WHERE status = 'open'`);
    await q.query(`CREATE INDEX tasks_due_idx ON tasks (due_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX tasks_due_idx');
    await q.query('DROP INDEX tasks_open_due_idx');
    await q.query('DROP INDEX tasks_open_scope_due_idx');
  }
}
