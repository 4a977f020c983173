import type { MigrationInterface, QueryRunner } from 'typeorm';

// Inbox lines show whose household a task is for. Kept on the task (written when it opens) so the
// inbox page reads one table: joining cases and members per page cost more to plan than to run.
export class TaskHouseholdHead1795460000000 implements MigrationInterface {
  name = 'TaskHouseholdHead1795460000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE tasks ADD COLUMN household_head text, ADD COLUMN household_head_id_number char(18)`,
    );
    await q.query(`
      UPDATE tasks t SET household_head = m.name, household_head_id_number = m.id_number
      FROM cases c JOIN household_members m ON m.household_id = c.household_id AND m.relation = 'head'
      WHERE c.id = t.case_id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tasks DROP COLUMN household_head, DROP COLUMN household_head_id_number`);
  }
}
