// `npm run bench`: (1) the human-task round trip (complete a task → the next task is open) through the
// API at 1, 10 and 50 concurrent users, beside the same round trip straight against Temporal with no
// API and no read model (the floor); (2) the web UI's budgets in Chromium (scripts/bench/web); (3) the
// inbox's first page at province scale (scripts/bench/inbox); (4) the audit log's verification and append
// rate at 1,000,000 events (scripts/bench/audit); (5) a 200,000-row ledger exported as xlsx: time and the
// API's peak memory (scripts/bench/ledger-export). BENCH_ONLY=roundtrip, web, inbox, audit or ledger runs one
// part.
// Prints tables and writes a JSON report to bench-results/.
// Everything runs on loopback, bounded in count and time per phase.

import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import { DEFAULT_DATABASE_URL } from '@libs/config';
import { dropDatabase } from '@libs/persistence';
import { AesGcmPayloadCodec, connectClient, ensureTemporalCli, startDevServer } from '@libs/temporal';
import { DEMO_PASSWORD } from './lib/demo-county';
import { freePort } from './lib/free-port';
import { prepareDatabase } from './lib/prepare-database';
import { syntheticApplication, syntheticSurvey } from './lib/synthetic-households';
import { floorDecisionUpdate } from './bench/floor.workflow';
import { completeTaskUpdate, householdCaseWorkflowId } from '@libs/contracts';
import { type AuditBenchResult, runAuditBench } from './bench/audit';
import { type InboxBenchResult, runInboxBench } from './bench/inbox';
import { type LedgerExportBenchResult, runLedgerExportBench } from './bench/ledger-export';
import { type WebBenchResult, runWebBench } from './bench/web';
import {
  PHASE_SECONDS,
  type PhaseResult,
  phase,
  post,
  round,
  spawnNode,
  type Subject,
  waitFor,
} from './bench/measure';

const CONCURRENCY = [1, 10, 20, 50];
const ROUNDS_PER_CASE = 40;
const ROOT = join(__dirname, '..', '..');

