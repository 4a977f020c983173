import type { MigrationInterface, QueryRunner } from 'typeorm';

// An intake sent with an Idempotency-Key keeps a digest of its request, so that a repeat with the same key
// is told from a different request that reuses it. Null for an intake sent without a key.
export class IntakeIdempotency1795530000000 implements MigrationInterface {
  name = 'IntakeIdempotency1795530000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases ADD COLUMN intake_request_digest text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases DROP COLUMN intake_request_digest`);
  }
}
