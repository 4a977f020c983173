// The audit log at scale, in a scratch database: 1,000,000 events in chains of a case's length (hashed
// as the platform hashes them), sealed into county checkpoints; the full verification of all of them, the
// append rate of one writer, of several writers on one case (they take turns) and on as many cases (they
// do not), then the incremental verification of what the appends added.

import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { DEFAULT_DATABASE_URL } from '@libs/config';
import type { Actor } from '@libs/contracts';
import {
  AUDIT_GENESIS_HASH,
  appendAuditEvent,
  auditHash,
  type AuditSigningKeys,
  type AuditVerifyReport,
  createDataSource,
  dropDatabase,
  hashedAuditRow,
  resolveAuditSigningKeys,
  sealAuditChains,
  verifyAuditLog,
} from '@libs/persistence';
import { prepareDatabase } from '../lib/prepare-database';
import { SEED_TABLES } from '../lib/seed/county-rows';
import { type PhaseResult, phase } from './measure';

const EVENTS = Number(process.env.BENCH_AUDIT_EVENTS ?? 1_000_000);
// A case's history: registration, tasks opened and completed through the stages, measures, reviews.
const EVENTS_PER_CASE = 20;
const COUNTIES = ['370323', '370324', '370325', '370326', '370327'];
const BATCH = 5_000;
const WRITERS = 8;
const SPREAD = { events: 1_000, cases: 100 };

export interface AuditBenchResult {
  events: number;
  chains: number;
  generateSeconds: number;
  full: { seconds: number; report: Omit<AuditVerifyReport, 'breaks'> };
  appends: PhaseResult[];
  /** After the append phases, then after a minute's worth of a busy county (SPREAD events in as many cases). */
  incremental: { seconds: number; report: Omit<AuditVerifyReport, 'breaks'> }[];
}

export async function runAuditBench(log: (message: string) => void): Promise<AuditBenchResult> {
  const url = new URL(process.env.DATABASE_URL || DEFAULT_DATABASE_URL);
  url.pathname = `/changxiao_bench_audit_${Date.now()}`;
  const prepared = await prepareDatabase(url.toString(), false);
  const dataSource = await createDataSource(url.toString(), WRITERS + 2).initialize();
  try {
    const keys = resolveAuditSigningKeys({
      dataDir: '',
      audit: { signingKeys: { current: randomBytes(32), old: [] }, sealIntervalMs: 60_000 },
    });
    log(`留痕基准：生成 ${EVENTS} 条留痕（每案 ${EVENTS_PER_CASE} 条）…`);
    let started = performance.now();
    const chains = await generateEvents(prepared.dataSource, EVENTS);
    const generateSeconds = seconds(started);
    await sealAuditChains(dataSource, keys);

    log(`全量校验 ${EVENTS} 条…`);
    started = performance.now();
    const full = await verifyAuditLog(dataSource, keys, { full: true });
    const fullSeconds = seconds(started);
    if (!full.ok) throw new Error(`generated audit log does not verify: ${full.breaks[0]?.problem}`);

    log('追加速率：1 个写入者；多个写入者同一案件；多个写入者各自的案件…');
    const appends = [
      await phase('append, 1 case', 1, appender(dataSource, true)),
      await phase('append, 1 case', WRITERS, appender(dataSource, true)),
      await phase(`append, ${WRITERS} cases`, WRITERS, appender(dataSource, false)),
    ];

    log(`增量校验：追加阶段新增的留痕；再追加 ${SPREAD.events} 条（${SPREAD.cases} 个案件）后…`);
    const incremental = [await timedVerify(dataSource, keys)];
    await appendSpread(dataSource);
    incremental.push(await timedVerify(dataSource, keys));
    return {
      events: EVENTS,
      chains,
      generateSeconds,
      full: { seconds: fullSeconds, report: withoutBreaks(full) },
      appends,
      incremental,
    };
  } finally {
    await dataSource.destroy();
    await prepared.dataSource.destroy();
    await dropDatabase(url.toString());
  }
}

async function timedVerify(dataSource: DataSource, keys: AuditSigningKeys) {
  const started = performance.now();
  const report = await verifyAuditLog(dataSource, keys);
  if (!report.ok) throw new Error(`incremental verification failed: ${report.breaks[0]?.problem}`);
  return { seconds: seconds(started), report: withoutBreaks(report) };
}

/** SPREAD.events events, one transaction each, over SPREAD.cases cases. */
async function appendSpread(dataSource: DataSource): Promise<void> {
  const cases = Array.from({ length: SPREAD.cases }, () => randomUUID());
  const write = appender(dataSource, false, cases);
  for (let i = 0; i < SPREAD.events; i += 1) await write.roundTrip(i % SPREAD.cases);
}

const seconds = (since: number) => Math.round((performance.now() - since) / 100) / 10;
const withoutBreaks = ({ breaks: _breaks, ...report }: AuditVerifyReport) => report;