async function main(): Promise<void> {
  const children: ChildProcess[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(
      children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : undefined)),
    );
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  process.once('SIGINT', () => void stopAll().then(() => process.exit(130)));

  const only = process.env.BENCH_ONLY;
  // The audit log's part needs a scratch database only, not the platform: it runs first.
  const audit = only === undefined || only === 'audit' ? await runAuditBench(console.log) : undefined;
  if (audit) printAuditTable(audit);
  if (only === 'audit') return writeReport({ audit });

  try {
    console.log('准备基准测试环境：临时数据库、Temporal 开发服务器（SQLite WAL）、worker 与 API 进程…');
    const db = new URL(process.env.DATABASE_URL || DEFAULT_DATABASE_URL);
    db.pathname = `/changxiao_bench_${Date.now()}`;
    const databaseUrl = db.toString();
    const prepared = await prepareDatabase(databaseUrl, true);
    // The round trip measures one human step; the demo county's six data-check requests per case are not
    // part of it.
    await prepared.dataSource.query(
      `UPDATE county_policies SET policy = policy || '{"dataCheckDepartments": []}' WHERE county_id = '370323'`,
    );
    await prepared.dataSource.destroy();
    cleanups.push(() => dropDatabase(databaseUrl));

    const dataDir = mkdtempSync(join(tmpdir(), 'changxiao-bench-'));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const cliPath = await ensureTemporalCli(process.env.TEMPORAL_CLI_PATH, ROOT, console.log);
    const server = await startDevServer({
      cliPath,
      port: 17233,
      namespace: 'default',
      dataDir,
      log: () => undefined,
    });
    cleanups.push(() => server.stop());

    const port = await freePort();
    const taskQueue = `bench-${randomUUID()}`;
    // The run's payload key: the worker, the API and the direct client below encrypt as in production.
    const payloadKey = randomBytes(32);
    const env = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: server.address,
      TEMPORAL_TASK_QUEUE: taskQueue,
      PORT: String(port),
      HOST: '127.0.0.1',
      JWT_SECRET: 'bench-secret-0123456789abcdef',
      TEMPORAL_PAYLOAD_KEY: payloadKey.toString('base64'),
    };
    children.push(spawnNode('apps/worker/src/main.js', [], env), spawnNode('apps/api/src/main.js', [], env));
    const floorQueue = `bench-floor-${randomUUID()}`;
    const floorWorker = spawnNode('scripts/bench/floor-worker.js', [server.address, floorQueue], env);
    children.push(floorWorker);
    const baseUrl = `http://127.0.0.1:${port}/api`;
    await waitFor(async () => (await fetch(`${baseUrl}/health`)).ok, 'API');
    await new Promise<void>((resolve, reject) => {
      floorWorker.once('message', () => resolve());
      floorWorker.once('exit', (code) => reject(new Error(`floor worker exited with code ${code}`)));
    });

    const caseworker = await post(`${baseUrl}/auth/login`, {
      username: 'cw_dongli_east',
      password: DEMO_PASSWORD,
    });
    const client = await connectClient({
      address: server.address,
      namespace: 'default',
      payloadCodec: new AesGcmPayloadCodec({ current: payloadKey, old: [] }),
    });
    cleanups.push(() => client.connection.close());

    // A decision on a case's open task, returning the case's new stage: through the API, or straight
    // to the workflow as the same Update with the same read-model writes but no API ("direct").
    type Decision = { decision: string; reason?: string; form?: Record<string, unknown> };
    type Decide = (taskId: string, decision: Decision, by: typeof caseworker) => Promise<string>;
    const throughApi: Decide = async (taskId, decision, by) =>
      (await post(`${baseUrl}/tasks/${taskId}/complete`, decision, by.accessToken)).case.stage;
    const direct: Decide = async (taskId, decision, by) => {
      const state = await client.workflow
        .getHandle(householdCaseWorkflowId(taskId.split(':')[0]))
        .executeUpdate(completeTaskUpdate, {
          updateId: randomUUID(),
          args: [
            {
              taskId,
              ...(decision as { decision: 'approve' | 'return' }),
              actor: {
                userId: by.user.id,
                username: by.user.username,
                role: by.user.role,
                jurisdictionId: by.user.jurisdictionId,
              },
            },
          ],
        });
      return state.stage;
    };

    // A case takes ROUNDS_PER_CASE round trips, then the user moves to a fresh one (set up untimed):
    // real cases see a handful of decisions each, and Temporal caps the updates one run may take.
    // Each round trip alternates a home survey (→ appraisal, with the criteria evaluated) and an
    // appraisal sent back for a new survey (→ home survey again).
    type BenchCase = {
      id: string;
      survey: Decision;
      next: 'homeSurvey' | 'democraticAppraisal';
      attempt: number;
      rounds: number;
    };
    const caseSubject = (decide: Decide): Subject => {
      const cases: (BenchCase | undefined)[] = [];
      return {
        async prepare(user) {
          if (cases[user] && cases[user].rounds < ROUNDS_PER_CASE) return;
          const application = syntheticApplication();
          const created = await post(`${baseUrl}/cases`, application, caseworker.accessToken);
          const survey = { decision: 'approve', form: syntheticSurvey(application.members) };
          cases[user] = { id: created.id, survey, next: 'homeSurvey', attempt: 1, rounds: 0 };
        },
        async roundTrip(user) {
          const c = cases[user]!;
          c.rounds += 1;
          if (c.next === 'homeSurvey') {
            const stage = await decide(`${c.id}:homeSurvey:${c.attempt}`, c.survey, caseworker);
            if (stage !== 'democraticAppraisal') throw new Error(`unexpected stage ${stage}`);
            c.next = 'democraticAppraisal';
          } else {
            const stage = await decide(
              `${c.id}:democraticAppraisal:${c.attempt}`,
              { decision: 'return', reason: '基准测试：退回重新入户' },
              caseworker,
            );
            if (stage !== 'homeSurvey') throw new Error(`unexpected stage ${stage}`);
            c.next = 'homeSurvey';
            c.attempt += 1;
          }
        },
      };
    };
    const api = caseSubject(throughApi);
    const directSubject = caseSubject(direct);

    const floors: ({ handle: WorkflowHandle; rounds: number } | undefined)[] = [];
    const floorHandles: WorkflowHandle[] = [];
    cleanups.push(async () => {
      await Promise.all(floorHandles.map((h) => h.terminate('benchmark finished').catch(() => undefined)));
    });
    const floor: Subject = {
      async prepare(user) {
        if (floors[user] && floors[user].rounds < ROUNDS_PER_CASE) return;
        const handle = await client.workflow.start('benchFloor', {
          taskQueue: floorQueue,
          workflowId: `bench-floor-${user}-${randomUUID()}`,
        });
        floorHandles.push(handle);
        floors[user] = { handle, rounds: 0 };
      },
      async roundTrip(user) {
        const f = floors[user]!;
        f.rounds += 1;
        await f.handle.executeUpdate(floorDecisionUpdate);
      },
    };

    let roundTrip: PhaseResult[] | undefined;
    if (only === undefined || only === 'roundtrip') {
      // Warm both paths before measuring.
      await phase('api', 2, api);
      await phase('direct', 2, directSubject);
      await phase('floor', 2, floor);
      roundTrip = [];
      for (const users of CONCURRENCY) {
        console.log(`测量 ${users} 个并发用户（每项 ${PHASE_SECONDS} 秒）…`);
        roundTrip.push(await phase('api', users, api));
        roundTrip.push(await phase('direct', users, directSubject));
        roundTrip.push(await phase('floor', users, floor));
      }
      printTable(roundTrip);
    }
    const web =
      only === undefined || only === 'web'
        ? await runWebBench(`http://127.0.0.1:${port}`, console.log)
        : undefined;
    if (web) printWebTable(web);
    const inbox =
      only === undefined || only === 'inbox'
        ? await runInboxBench(server.address, children, console.log)
        : undefined;
    if (inbox) printInboxTable(inbox.inbox, inbox.dashboard);
    const ledgerExport =
      only === undefined || only === 'ledger'
        ? await runLedgerExportBench(server.address, children, console.log)
        : undefined;
    if (ledgerExport) printLedgerExportTable(ledgerExport);
    writeReport({ roundTrip, web, ...inbox, audit, ledgerExport });
  } finally {
    await stopAll();
  }
}

