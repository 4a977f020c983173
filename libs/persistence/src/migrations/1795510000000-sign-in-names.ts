import type { MigrationInterface, QueryRunner } from 'typeorm';

// Wrong passwords are counted per name given at sign-in, whether or not an account has it: an account's
// count stays on its users row (where an admin sees and lifts a lock), a name no account has gets a row
// of its own with the same columns, so both lock alike and a lockout never tells which names exist. A
// count lasts a window (failed_logins_since), after which it starts again. Sign-ins prune what has run
// its course, a batch at a time, by the indexed times below.
export class SignInNames1795510000000 implements MigrationInterface {
  name = 'SignInNames1795510000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE users ADD COLUMN failed_logins_since timestamptz');
    await q.query(`
      CREATE TABLE login_failures_by_username (
        username varchar(64) PRIMARY KEY,
        failed_logins integer NOT NULL,
        failed_logins_since timestamptz NOT NULL,
        locked_until timestamptz
      )`);
    await q.query(
      'CREATE INDEX login_failures_by_username_since_idx ON login_failures_by_username (failed_logins_since)',
    );
    await q.query(
      'CREATE INDEX login_failures_by_address_window_idx ON login_failures_by_address (window_started_at)',
    );
    await q.query('CREATE INDEX user_sessions_expires_idx ON user_sessions (expires_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX user_sessions_expires_idx');
    await q.query('DROP INDEX login_failures_by_address_window_idx');
    await q.query('DROP TABLE login_failures_by_username');
    await q.query('ALTER TABLE users DROP COLUMN failed_logins_since');
  }
}
