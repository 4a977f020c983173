// The two stacks the benchmark measures, each in scratch databases and ports of its own: `dev`, the Temporal
// dev server (SQLite, WAL) with one worker and one API process (as `npm start`); `prod`, the Temporal server
// 1.29.1 built from its Go module on PostgreSQL with two workers and the API cluster of two processes (as
// `npm run start:prod`). Both start the bench's floor worker too, and load the statement counter
// (query-counter) into every platform process.

import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import { DEFAULT_DATABASE_URL, loadConfig } from '@libs/config';
import { dropDatabase } from '@libs/persistence';
import {
  AesGcmPayloadCodec,
  connectClient,
  ensureTemporalCli,
  ensureTemporalServer,
  startDevServer,
  prepareTemporalServer,
  startTemporalServer,
  temporalDatabases,
} from '@libs/temporal';
import { freePort, freePortBlock } from '../lib/free-port';
import { prepareDatabase } from '../lib/prepare-database';
import { childPids, spawnNode, stopChild, waitFor } from './measure';

export const STACK_KINDS = ['dev', 'prod'] as const;
export type StackKind = (typeof STACK_KINDS)[number];

export const STACK_LABELS: Record<StackKind, string> = {
  dev: '开发栈：Temporal 开发服务器（SQLite WAL），1 个 worker，1 个 API 进程',
  prod: '生产栈：Temporal 服务器 1.29.1（PostgreSQL），2 个 worker，API 集群 2 个进程',
};

const ROOT = join(__dirname, '..', '..', '..');
/** The databases a run creates (and drops) are named <prefix>_<stack>_<time>. */
const DATABASE_PREFIX = process.env.BENCH_DATABASE_PREFIX || 'changxiao_bench';
/** BENCH_TEMPORAL_SYNCHRONOUS_COMMIT=off: Temporal's databases commit without waiting for the WAL's flush. */
const TEMPORAL_SYNCHRONOUS_COMMIT = process.env.BENCH_TEMPORAL_SYNCHRONOUS_COMMIT;

async function setSynchronousCommit(databaseUrl: string, databases: string[], value: string): Promise<void> {
  if (!['on', 'off', 'local', 'remote_write', 'remote_apply'].includes(value)) {
    throw new Error(
      `BENCH_TEMPORAL_SYNCHRONOUS_COMMIT=${value}: 应为 on、off、local、remote_write 或 remote_apply`,
    );
  }
  const admin = new PgClient({ connectionString: databaseUrl });
  await admin.connect();
  try {
    for (const name of databases) {
      await admin.query(`ALTER DATABASE "${name.replace(/"/g, '""')}" SET synchronous_commit = ${value}`);
    }
  } finally {
    await admin.end();
  }
}

/** The processes whose CPU and memory the benchmark reads, by role. */
export interface StackPids {
  worker: number[];
  /** The bench's own worker of the floor workflows. */
  floorWorker: number[];
  api: number[];
  temporal: number[];
}

export interface BenchStack {
  kind: StackKind;
  databaseUrl: string;
  /** Temporal's own databases on the same PostgreSQL (prod only). */
  temporalDatabaseNames: string[];
  temporalAddress: string;
  /** http://127.0.0.1:<port>: the web UI; the API under /api. */
  origin: string;
  baseUrl: string;
  /** A client with the run's payload key, as the API's. */
  client: Client;
  floorQueue: string;
  workerProcesses: number;
  /** Where every platform process writes its statement counts (query-counter). */
  queryCountDir: string;
  /** Platform processes that exited while the bench ran (a crash is a finding, and no supervisor restarts it). */
  exits: string[];
  pids(): StackPids;
  /**
   * Stops the workers and the API and starts them again with Node's flags given (e.g. --cpu-prof), without
   * the statement counter (a profile would count its cost as pg's).
   */
  restartPlatform(execArgv: string[]): Promise<void>;
  /** Stops the workers and the API (their CPU profiles are written on exit). */
  stopPlatform(): Promise<void>;
  stop(): Promise<void>;
}

