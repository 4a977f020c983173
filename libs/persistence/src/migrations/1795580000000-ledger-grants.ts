import type { MigrationInterface, QueryRunner } from 'typeorm';

// 三本台账 are never edited: the platform's role may add ledger rows (an entry, a correction) but neither
// change nor delete one, by grant as for the audit log. And the inspectors' reports look audit events up by
// action (refused attempts, escalations nobody acted on): an index for that.
export class LedgerGrants1795580000000 implements MigrationInterface {
  name = 'LedgerGrants1795580000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('REVOKE UPDATE, DELETE, TRUNCATE ON ledger_entries FROM changxiao_app');
    await q.query('CREATE INDEX audit_events_action_idx ON audit_events (action, id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX audit_events_action_idx');
    await q.query('GRANT UPDATE, DELETE ON ledger_entries TO changxiao_app');
  }
}
