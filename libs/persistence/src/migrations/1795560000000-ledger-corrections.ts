import type { MigrationInterface, QueryRunner } from 'typeorm';

// Ledger entries are never edited (三本台账 must stay true as written): a correction is a new row that names
// the row it corrects, with who corrected it and why in the entry. A row is corrected at most once; a
// correction of a correction corrects the newer row.
export class LedgerCorrections1795560000000 implements MigrationInterface {
  name = 'LedgerCorrections1795560000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ledger_entries ADD COLUMN corrects text REFERENCES ledger_entries(id)`);
    await q.query(
      `CREATE UNIQUE INDEX ledger_entries_corrects_idx ON ledger_entries (corrects) WHERE corrects IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ledger_entries DROP COLUMN corrects`);
  }
}
