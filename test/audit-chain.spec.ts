// The audit log's chains, signed checkpoints and grants on the real PostgreSQL. Each kind of tampering is
// done as the owner with the triggers off, in a transaction that is rolled back (other specs share the
// database), and found by the full walk; the newest rows' removal and a truncated table by the incremental
// one too. The platform's own role may not change the log, and two cases append without waiting on each other.

import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import type { QueryRunner } from 'typeorm';
import type { Actor } from '@libs/contracts';
import {
  appendAuditEvent,
  appendAuditEvents,
  auditHash,
  type AuditSigningKeys,
  type AuditVerifyReport,
  checkAuditLog,
  hashedAuditRow,
  resolveAuditSigningKeys,
  verifyAuditLog,
} from '@libs/persistence';
import { syntheticApplication } from '../scripts/lib/synthetic-households';
import { createVillage } from './support/places';
import { ApiClient, eventually, type Platform, startPlatform } from './support/platform';
import { signInNewUser } from './support/users';

let platform: Platform;
let keys: AuditSigningKeys;
let village: string;
let caseId: string;
let chain: string;
const requestId = `audit-chain-spec-${randomUUID()}`;

beforeAll(async () => {
  platform = await startPlatform();
  keys = resolveAuditSigningKeys(platform.config);
  village = await createVillage(platform.dataSource);
  const caseworker = await signInNewUser(platform, 'caseworker', village);
  const created = await caseworker.post('/cases', syntheticApplication(village), {
    'x-request-id': requestId,
  });
  expect(created.status).toBe(201);
  caseId = created.body.id;
  chain = `case:${caseId}`;
  // The case's workflow opens its first task: a chain of a few rows to tamper with.
  await eventually(async () => ((await chainRows()).length >= 3 ? true : undefined));
});

afterAll(async () => {
  await platform?.stop();
});

async function chainRows(): Promise<
  { id: string; seq: string; hash: string; action: string; request_id: string }[]
> {
  return platform.dataSource.query(
    'SELECT id, seq, hash, action, request_id FROM audit_events WHERE chain = $1 ORDER BY seq',
    [chain],
  );
}

function actorIn(jurisdictionId: string): Actor {
  return { userId: randomUUID(), username: 'audit_chain_spec', role: 'caseworker', jurisdictionId };
}

/**
 * Seals and verifies (the starting point of the incremental check), then tampers as the owner, triggers off,
 * on one snapshot, and checks what the tampering left; always rolled back.
 */
async function checkTampered(
  tamper: (owner: QueryRunner) => Promise<void>,
  full: boolean,
): Promise<AuditVerifyReport> {
  expect((await verifyAuditLog(platform.dataSource, keys)).ok).toBe(true);
  const owner = platform.ownerDataSource.createQueryRunner();
  await owner.startTransaction('REPEATABLE READ');
  try {
    await owner.query('ALTER TABLE audit_events DISABLE TRIGGER USER');
    await owner.query('ALTER TABLE audit_checkpoints DISABLE TRIGGER USER');
    await tamper(owner);
    return await checkAuditLog(owner.manager, keys, { full });
  } finally {
    await owner.rollbackTransaction();
    await owner.release();
  }
}

const newest = async () => (await chainRows()).at(-1)!;

it("keeps a case's events in a chain of their own with the request's id, sealed into a checkpoint that verifies", async () => {
  const rows = await chainRows();
  expect(rows.map((row) => Number(row.seq))).toEqual(rows.map((_, i) => i + 1));
  expect(rows[0]).toMatchObject({ action: 'case.created', request_id: requestId });

  const inspector = await ApiClient.login(platform.baseUrl, 'inspector');
  const full = await inspector.get('/audit/verify?full=true');
  expect(full.status).toBe(200);
  expect(full.body).toMatchObject({ ok: true, full: true, breaks: [] });
  expect(full.body.checked).toBeGreaterThanOrEqual(rows.length);
  const incremental = await inspector.get('/audit/verify');
  expect(incremental.body).toMatchObject({ ok: true, full: false, breaks: [] });

  // The case's county seals its chain; the checkpoint's signature is the platform key's.
  const [checkpoint] = await platform.dataSource.query(
    `SELECT county_id, heads -> $1 AS head, key_id FROM audit_checkpoints WHERE heads ? $1 ORDER BY id DESC LIMIT 1`,
    [chain],
  );
  expect(checkpoint).toMatchObject({ county_id: '370323', key_id: keys.keyId });
  expect(checkpoint.head[0]).toBeGreaterThanOrEqual(rows.length);
});

it('finds an edited row where it was edited', async () => {
  const [, second] = await chainRows();
  const report = await checkTampered(async (owner) => {
    await owner.query(`UPDATE audit_events SET reason = '事后补录' WHERE id = $1`, [second.id]);
  }, true);
  expect(report).toMatchObject({ ok: false, brokenAt: second.id });
  expect(report.breaks[0]).toMatchObject({
    chain,
    caseId,
    seq: 2,
    problem: expect.stringMatching(/此条被修改/),
  });
});

