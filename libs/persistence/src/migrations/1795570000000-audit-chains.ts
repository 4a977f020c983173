import type { MigrationInterface, QueryRunner } from 'typeorm';

// The audit log as many hash chains (one per case, one per actor for events outside a case) instead of one,
// each chain's newest event kept in audit_chain_heads (its row is the chain's lock), the heads sealed into
// signed checkpoints per county, and the verifier's last point. The rows already written stay one chain,
// 'global', in their order. And the application's own database role, which may add audit rows and
// checkpoints but never change or remove them (the platform connects as the owner and takes this role).
export class AuditChains1795570000000 implements MigrationInterface {
  name = 'AuditChains1795570000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE audit_events ADD COLUMN chain text, ADD COLUMN seq bigint, ADD COLUMN request_id text`,
    );
    await q.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_change');
    await q.query(`
      UPDATE audit_events e SET chain = 'global', seq = n.seq
      FROM (SELECT id, row_number() OVER (ORDER BY id) AS seq FROM audit_events) n WHERE n.id = e.id`);
    await q.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_change');
    await q.query(`
      ALTER TABLE audit_events ALTER COLUMN chain SET NOT NULL, ALTER COLUMN seq SET NOT NULL,
        ADD CONSTRAINT audit_events_chain_seq_key UNIQUE (chain, seq)`);

    await q.query(`
      CREATE TABLE audit_chain_heads (
        chain text PRIMARY KEY,
        -- whose checkpoints seal it: the case's county, the actor's, or 'platform'
        county_id text NOT NULL,
        seq bigint NOT NULL,
        hash char(64) NOT NULL,
        sealed_seq bigint NOT NULL DEFAULT 0
      )`);
    await q.query(
      `CREATE INDEX audit_chain_heads_unsealed_idx ON audit_chain_heads (county_id) WHERE seq > sealed_seq`,
    );
    await q.query(`
      INSERT INTO audit_chain_heads (chain, county_id, seq, hash)
      SELECT chain, 'platform', seq, hash FROM audit_events ORDER BY id DESC LIMIT 1`);
    await q.query(`
      CREATE TABLE audit_checkpoints (
        id bigserial PRIMARY KEY,
        county_id text NOT NULL,
        sealed_at timestamptz NOT NULL,
        -- {chain: [seq, hash]} of the chains that grew since the county's previous checkpoint
        heads jsonb NOT NULL,
        prev_checkpoint_hash char(64) NOT NULL,
        hash char(64) NOT NULL UNIQUE,
        -- Ed25519 over the hash, base64; key_id names the key without revealing it
        signature text NOT NULL,
        key_id varchar(16) NOT NULL
      )`);
    await q.query(`CREATE INDEX audit_checkpoints_county_idx ON audit_checkpoints (county_id, id)`);
    await q.query(`
      CREATE TABLE audit_verifications (
        id bigserial PRIMARY KEY,
        verified_at timestamptz NOT NULL DEFAULT now(),
        full_walk boolean NOT NULL,
        ok boolean NOT NULL,
        checked bigint NOT NULL,
        -- the newest event and checkpoint verified, and per county [id, hash] of its newest checkpoint
        last_event_id bigint NOT NULL,
        last_checkpoint_id bigint NOT NULL,
        checkpoints jsonb NOT NULL
      )`);
    // Where the last good verification left each chain: the next incremental one walks from there.
    await q.query(`
      CREATE TABLE audit_verified_heads (chain text PRIMARY KEY, seq bigint NOT NULL, hash char(64) NOT NULL)`);

    // The triggers refuse a change even to a connection that grants do not bind (the owner, a superuser).
    await q.query(`
      CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_checkpoints_no_change BEFORE UPDATE OR DELETE ON audit_checkpoints
      FOR EACH ROW EXECUTE FUNCTION audit_append_only()`);
    for (const table of ['audit_events', 'audit_checkpoints']) {
      await q.query(`
        CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only()`);
    }

    // Roles belong to the cluster (several databases may share it): created once, by whoever comes first.
    await q.query(`
      DO $$ BEGIN
        CREATE ROLE changxiao_app NOLOGIN;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END $$`);
    // The owner connects and takes the role (SET ROLE needs membership unless the owner is a superuser).
    await q.query('GRANT changxiao_app TO CURRENT_USER');
    await q.query('GRANT USAGE ON SCHEMA public TO changxiao_app');
    await q.query('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO changxiao_app');
    await q.query('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO changxiao_app');
    await q.query(
      'ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO changxiao_app',
    );
    await q.query(
      'ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO changxiao_app',
    );
    // Evidence is added, never changed or removed; a chain's head moves forward but is never removed.
    await q.query('REVOKE UPDATE, DELETE ON audit_events, audit_checkpoints FROM changxiao_app');
    await q.query('REVOKE DELETE ON audit_chain_heads FROM changxiao_app');
    // A verification is recorded, not revised: the next one starts from the last that passed.
    await q.query('REVOKE UPDATE, DELETE ON audit_verifications FROM changxiao_app');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM changxiao_app');
    await q.query('ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM changxiao_app');
    await q.query('REVOKE ALL ON ALL TABLES IN SCHEMA public FROM changxiao_app');
    await q.query('REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM changxiao_app');
    await q.query('REVOKE USAGE ON SCHEMA public FROM changxiao_app');
    await q.query('DROP TRIGGER audit_events_no_truncate ON audit_events');
    await q.query(
      'DROP TABLE audit_verified_heads, audit_verifications, audit_checkpoints, audit_chain_heads',
    );
    await q.query('DROP FUNCTION audit_append_only');
    await q.query('ALTER TABLE audit_events DROP COLUMN chain, DROP COLUMN seq, DROP COLUMN request_id');
  }
}