/**
 * Appends one event per round trip, each in its own transaction: all writers to one case (`shared`), or
 * each writer to a case of its own.
 */
function appender(
  dataSource: DataSource,
  shared: boolean,
  ownCases = Array.from({ length: WRITERS }, () => randomUUID()),
) {
  const actor: Actor = {
    userId: randomUUID(),
    username: 'bench',
    role: 'caseworker',
    jurisdictionId: '370323',
  };
  const oneCase = randomUUID();
  return {
    roundTrip: (user: number) =>
      dataSource.transaction(async (manager) => {
        const caseId = shared ? oneCase : ownCases[user];
        await appendAuditEvent(manager, {
          eventKey: `bench:${randomUUID()}`,
          actor,
          action: 'task.completed',
          entityType: 'task',
          entityId: `${caseId}:homeSurvey:1`,
          caseId,
          after: { decision: 'approve', stage: 'appraisal' },
          reason: '入户调查属实',
        });
      }),
  };
}

/** Writes `total` events in chains of EVENTS_PER_CASE, with their heads; returns how many chains. */
async function generateEvents(owner: DataSource, total: number): Promise<number> {
  const actor = {
    userId: randomUUID(),
    username: 'cw_bench',
    role: 'caseworker',
    jurisdictionId: '370323001',
  };
  const start = Date.now() - total * 1000;
  const columns: Record<string, unknown[]> = {};
  const heads: { chain: string[]; county: string[]; seq: number[]; hash: string[] } = {
    chain: [],
    county: [],
    seq: [],
    hash: [],
  };
  const flush = async () => {
    if (!columns.event_key?.length) return;
    await owner.query(
      `INSERT INTO audit_events (event_key, occurred_at, actor_id, actor_username, actor_role,
         actor_jurisdiction_id, action, entity_type, entity_id, case_id, before, after, reason, request_id,
         chain, seq, prev_hash, hash)
       SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[],
         $7::text[], $8::text[], $9::text[], $10::uuid[], $11::jsonb[], $12::jsonb[], $13::text[], $14::text[],
         $15::text[], $16::bigint[], $17::text[], $18::text[])`,
      COLUMNS.map((name) => columns[name]),
    );
    for (const name of COLUMNS) columns[name] = [];
  };
  let written = 0;
  let chains = 0;
  while (written < total) {
    const caseId = randomUUID();
    const chain = `case:${caseId}`;
    let prevHash = AUDIT_GENESIS_HASH;
    const length = Math.min(EVENTS_PER_CASE, total - written);
    for (let seq = 1; seq <= length; seq += 1) {
      const stage = STAGES[(seq - 1) % STAGES.length];
      const row: Record<string, unknown> = {
        event_key: `${caseId}:${seq}`,
        occurred_at: new Date(start + (written + seq) * 1000),
        actor_id: actor.userId,
        actor_username: actor.username,
        actor_role: actor.role,
        actor_jurisdiction_id: actor.jurisdictionId,
        action: seq === 1 ? 'case.created' : seq % 2 === 0 ? 'task.opened' : 'task.completed',
        entity_type: seq === 1 ? 'case' : 'task',
        entity_id: seq === 1 ? caseId : `${caseId}:${stage}:1`,
        case_id: caseId,
        before: seq === 1 ? null : { stage },
        after: { stage, decision: 'approve', form: { members: 3, perCapitaIncome: '5210.50' } },
        reason: seq % 5 === 0 ? '经民主评议通过' : null,
        request_id: randomUUID(),
        chain,
        seq: String(seq),
      };
      row.prev_hash = prevHash;
      row.hash = auditHash(prevHash, hashedAuditRow(row));
      prevHash = row.hash as string;
      for (const name of COLUMNS) {
        const value = row[name];
        (columns[name] ??= []).push(
          (name === 'before' || name === 'after') && value !== null ? JSON.stringify(value) : value,
        );
      }
    }
    heads.chain.push(chain);
    heads.county.push(COUNTIES[chains % COUNTIES.length]);
    heads.seq.push(length);
    heads.hash.push(prevHash);
    written += length;
    chains += 1;
    if (columns.event_key.length >= BATCH) await flush();
  }
  await flush();
  await owner.query(
    `INSERT INTO audit_chain_heads (chain, county_id, seq, hash)
     SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[])`,
    [heads.chain, heads.county, heads.seq, heads.hash],
  );
  await owner.query('ANALYZE audit_events');
  await owner.query('ANALYZE audit_chain_heads');
  return chains;
}

// The audit log's columns, as the province seed copies them.
const COLUMNS = SEED_TABLES.audit_events;
const STAGES = ['homeSurvey', 'democraticAppraisal', 'publicNotice', 'countyApproval', 'supportPlan'];