it('finds a row inserted at the end of a chain, hashed as the platform would, by either walk', async () => {
  const last = await newest();
  const insertForged = async (owner: QueryRunner) => {
    const [row] = await owner.query('SELECT * FROM audit_events WHERE id = $1', [last.id]);
    const forged = { ...row, event_key: `forged:${randomUUID()}`, seq: String(Number(row.seq) + 1) };
    await owner.query(
      `INSERT INTO audit_events (event_key, occurred_at, actor_id, actor_username, actor_role,
         actor_jurisdiction_id, action, entity_type, entity_id, case_id, before, after, reason, request_id,
         chain, seq, prev_hash, hash)
       SELECT $1, occurred_at, actor_id, actor_username, actor_role, actor_jurisdiction_id, action,
         entity_type, entity_id, case_id, before, after, reason, request_id, chain, $2, $3, $4
       FROM audit_events WHERE id = $5`,
      [forged.event_key, forged.seq, row.hash, auditHash(row.hash, hashedAuditRow(forged)), last.id],
    );
  };
  for (const full of [true, false]) {
    const report = await checkTampered(insertForged, full);
    expect(report.ok).toBe(false);
    expect(report.breaks).toContainEqual(
      expect.objectContaining({ chain, problem: expect.stringMatching(/链尾被插入/) }),
    );
  }
});

it('finds a deleted row by the gap it leaves; the incremental walk, by the count that no longer adds up', async () => {
  const [, second] = await chainRows();
  const deleteSecond = (owner: QueryRunner) =>
    owner.query('DELETE FROM audit_events WHERE id = $1', [second.id]);
  const report = await checkTampered(deleteSecond, true);
  expect(report.ok).toBe(false);
  expect(report.breaks[0]).toMatchObject({ chain, seq: 3, problem: expect.stringMatching(/缺少第 2 条/) });
  const incremental = await checkTampered(deleteSecond, false);
  expect(incremental.breaks).toEqual([
    expect.objectContaining({ problem: expect.stringMatching(/请全量校验/) }),
  ]);
});

it("finds the newest rows deleted, by either walk, even with the chain's head moved back", async () => {
  const last = await newest();
  const deleteNewest = (owner: QueryRunner) =>
    owner.query('DELETE FROM audit_events WHERE id = $1', [last.id]);
  for (const full of [true, false]) {
    const report = await checkTampered(deleteNewest, full);
    expect(report.ok).toBe(false);
    expect(report.breaks).toContainEqual(
      expect.objectContaining({ chain, problem: expect.stringMatching(/最新的记录被删除/) }),
    );
  }
  // The head row moved back too: the signed checkpoint still names the row.
  const rewound = await checkTampered(async (owner) => {
    await deleteNewest(owner);
    await owner.query(
      `UPDATE audit_chain_heads h SET seq = e.seq, hash = e.hash FROM audit_events e
       WHERE h.chain = $1 AND e.chain = $1 AND e.seq = $2`,
      [chain, Number(last.seq) - 1],
    );
  }, true);
  expect(rewound.breaks).toContainEqual(
    expect.objectContaining({
      chain,
      seq: Number(last.seq),
      problem: expect.stringMatching(/已不在.*记录被删除/),
    }),
  );
});

it('finds a truncated table, by either walk', async () => {
  for (const full of [true, false]) {
    const report = await checkTampered((owner) => owner.query('TRUNCATE audit_events'), full);
    expect(report.ok).toBe(false);
    expect(report.breaks[0].problem).toMatch(/记录却一条不剩|最新的记录被删除/);
  }
});

it('finds a checkpoint signed with a key that is not the platform’s', async () => {
  const forger = generateKeyPairSync('ed25519').privateKey;
  const report = await checkTampered(async (owner) => {
    const [checkpoint] = await owner.query('SELECT id, hash FROM audit_checkpoints ORDER BY id DESC LIMIT 1');
    const forged = sign(null, Buffer.from(checkpoint.hash, 'hex'), forger).toString('base64');
    await owner.query('UPDATE audit_checkpoints SET signature = $1 WHERE id = $2', [forged, checkpoint.id]);
  }, true);
  expect(report.ok).toBe(false);
  expect(report.breaks).toContainEqual(
    expect.objectContaining({ checkpointId: expect.any(String), problem: expect.stringMatching(/签名无效/) }),
  );
});

it("refuses the platform's role any change to audit rows and checkpoints, by grants", async () => {
  for (const table of ['audit_events', 'audit_checkpoints']) {
    for (const privilege of ['UPDATE', 'DELETE', 'TRUNCATE']) {
      const [{ granted }] = await platform.dataSource.query('SELECT has_table_privilege($1, $2) AS granted', [
        table,
        privilege,
      ]);
      expect({ table, privilege, granted }).toEqual({ table, privilege, granted: false });
    }
    await expect(platform.dataSource.query(`UPDATE ${table} SET id = id WHERE false`)).rejects.toThrow(
      /permission denied/,
    );
    await expect(platform.dataSource.query(`DELETE FROM ${table} WHERE false`)).rejects.toThrow(
      /permission denied/,
    );
    await expect(platform.dataSource.query(`TRUNCATE ${table}`)).rejects.toThrow(/permission denied/);
  }
});

