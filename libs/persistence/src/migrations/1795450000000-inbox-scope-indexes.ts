import type { MigrationInterface, QueryRunner } from 'typeorm';

// The inbox at province scale: each open task carries its case's township and county beside its village,
// so a user's inbox is an equality on the column of their level (village, township or county) and one
// ordered index range gives the first page (urgent first, then soonest due) without sorting.
export class InboxScopeIndexes1795450000000 implements MigrationInterface {
  name = 'InboxScopeIndexes1795450000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tasks ADD COLUMN township_id varchar(20), ADD COLUMN county_id varchar(20)`);
    await q.query(`
      UPDATE tasks t SET township_id = split_part(v.path, '.', 2), county_id = split_part(v.path, '.', 1)
      FROM jurisdictions v WHERE v.id = t.village_id`);
    await q.query(
      `ALTER TABLE tasks ALTER COLUMN township_id SET NOT NULL, ALTER COLUMN county_id SET NOT NULL`,
    );
    await q.query(`DROP INDEX tasks_inbox_idx`);
    for (const level of ['village', 'township', 'county']) {
      await q.query(
        `CREATE INDEX tasks_inbox_${level}_idx ON tasks (candidate_role, ${level}_id, urgent DESC, due_at, id)
         WHERE status = 'open'`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const level of ['village', 'township', 'county'])
      await q.query(`DROP INDEX tasks_inbox_${level}_idx`);
    await q.query(`
      CREATE INDEX tasks_inbox_idx ON tasks (candidate_role, jurisdiction_path text_pattern_ops, due_at, id)
      WHERE status = 'open'`);
    await q.query(`ALTER TABLE tasks DROP COLUMN county_id, DROP COLUMN township_id`);
  }
}
