import type { MigrationInterface, QueryRunner } from 'typeorm';

// Server-side sign-in sessions (a token names one; revoking the row ends it), the account state the
// guard and the login read (disabled, locked after wrong passwords, a password to change), and failed
// sign-ins per source address, kept here so every API process counts the same ones.
export class AuthSessions1795490000000 implements MigrationInterface {
  name = 'AuthSessions1795490000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE users
        ADD COLUMN enabled boolean NOT NULL DEFAULT true,
        ADD COLUMN must_change_password boolean NOT NULL DEFAULT false,
        ADD COLUMN failed_logins integer NOT NULL DEFAULT 0,
        ADD COLUMN locked_until timestamptz,
        ADD COLUMN password_changed_at timestamptz`);
    await q.query(`
      CREATE TABLE user_sessions (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_reason varchar(32),
        source_address varchar(64),
        user_agent varchar(256)
      )`);
    // Revoking a user's sessions (role change, disable, password) finds the live ones by user.
    await q.query(`CREATE INDEX user_sessions_live_idx ON user_sessions (user_id) WHERE revoked_at IS NULL`);
    await q.query(`
      CREATE TABLE login_failures_by_address (
        source_address varchar(64) PRIMARY KEY,
        window_started_at timestamptz NOT NULL,
        failures integer NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE login_failures_by_address');
    await q.query('DROP TABLE user_sessions');
    await q.query(`
      ALTER TABLE users
        DROP COLUMN enabled,
        DROP COLUMN must_change_password,
        DROP COLUMN failed_logins,
        DROP COLUMN locked_until,
        DROP COLUMN password_changed_at`);
  }
}