function printTable(results: PhaseResult[]): void {
  const find = (label: string, users: number) => results.find((r) => r.label === label && r.users === users)!;
  const cell = (r: PhaseResult) => `${r.throughput} | ${r.p50} / ${r.p95} / ${r.p99}`;
  const lines = [
    '',
    '人工任务往返（办理 → 下一任务已开启）：API 全链路；直连（同一 Update、同样的读模型写入，无 API）；裸 Temporal 下限',
    '| users | API ops/s | API p50 / p95 / p99 ms | direct ops/s | direct p50 / p95 / p99 ms | bare ops/s | bare p50 / p95 / p99 ms | API ÷ direct | API ÷ bare | errors |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...CONCURRENCY.map((users) => {
      const [api, direct, bare] = ['api', 'direct', 'floor'].map((label) => find(label, users));
      return (
        `| ${users} | ${cell(api)} | ${cell(direct)} | ${cell(bare)} | ` +
        `${round((api.throughput / direct.throughput) * 100)}% | ${round((api.throughput / bare.throughput) * 100)}% | ` +
        `${api.errors + direct.errors + bare.errors} |`
      );
    }),
    '',
  ];
  console.log(lines.join('\n'));
}

function printInboxTable(inbox: InboxBenchResult[], dashboard: PhaseResult): void {
  const lines = [
    '',
    `待办首页（每页 20 条，${inbox[0]?.api.users ?? 0} 个并发用户）：API 对比 直接执行同一 SQL`,
    '| scope | open tasks in scope | API ops/s | API p50 / p95 / p99 ms | SQL p50 / p95 / p99 ms | API p95 ÷ SQL p95 |',
    '|---|---|---|---|---|---|',
    ...inbox.map(
      ({ scope, openTasksInScope, api, sql }) =>
        `| ${scope} | ${openTasksInScope} | ${api.throughput} | ${api.p50} / ${api.p95} / ${api.p99} | ` +
        `${sql.p50} / ${sql.p95} / ${sql.p99} | ${round(api.p95 / sql.p95)}× |`,
    ),
    '',
    `督办汇总（县级，${dashboard.users} 个并发用户）：p50 / p95 / p99 = ${dashboard.p50} / ${dashboard.p95} / ${dashboard.p99} ms`,
    '',
  ];
  console.log(lines.join('\n'));
}

