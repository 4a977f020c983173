import type { MigrationInterface, QueryRunner } from 'typeorm';

// In-app notifications per user, and the outbox of messages for outbound channels (webhook, SMS),
// written in the same transaction as the event that causes them and delivered with retries.
export class Notifications1795430000000 implements MigrationInterface {
  name = 'Notifications1795430000000';

  async up(q: QueryRunner): Promise<void> {
    // For the SMS channel.
    await q.query(`ALTER TABLE users ADD COLUMN phone varchar(20)`);
    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY,
        -- chosen by the writer: a retried write adds nothing
        event_key text NOT NULL UNIQUE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        kind varchar(32) NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        case_id uuid,
        task_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz
      )`);
    await q.query(`CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC, id)`);
    await q.query(`CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL`);
    await q.query(`
      CREATE TABLE outbound_messages (
        id uuid PRIMARY KEY,
        notification_id uuid NOT NULL REFERENCES notifications(id) ON DELETE CASCADE,
        channel varchar(16) NOT NULL,
        status varchar(10) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        UNIQUE (notification_id, channel)
      )`);
    await q.query(
      `CREATE INDEX outbound_messages_due_idx ON outbound_messages (next_attempt_at) WHERE status = 'pending'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE outbound_messages');
    await q.query('DROP TABLE notifications');
    await q.query('ALTER TABLE users DROP COLUMN phone');
  }
}