export async function startStack(kind: StackKind, log: (message: string) => void): Promise<BenchStack> {
  const cleanups: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const db = new URL(process.env.DATABASE_URL || DEFAULT_DATABASE_URL);
    db.pathname = `/${DATABASE_PREFIX}_${kind}_${Date.now()}`;
    const databaseUrl = db.toString();
    const prepared = await prepareDatabase(databaseUrl, true);
    cleanups.push(() => dropDatabase(databaseUrl));
    // A decision measures one human step: the demo county's six data-check requests per case are not part
    // of it. The notice, the review interval and the observation last a second (the lifecycle part).
    await prepared.dataSource.query(
      `UPDATE county_policies SET policy = policy || $1::jsonb WHERE county_id = '370323'`,
      [
        JSON.stringify({
          dataCheckDepartments: [],
          publicNotice: 'PT1S',
          reviewInterval: 'PT1S',
          observation: 'PT1S',
        }),
      ],
    );
    await prepared.dataSource.destroy();

    const dataDir = mkdtempSync(join(tmpdir(), `changxiao-bench-${kind}-`));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    let temporalAddress: string;
    let temporalProcess: () => ChildProcess | undefined;
    let temporalDatabaseNames: string[] = [];
    if (kind === 'dev') {
      const cliPath = await ensureTemporalCli(process.env.TEMPORAL_CLI_PATH, ROOT, log);
      const server = await startDevServer({
        cliPath,
        port: await freePort(),
        namespace: 'default',
        dataDir,
        log: () => undefined,
      });
      cleanups.push(() => server.stop());
      temporalAddress = server.address;
      temporalProcess = () => server.process;
    } else {
      const settings = loadConfig().temporal.server;
      const binaries = await ensureTemporalServer(
        { serverPath: settings.path, sqlToolPath: settings.sqlToolPath },
        log,
      );
      const databases = temporalDatabases(databaseUrl);
      temporalDatabaseNames = [databases.default, databases.visibility];
      cleanups.push(async () => {
        for (const name of temporalDatabaseNames) {
          const url = new URL(databaseUrl);
          url.pathname = `/${name}`;
          await dropDatabase(url.toString());
        }
      });
      const options = {
        ...settings,
        binaries,
        databaseUrl,
        dataDir,
        port: await freePortBlock(9),
        metricsPort: await freePort(),
        namespace: 'default',
        log,
      };
      if (TEMPORAL_SYNCHRONOUS_COMMIT) {
        // A diagnosis, not a setting to run with: how much of the stack's time is Temporal's commits
        // waiting for the WAL's flush (off loses the last acknowledged writes if PostgreSQL crashes).
        await prepareTemporalServer(options);
        await setSynchronousCommit(databaseUrl, temporalDatabaseNames, TEMPORAL_SYNCHRONOUS_COMMIT);
        log(`Temporal 的数据库：synchronous_commit = ${TEMPORAL_SYNCHRONOUS_COMMIT}（仅用于诊断）`);
      }
      const server = await startTemporalServer(options);
      cleanups.push(() => server.stop());
      temporalAddress = server.address;
      temporalProcess = () => server.process;
    }

    const port = await freePort();
    const payloadKey = randomBytes(32);
    const queryCountDir = join(dataDir, 'query-counts');
    mkdirSync(queryCountDir);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_TASK_QUEUE: `bench-${randomUUID()}`,
      PORT: String(port),
      HOST: '127.0.0.1',
      JWT_SECRET: 'bench-secret-0123456789abcdef',
      // The run's payload key: the workers, the API and the bench's own client encrypt as in production.
      TEMPORAL_PAYLOAD_KEY: payloadKey.toString('base64'),
      // As start:prod: a line per request would be the API's own cost, not the platform's.
      LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
      NODE_OPTIONS: `--require ${require.resolve('./query-counter')}`,
      BENCH_QUERY_COUNT_DIR: queryCountDir,
      API_PROCESSES: '2',
    };
    const workerProcesses = kind === 'dev' ? 1 : 2;
    const apiScript = kind === 'dev' ? 'apps/api/src/main.js' : 'apps/api/src/cluster.js';
    let workers: ChildProcess[] = [];
    let api: ChildProcess | undefined;
    const origin = `http://127.0.0.1:${port}`;
    const baseUrl = `${origin}/api`;
    const startPlatform = async (execArgv: string[], countQueries: boolean) => {
      const processEnv = countQueries ? env : { ...env, NODE_OPTIONS: '', BENCH_QUERY_COUNT_DIR: '' };
      workers = Array.from({ length: workerProcesses }, () =>
        spawnNode('apps/worker/src/main.js', [], processEnv, execArgv),
      );
      api = spawnNode(apiScript, [], processEnv, execArgv);
      for (const [name, child] of [...workers.map((w) => ['worker', w] as const), ['API', api] as const]) {
        child.once('exit', (code, signal) => {
          if (!stopping)
            exits.push(
              `${new Date().toISOString()} ${name} 进程 ${child.pid} 意外退出（${signal ?? `code ${code}`}）`,
            );
        });
      }
      await waitFor(async () => (await fetch(`${baseUrl}/health`)).ok, 'API');
    };
    const exits: string[] = [];
    let stopping = false;
    const stopPlatform = async () => {
      stopping = true;
      await Promise.all([...workers, ...(api ? [api] : [])].map(stopChild));
      workers = [];
      api = undefined;
      stopping = false;
    };
    await startPlatform([], true);
    cleanups.push(stopPlatform);

    const floorQueue = `bench-floor-${randomUUID()}`;
    const floorWorker = spawnNode('scripts/bench/floor-worker.js', [temporalAddress, floorQueue], env);
    cleanups.push(() => stopChild(floorWorker));
    await new Promise<void>((resolve, reject) => {
      floorWorker.once('message', () => resolve());
      floorWorker.once('exit', (code) => reject(new Error(`floor worker exited with code ${code}`)));
    });
    const client = await connectClient({
      address: temporalAddress,
      namespace: 'default',
      payloadCodec: new AesGcmPayloadCodec({ current: payloadKey, old: [] }),
    });
    cleanups.push(() => client.connection.close());

    return {
      kind,
      databaseUrl,
      temporalDatabaseNames,
      temporalAddress,
      origin,
      baseUrl,
      client,
      floorQueue,
      workerProcesses,
      queryCountDir,
      exits,
      pids() {
        const apiPid = api?.pid;
        const temporalPid = temporalProcess()?.pid;
        return {
          worker: workers.flatMap((w) => (w.pid ? [w.pid] : [])),
          floorWorker: floorWorker.pid ? [floorWorker.pid] : [],
          // The cluster's primary and the processes it forked.
          api: apiPid ? [apiPid, ...childPids(apiPid)] : [],
          temporal: temporalPid ? [temporalPid] : [],
        };
      },
      async restartPlatform(execArgv) {
        await stopPlatform();
        await startPlatform(execArgv, false);
      },
      stopPlatform,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
