import type { MigrationInterface, QueryRunner } from 'typeorm';

// 优亲厚友 declarations are kept when withdrawn (when and why), so the rule can be checked against every
// declaration that stood during a case; and each department's shared secret for signing the requests of
// the http data-check connector, kept apart from the policy (the policy goes into workflow histories).
export class ScopeAndRelatives1795500000000 implements MigrationInterface {
  name = 'ScopeAndRelatives1795500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE user_relatives DROP CONSTRAINT user_relatives_pkey`);
    await q.query(`
      ALTER TABLE user_relatives
        ADD COLUMN id bigserial PRIMARY KEY,
        ADD COLUMN withdrawn_at timestamptz,
        ADD COLUMN withdrawn_reason text,
        ADD CONSTRAINT user_relatives_withdrawal_reason
          CHECK ((withdrawn_at IS NULL) = (withdrawn_reason IS NULL))`);
    // One standing declaration per user and person; withdrawn ones stay beside it.
    await q.query(
      `CREATE UNIQUE INDEX user_relatives_standing_idx ON user_relatives (user_id, id_number) WHERE withdrawn_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE department_endpoint_secrets (
        county_id varchar(20) NOT NULL REFERENCES jurisdictions(id),
        department varchar(32) NOT NULL,
        secret text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES users(id),
        PRIMARY KEY (county_id, department)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE department_endpoint_secrets`);
    await q.query(`DELETE FROM user_relatives WHERE withdrawn_at IS NOT NULL`);
    await q.query(`DROP INDEX user_relatives_standing_idx`);
    await q.query(`
      ALTER TABLE user_relatives DROP CONSTRAINT user_relatives_withdrawal_reason,
        DROP COLUMN withdrawn_reason, DROP COLUMN withdrawn_at, DROP COLUMN id`);
    await q.query(`ALTER TABLE user_relatives ADD PRIMARY KEY (user_id, id_number)`);
  }
}
