// Encrypts every workflow payload (inputs, results, signals, updates, queries, memos) with AES-256-GCM
// before it reaches the Temporal server, so Temporal's store holds no ID number, income or illness in
// clear. The client (API) and the worker use the same keys; see casePayloadCodec.

import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { type AppConfig, keptSecret, parsePayloadKey } from '@libs/config';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
/** The file under the data directory that keeps the development key (mode 0600). */
export const DEV_PAYLOAD_KEY_FILE = 'temporal-payload.key';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const text = new TextEncoder();
const utf8 = new TextDecoder();

/** A codec failure: a payload no configured key can open, or one altered after it was written. */
export class PayloadDecryptionError extends Error {}

/** Names a key without revealing it: the first 8 hex digits of its SHA-256. */
export function payloadKeyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

export interface PayloadKeys {
  /** Encrypts new payloads (and decrypts). */
  current: Buffer;
  /** Keys rotated out: they still decrypt the histories written with them. */
  old: Buffer[];
}

export class AesGcmPayloadCodec implements PayloadCodec {
  private readonly keyId: string;
  private readonly keys = new Map<string, Buffer>();

  constructor(private readonly keySet: PayloadKeys) {
    for (const key of [keySet.current, ...keySet.old]) {
      if (key.length !== 32) throw new RangeError('AES-256 keys are 32 bytes');
      this.keys.set(payloadKeyId(key), key);
    }
    this.keyId = payloadKeyId(keySet.current);
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.encodePayload(payload));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.decodePayload(payload));
  }

  encodePayload(payload: Payload): Payload {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keySet.current, iv);
    // The key id is authenticated too: a payload relabelled with another key id fails.
    cipher.setAAD(text.encode(this.keyId));
    const sealed = Buffer.concat([cipher.update(serialize(payload)), cipher.final()]);
    return {
      metadata: { encoding: text.encode(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: text.encode(this.keyId) },
      data: Buffer.concat([iv, sealed, cipher.getAuthTag()]),
    };
  }

  /** An encrypted payload opened with the key its id names; any other payload as it is (older histories). */
  decodePayload(payload: Payload): Payload {
    const encoding = payload.metadata?.encoding;
    if (!encoding || utf8.decode(encoding) !== ENCRYPTED_ENCODING) return payload;
    const idBytes = payload.metadata?.[KEY_ID_METADATA];
    const keyId = idBytes ? utf8.decode(idBytes) : '';
    const key = this.keys.get(keyId);
    if (!key) {
      throw new PayloadDecryptionError(
        `工作流数据由未配置的密钥（编号 ${keyId || '缺失'}）加密：请在 TEMPORAL_PAYLOAD_KEY 或 ` +
          `TEMPORAL_PAYLOAD_OLD_KEYS 中配置该密钥 (payload encrypted with key id "${keyId}", which is not ` +
          `configured; known: ${[...this.keys.keys()].join(', ')})`,
      );
    }
    const data = Buffer.from(payload.data ?? []);
    if (data.length < IV_BYTES + TAG_BYTES) throw tampered(keyId);
    const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
    decipher.setAAD(text.encode(keyId));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    let plain: Buffer;
    try {
      plain = Buffer.concat([
        decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)),
        decipher.final(),
      ]);
    } catch {
      throw tampered(keyId);
    }
    return deserialize(plain);
  }
}

function tampered(keyId: string): PayloadDecryptionError {
  return new PayloadDecryptionError(
    `工作流数据校验失败（密钥编号 ${keyId}）：数据被改动或已损坏 ` +
      `(payload failed authentication with key id "${keyId}": altered or corrupt)`,
  );
}

// The plaintext is the whole original payload: a 4-byte length, its metadata as JSON (values in base64),
// then its data, so the payload converter gets back exactly what it wrote.
function serialize(payload: Payload): Buffer {
  const metadata = Object.fromEntries(
    Object.entries(payload.metadata ?? {}).map(([name, value]) => [
      name,
      Buffer.from(value).toString('base64'),
    ]),
  );
  const header = Buffer.from(JSON.stringify(metadata));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(header.length);
  return Buffer.concat([length, header, payload.data ?? new Uint8Array()]);
}

function deserialize(plain: Buffer): Payload {
  const headerEnd = 4 + plain.readUInt32BE(0);
  const metadata = JSON.parse(plain.subarray(4, headerEnd).toString()) as Record<string, string>;
  return {
    metadata: Object.fromEntries(
      Object.entries(metadata).map(([name, value]) => [name, Buffer.from(value, 'base64')]),
    ),
    data: plain.subarray(headerEnd),
  };
}

type KeyConfig = Pick<AppConfig, 'dataDir' | 'temporal'>;

/**
 * The configured keys, or in development and test, when TEMPORAL_PAYLOAD_KEY is unset, a key generated
 * once and kept in the data directory so a restarted platform still reads its histories (configuration
 * refuses production without a key).
 */
export function resolvePayloadKeys(config: KeyConfig): PayloadKeys {
  const { current, old } = config.temporal.payloadKeys;
  return { current: current ?? devPayloadKey(config.dataDir), old };
}

/** The codec of the platform's clients and workers. */
export function casePayloadCodec(config: KeyConfig): AesGcmPayloadCodec {
  return new AesGcmPayloadCodec(resolvePayloadKeys(config));
}

function devPayloadKey(dataDir: string): Buffer {
  const kept = keptSecret(dataDir, DEV_PAYLOAD_KEY_FILE, () => randomBytes(32).toString('base64'));
  const key = parsePayloadKey(kept);
  if (!key) {
    throw new Error(
      `${dataDir}/${DEV_PAYLOAD_KEY_FILE} 不是有效的密钥 (is not a 32-byte base64 key): ` +
        '恢复该文件，或设置 TEMPORAL_PAYLOAD_KEY (restore it or set TEMPORAL_PAYLOAD_KEY)',
    );
  }
  return key;
}
