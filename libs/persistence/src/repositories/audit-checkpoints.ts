// 审计检查点 the audit log's signed checkpoints: at intervals the heads of the chains that grew are sealed,
// per county, into a checkpoint signed with Ed25519 and linked to the county's previous one. Whoever removes
// a chain's newest rows, or the whole table, cannot rewrite the checkpoints without the key.

import {
  createHash,
  createPrivateKey,
  createPublicKey,
  type KeyObject,
  randomBytes,
  sign,
  verify,
} from 'node:crypto';
import type { DataSource } from 'typeorm';
import { type AppConfig, keptSecret, parsePayloadKey } from '@libs/config';
import { canonicalJson } from '@libs/domain';
import { AUDIT_GENESIS_HASH } from './audit';

/** The file under the data directory that keeps the development signing key (mode 0600). */
export const DEV_AUDIT_SIGNING_KEY_FILE = 'audit-signing.key';
// One sealer at a time across processes; held only while sealing.
const AUDIT_SEAL_LOCK = 7_401_002;
// PKCS#8 DER of an Ed25519 private key, before its 32-byte seed.
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export interface AuditSigningKeys {
  /** Signs new checkpoints. */
  signing: KeyObject;
  /** Every key that may have signed a checkpoint (the current one and those rotated out), by key id. */
  verifying: Map<string, KeyObject>;
  keyId: string;
}

/** A row of `audit_checkpoints`. */
export interface AuditCheckpointRow {
  /** bigserial: a string. */
  id: string;
  county_id: string;
  sealed_at: Date;
  /** {chain: [seq, hash]} */
  heads: Record<string, [number, string]>;
  prev_checkpoint_hash: string;
  hash: string;
  signature: string;
  key_id: string;
}

/** Names a key without revealing it: the first 16 hex digits of the SHA-256 of its public half. */
export function auditKeyId(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ format: 'der', type: 'spki' }))
    .digest('hex')
    .slice(0, 16);
}