function printAuditTable(audit: AuditBenchResult): void {
  const verified = (label: string, { seconds, report }: AuditBenchResult['full'], budget = '< 1 s') =>
    `| ${label} | ${report.checked} rows, ${report.chains} chains, ${report.checkpoints} checkpoints | ` +
    `${seconds} s | ${budget} |`;
  const lines = [
    '',
    `留痕（${audit.events} 条，${audit.chains} 条链，生成用时 ${audit.generateSeconds} 秒）：校验 对比 预算`,
    '| verification | read | took | budget |',
    '|---|---|---|---|',
    verified('full', audit.full, '< 60 s'),
    verified('incremental, after the appends below', audit.incremental[0]),
    verified('incremental, after 1,000 more events in 100 cases', audit.incremental[1]),
    '',
    '追加速率（每次一个事务、一条留痕）',
    '| writers | ops/s | p50 / p95 / p99 ms | errors |',
    '|---|---|---|---|',
    ...audit.appends.map(
      (r) => `| ${r.users} × ${r.label} | ${r.throughput} | ${r.p50} / ${r.p95} / ${r.p99} | ${r.errors} |`,
    ),
    '',
  ];
  console.log(lines.join('\n'));
}

function printLedgerExportTable(result: LedgerExportBenchResult): void {
  const lines = [
    '',
    `台账导出 xlsx（${result.entries} 条，逐行读回核对）：预算 < 60 s、< 200 MB 对比 实测`,
    '| API heap | file | time to the last byte | API RSS idle → peak (sampled / high-water mark) |',
    '|---|---|---|---|',
    ...result.runs.map(
      (run) =>
        `| ${run.heap} | ${run.rowsRead} rows, ${run.megabytes} MB | ${run.seconds} s | ` +
        `${run.idleRssMB} → ${run.peakRssMB} / ${run.highWaterMarkMB} MB |`,
    ),
    '',
  ];
  console.log(lines.join('\n'));
}

function printWebTable(web: WebBenchResult): void {
  const spread = (ms: number[]) => {
    const sorted = [...ms].sort((a, b) => a - b);
    return `${sorted[Math.floor(sorted.length / 2)]} / ${sorted[sorted.length - 1]}`;
  };
  const lines = [
    '',
    '网页（Chromium，本机回环）：预算 对比 实测',
    '| budget | limit | measured |',
    '|---|---|---|',
    `| login + inbox JavaScript, gzipped | ≤ 350 kB | ${web.loginAndInboxScriptKB} kB in ${web.scriptFiles} files |`,
    `| inbox interactive after navigation (${web.openTasksInScope} open tasks in scope), median / max | ≤ 1000 ms | ` +
      `navigation ${spread(web.inboxColdMs)} ms; reload ${spread(web.inboxWarmMs)} ms |`,
    `| decision → next task shown, median / max | ≤ 1000 ms | ${spread(web.decisionToNextTaskMs)} ms |`,
    '',
  ];
  console.log(lines.join('\n'));
}

function writeReport(results: Record<string, unknown>): void {
  const dir = join(ROOT, 'bench-results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
  writeFileSync(file, JSON.stringify({ phaseSeconds: PHASE_SECONDS, machine, ...results }, null, 2));
  console.log(`报告已写入 ${file}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