it('appends to two cases at once without waiting, and to one case in turn', async () => {
  const actor = actorIn(village);
  const [caseA, caseB] = [randomUUID(), randomUUID()];
  const event = (caseId: string) => ({
    eventKey: `spec:${randomUUID()}`,
    actor,
    action: 'spec.appended',
    entityType: 'case',
    entityId: caseId,
    caseId,
  });
  const holding = platform.dataSource.createQueryRunner();
  await holding.startTransaction();
  try {
    await appendAuditEvent(holding.manager, event(caseA));
    // Case B's append commits while case A's transaction is still open.
    await platform.dataSource.transaction((manager) => appendAuditEvent(manager, event(caseB)));
    // A second append to case A waits for the first to commit: its backend waits on a lock (the first made
    // the chain's head row, not committed yet).
    let done = false;
    const second = platform.dataSource
      .transaction((manager) => appendAuditEvent(manager, event(caseA)))
      .then(() => (done = true));
    await eventually(async () => {
      const [waiting] = await platform.ownerDataSource.query(
        `SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%INTO audit_chain_heads%'`,
      );
      return waiting;
    });
    expect(done).toBe(false);
    await holding.commitTransaction();
    await second;
  } finally {
    if (holding.isTransactionActive) await holding.rollbackTransaction();
    await holding.release();
  }
  const rows = await platform.dataSource.query(
    'SELECT chain, seq FROM audit_events WHERE chain = ANY($1) ORDER BY chain, seq',
    [[`case:${caseA}`, `case:${caseB}`]],
  );
  expect(rows).toHaveLength(3);
  expect(rows).toEqual(
    expect.arrayContaining([
      { chain: `case:${caseA}`, seq: '1' },
      { chain: `case:${caseA}`, seq: '2' },
      { chain: `case:${caseB}`, seq: '1' },
    ]),
  );
});

it('appends a batch of events of two chains in order, once: written again, it adds nothing', async () => {
  const actor = actorIn(village);
  const [caseA, caseB] = [randomUUID(), randomUUID()];
  const event = (caseId: string, n: number) => ({
    eventKey: `spec:${caseId}:${n}`,
    actor,
    action: 'spec.appended',
    entityType: 'case',
    entityId: caseId,
    caseId,
    after: { n },
  });
  const batch = [event(caseA, 1), event(caseA, 2), event(caseB, 1), event(caseA, 3)];
  const append = (events: typeof batch) =>
    platform.dataSource.transaction((manager) => appendAuditEvents(manager, events));
  expect(await append(batch)).toEqual([true, true, true, true]);
  // A retry of the same work (its transaction committed, the answer lost) writes nothing again.
  expect(await append(batch)).toEqual([false, false, false, false]);
  // Some written before and some not is not a retry of the same work: refused, and nothing written.
  await expect(append([event(caseA, 3), event(caseA, 4)])).rejects.toThrow('1 of 2 events were new');
  const rows = await platform.dataSource.query(
    `SELECT chain, seq, after->>'n' AS n FROM audit_events WHERE chain = ANY($1) ORDER BY id`,
    [[`case:${caseA}`, `case:${caseB}`]],
  );
  expect(rows).toEqual([
    { chain: `case:${caseA}`, seq: '1', n: '1' },
    { chain: `case:${caseA}`, seq: '2', n: '2' },
    { chain: `case:${caseB}`, seq: '1', n: '1' },
    { chain: `case:${caseA}`, seq: '3', n: '3' },
  ]);
  const heads = await platform.dataSource.query(
    'SELECT chain, seq FROM audit_chain_heads WHERE chain = ANY($1) ORDER BY seq DESC',
    [[`case:${caseA}`, `case:${caseB}`]],
  );
  expect(heads).toEqual([
    { chain: `case:${caseA}`, seq: '3' },
    { chain: `case:${caseB}`, seq: '1' },
  ]);
  expect((await verifyAuditLog(platform.dataSource, keys, { full: true })).ok).toBe(true);
});

it('verifies incrementally only what was added since the last verification', async () => {
  const full = await verifyAuditLog(platform.dataSource, keys, { full: true });
  expect(full.ok).toBe(true);
  const actor = actorIn(village);
  await platform.dataSource.transaction(async (manager) => {
    for (let i = 0; i < 3; i += 1) {
      await appendAuditEvent(manager, {
        eventKey: `spec:${randomUUID()}`,
        actor,
        action: 'spec.appended',
        entityType: 'user',
        entityId: actor.userId,
      });
    }
  });
  const incremental = await verifyAuditLog(platform.dataSource, keys);
  expect(incremental).toMatchObject({ ok: true, full: false });
  expect(incremental.checked).toBeGreaterThanOrEqual(3);
  expect(incremental.checked).toBeLessThan(full.checked);
  const [{ county_id }] = await platform.dataSource.query(
    'SELECT county_id FROM audit_chain_heads WHERE chain = $1',
    [`actor:${actor.userId}`],
  );
  expect(county_id).toBe('370323');
});