/** The Ed25519 key whose 32-byte seed is `seed`. */
export function auditSigningKey(seed: Buffer): KeyObject {
  return createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

/**
 * The configured keys, or in development and test, when AUDIT_SIGNING_KEY is unset, a key generated once
 * and kept in the data directory (configuration refuses production without one).
 */
export function resolveAuditSigningKeys(config: Pick<AppConfig, 'dataDir' | 'audit'>): AuditSigningKeys {
  const { current, old } = config.audit.signingKeys;
  const signing = auditSigningKey(current ?? devAuditSigningSeed(config.dataDir));
  const verifying = new Map<string, KeyObject>();
  for (const key of [signing, ...old.map(auditSigningKey)]) {
    const publicKey = createPublicKey(key);
    verifying.set(auditKeyId(publicKey), publicKey);
  }
  return { signing, verifying, keyId: auditKeyId(createPublicKey(signing)) };
}

function devAuditSigningSeed(dataDir: string): Buffer {
  const kept = keptSecret(dataDir, DEV_AUDIT_SIGNING_KEY_FILE, () => randomBytes(32).toString('base64'));
  const seed = parsePayloadKey(kept);
  if (!seed) {
    throw new Error(
      `${dataDir}/${DEV_AUDIT_SIGNING_KEY_FILE} 不是有效的密钥 (is not a 32-byte base64 key): ` +
        '恢复该文件，或设置 AUDIT_SIGNING_KEY (restore it or set AUDIT_SIGNING_KEY)',
    );
  }
  return seed;
}

/** What a checkpoint's hash covers: everything it says but the hash and the signature. */
export function checkpointHash(
  checkpoint: Pick<AuditCheckpointRow, 'county_id' | 'sealed_at' | 'heads' | 'prev_checkpoint_hash'>,
): string {
  return createHash('sha256')
    .update(
      canonicalJson({
        countyId: checkpoint.county_id,
        sealedAt: checkpoint.sealed_at.toISOString(),
        heads: checkpoint.heads,
        prevCheckpointHash: checkpoint.prev_checkpoint_hash,
      }),
    )
    .digest('hex');
}

/** Why this checkpoint cannot be trusted (in Chinese), given the hash of the county's previous one; or null. */
export function checkpointProblem(
  checkpoint: AuditCheckpointRow,
  prevHash: string,
  keys: Pick<AuditSigningKeys, 'verifying'>,
): string | null {
  const where = `检查点 #${checkpoint.id}（${checkpoint.county_id}）`;
  if (checkpoint.prev_checkpoint_hash !== prevHash) {
    return `${where}未接续本县的上一个检查点：检查点被删除、插入或替换`;
  }
  if (checkpointHash(checkpoint) !== checkpoint.hash) return `${where}的内容与其哈希不符：检查点被修改`;
  const key = keys.verifying.get(checkpoint.key_id);
  if (!key)
    return `${where}由未配置的密钥（编号 ${checkpoint.key_id}）签名：请在 AUDIT_SIGNING_OLD_KEYS 中配置`;
  const signed = verify(
    null,
    Buffer.from(checkpoint.hash, 'hex'),
    key,
    Buffer.from(checkpoint.signature, 'base64'),
  );
  return signed ? null : `${where}的签名无效：检查点被伪造`;
}

/**
 * How far sealing lags, for the worker's metrics: the audit events appended since their chain was last
 * sealed into a checkpoint, and how long the oldest of them has waited (seconds; 0 when every chain is
 * sealed). Through the index of unsealed heads and each chain's first unsealed event.
 */
export async function auditSealLag(
  db: Pick<DataSource, 'query'>,
): Promise<{ unsealedEvents: number; oldestUnsealedSeconds: number }> {
  const [row]: { unsealed: string; oldest_unsealed_seconds: number }[] = await db.query(
    `SELECT coalesce(sum(h.seq - h.sealed_seq), 0) AS unsealed,
            coalesce(extract(epoch FROM now() - min(e.occurred_at)), 0)::float8 AS oldest_unsealed_seconds
     FROM audit_chain_heads h JOIN audit_events e ON e.chain = h.chain AND e.seq = h.sealed_seq + 1
     WHERE h.seq > h.sealed_seq`,
  );
  return {
    unsealedEvents: Number(row.unsealed),
    oldestUnsealedSeconds: Math.max(row.oldest_unsealed_seconds, 0),
  };
}

/**
 * Seals the heads of the chains that grew since their last checkpoint into one signed checkpoint per county;
 * returns how many were written. A head whose chain is being appended to right now is skipped (its row is
 * locked): the next seal takes it, and no append waits on the sealer.
 */
export async function sealAuditChains(dataSource: DataSource, keys: AuditSigningKeys): Promise<number> {
  return dataSource.transaction(async (manager) => {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_SEAL_LOCK]);
    const heads: { chain: string; county_id: string; seq: string; hash: string }[] = await manager.query(
      `SELECT chain, county_id, seq, hash FROM audit_chain_heads WHERE seq > sealed_seq
       ORDER BY county_id, chain FOR UPDATE SKIP LOCKED`,
    );
    if (heads.length === 0) return 0;
    const byCounty = new Map<string, Record<string, [number, string]>>();
    for (const head of heads) {
      const sealed = byCounty.get(head.county_id) ?? {};
      sealed[head.chain] = [Number(head.seq), head.hash];
      byCounty.set(head.county_id, sealed);
    }
    // One instant for every county's checkpoint, at PostgreSQL's (millisecond) precision of a JS date.
    const sealedAt = new Date();
    for (const [countyId, sealed] of byCounty) {
      const [previous] = await manager.query(
        'SELECT hash FROM audit_checkpoints WHERE county_id = $1 ORDER BY id DESC LIMIT 1',
        [countyId],
      );
      const checkpoint = {
        county_id: countyId,
        sealed_at: sealedAt,
        heads: sealed,
        prev_checkpoint_hash: previous?.hash ?? AUDIT_GENESIS_HASH,
      };
      const hash = checkpointHash(checkpoint);
      await manager.query(
        `INSERT INTO audit_checkpoints (county_id, sealed_at, heads, prev_checkpoint_hash, hash, signature, key_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          countyId,
          sealedAt,
          JSON.stringify(sealed),
          checkpoint.prev_checkpoint_hash,
          hash,
          sign(null, Buffer.from(hash, 'hex'), keys.signing).toString('base64'),
          keys.keyId,
        ],
      );
    }
    await manager.query(
      `UPDATE audit_chain_heads h SET sealed_seq = s.seq
       FROM unnest($1::text[], $2::bigint[]) AS s(chain, seq) WHERE h.chain = s.chain`,
      [heads.map((head) => head.chain), heads.map((head) => head.seq)],
    );
    return byCounty.size;
  });
}
