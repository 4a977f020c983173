import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { loadConfig } from '@libs/config';
import {
  AesGcmPayloadCodec,
  casePayloadCodec,
  DEV_PAYLOAD_KEY_FILE,
  ENCRYPTED_ENCODING,
  KEY_ID_METADATA,
  PayloadDecryptionError,
  payloadKeyId,
} from './payload-codec';

const member = { name: '王建国', idNumber: '370323195001010018', annualIncome: 14237, causes: ['illness'] };
const plain = (value: unknown): Payload => defaultPayloadConverter.toPayload(value);
const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString('utf8');

describe('AesGcmPayloadCodec', () => {
  const key = randomBytes(32);
  const codec = new AesGcmPayloadCodec({ current: key, old: [] });

  it('encrypts every payload, labelled with the key id, and decodes it back to the same value and metadata', async () => {
    const original = plain(member);
    const [encoded] = await codec.encode([original]);
    expect(text(encoded.metadata!.encoding)).toBe(ENCRYPTED_ENCODING);
    expect(text(encoded.metadata![KEY_ID_METADATA])).toBe(payloadKeyId(key));
    expect(text(encoded.data)).not.toContain(member.idNumber);
    expect(text(encoded.data)).not.toContain('王建国');
    const [decoded] = await codec.decode([encoded]);
    expect(text(decoded.metadata!.encoding)).toBe('json/plain');
    expect(defaultPayloadConverter.fromPayload(decoded)).toEqual(member);
  });

  it('uses a fresh IV for each payload: the same value never encrypts to the same bytes', async () => {
    const [a, b] = await codec.encode([plain(member), plain(member)]);
    expect(Buffer.from(a.data!).equals(Buffer.from(b.data!))).toBe(false);
    expect(Buffer.from(a.data!).subarray(0, 12).equals(Buffer.from(b.data!).subarray(0, 12))).toBe(false);
  });

  it('keeps empty and binary payloads intact', async () => {
    const binary: Payload = { metadata: { encoding: Buffer.from('binary/plain') }, data: randomBytes(100) };
    const empty: Payload = { metadata: { encoding: Buffer.from('binary/null') } };
    const decoded = await codec.decode(await codec.encode([binary, empty]));
    expect(Buffer.from(decoded[0].data!).equals(Buffer.from(binary.data!))).toBe(true);
    expect(text(decoded[1].metadata!.encoding)).toBe('binary/null');
    expect(decoded[1].data!.length).toBe(0);
  });

  it('refuses a payload altered after encryption', async () => {
    const [encoded] = await codec.encode([plain(member)]);
    const data = Buffer.from(encoded.data!);
    data[20] ^= 1;
    await expect(codec.decode([{ ...encoded, data }])).rejects.toThrow(PayloadDecryptionError);
    await expect(codec.decode([{ ...encoded, data }])).rejects.toThrow(/altered or corrupt/);
    await expect(codec.decode([{ ...encoded, data: data.subarray(0, 10) }])).rejects.toThrow(
      /altered or corrupt/,
    );
  });

  it('refuses a payload relabelled with another configured key id', async () => {
    const other = randomBytes(32);
    const both = new AesGcmPayloadCodec({ current: key, old: [other] });
    const [encoded] = await both.encode([plain(member)]);
    const relabelled = {
      ...encoded,
      metadata: { ...encoded.metadata, [KEY_ID_METADATA]: Buffer.from(payloadKeyId(other)) },
    };
    await expect(both.decode([relabelled])).rejects.toThrow(/altered or corrupt/);
  });

  it('names an unknown key id instead of guessing', async () => {
    const [encoded] = await new AesGcmPayloadCodec({ current: randomBytes(32), old: [] }).encode([
      plain(member),
    ]);
    const error = await codec.decode([encoded]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PayloadDecryptionError);
    expect((error as Error).message).toContain(text(encoded.metadata![KEY_ID_METADATA]));
    expect((error as Error).message).toContain('TEMPORAL_PAYLOAD_OLD_KEYS');
  });

  it('passes payloads that were never encrypted through unchanged (histories from before the codec)', async () => {
    const original = plain(member);
    const [decoded] = await codec.decode([original]);
    expect(decoded).toBe(original);
    expect(await codec.decode([])).toEqual([]);
  });

  it('after a rotation, encrypts with the new key and still decrypts what the old key wrote', async () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const [written] = await new AesGcmPayloadCodec({ current: oldKey, old: [] }).encode([plain(member)]);
    const rotated = new AesGcmPayloadCodec({ current: newKey, old: [oldKey] });
    expect(defaultPayloadConverter.fromPayload((await rotated.decode([written]))[0])).toEqual(member);
    const [fresh] = await rotated.encode([plain(member)]);
    expect(text(fresh.metadata![KEY_ID_METADATA])).toBe(payloadKeyId(newKey));
    // Without the old key the old payload is refused.
    await expect(new AesGcmPayloadCodec({ current: newKey, old: [] }).decode([written])).rejects.toThrow(
      PayloadDecryptionError,
    );
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => new AesGcmPayloadCodec({ current: randomBytes(16), old: [] })).toThrow(RangeError);
  });
});

describe('casePayloadCodec', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'payload-key-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('uses TEMPORAL_PAYLOAD_KEY and the old keys when set, writing no key file', async () => {
    const key = randomBytes(32);
    const oldKey = randomBytes(32);
    const config = loadConfig({
      DATA_DIR: dataDir,
      TEMPORAL_PAYLOAD_KEY: key.toString('hex'),
      TEMPORAL_PAYLOAD_OLD_KEYS: oldKey.toString('base64'),
    });
    const [encoded] = await casePayloadCodec(config).encode([plain(member)]);
    expect(text(encoded.metadata![KEY_ID_METADATA])).toBe(payloadKeyId(key));
    const [old] = await new AesGcmPayloadCodec({ current: oldKey, old: [] }).encode([plain(member)]);
    expect(defaultPayloadConverter.fromPayload((await casePayloadCodec(config).decode([old]))[0])).toEqual(
      member,
    );
    expect(() => statSync(join(dataDir, DEV_PAYLOAD_KEY_FILE))).toThrow(/ENOENT/);
  });

  it('in development without a key, generates one once into the data directory (0600) and keeps using it', async () => {
    const config = loadConfig({ DATA_DIR: dataDir });
    const [encoded] = await casePayloadCodec(config).encode([plain(member)]);
    const file = join(dataDir, DEV_PAYLOAD_KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    expect(key.length).toBe(32);
    expect(text(encoded.metadata![KEY_ID_METADATA])).toBe(payloadKeyId(key));
    // A restarted platform (a new codec from the same directory) reads what the first one wrote.
    const [decoded] = await casePayloadCodec(loadConfig({ DATA_DIR: dataDir })).decode([encoded]);
    expect(defaultPayloadConverter.fromPayload(decoded)).toEqual(member);
  });
});
