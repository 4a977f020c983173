// The production stack of `npm run start:prod`, its pieces started by the fault run itself so that it can
// kill and restart each: a PostgreSQL cluster of its own, the Temporal server built from its Go module on it
// (libs/temporal), two workers and the API cluster (dist/, built by `npm run build`) kept running by the
// launcher's supervisor. The children's output goes to files under the run's log directory.

import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { type AppConfig, loadConfig } from '@libs/config';
import { ensureTemporalServer, startTemporalServer, type TemporalServer } from '@libs/temporal';
import { freePort, freePortBlock } from '../../scripts/lib/free-port';
import { platformEnv } from '../../scripts/lib/launcher';
import { prepareDatabase } from '../../scripts/lib/prepare-database';
import { supervise, type SupervisedChild, whenSpawned } from '../../scripts/lib/supervisor';
import { PrivatePostgres } from './private-postgres';

/** How the harness's own connections call themselves: every other one is the platform's or Temporal's. */
export const HARNESS_APPLICATION_NAME = 'changxiao-faults';

/** The run's own settings, passed on to the workers and the API beside what platformEnv sets. */
const RUN_SETTINGS = ['DATA_DIR', 'HOST', 'PORT', 'SEED_DEMO', 'AUDIT_SIGNING_KEY', 'API_PROCESSES'];

function pick(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(RUN_SETTINGS.map((name) => [name, env[name]]));
}

/** The built platform: dist/ by default (npm run build), FAULTS_DIST for a build of one's own. */
const DIST = process.env.FAULTS_DIST ?? join(__dirname, '..', '..', 'dist');

export interface StackOptions {
  logDir: string;
  workers: number;
  apiProcesses: number;
  log: (message: string) => void;
}

export class FaultStack {
  readonly workers: SupervisedChild[] = [];
  api!: SupervisedChild;
  temporal!: TemporalServer;
  /** The harness's own pool (application_name HARNESS_APPLICATION_NAME), spared by the connection fault. */
  pool!: Pool;
  baseUrl!: string;
  config!: AppConfig;
  private readonly dataDir = mkdtempSync(join(tmpdir(), 'changxiao-faults-'));
  private readonly logs: WriteStream[] = [];

  private constructor(
    readonly postgres: PrivatePostgres,
    readonly databaseUrl: string,
    private readonly options: StackOptions,
  ) {}

  static async start(options: StackOptions): Promise<FaultStack> {
    for (const script of ['apps/worker/src/main.js', 'apps/api/src/cluster.js', 'workflow-bundle.js']) {
      if (!existsSync(join(DIST, script)))
        throw new Error(`${join(DIST, script)} 不存在：请先 npm run build`);
    }
    mkdirSync(options.logDir, { recursive: true });
    const postgres = new PrivatePostgres(await freePort());
    const stack = new FaultStack(postgres, postgres.url('changxiao_faults'), options);
    try {
      await stack.boot();
    } catch (error) {
      await stack.stop();
      throw error;
    }
    return stack;
  }

  private async boot(): Promise<void> {
    const { log } = this.options;
    await this.postgres.init();
    log(`PostgreSQL（本次专用）已启动：端口 ${this.postgres.port}`);
    const prepared = await prepareDatabase(this.databaseUrl, false);
    await prepared.dataSource.destroy();
    this.pool = new Pool({
      connectionString: this.databaseUrl,
      max: 8,
      application_name: HARNESS_APPLICATION_NAME,
    });
    // A connection cut while idle (the database stopped) is dropped from the pool; the next query reconnects.
    this.pool.on('error', () => undefined);

    const port = await freePort();
    const temporalPort = await freePortBlock(9);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: this.databaseUrl,
      DATA_DIR: this.dataDir,
      HOST: '127.0.0.1',
      PORT: String(port),
      SEED_DEMO: 'false',
      JWT_SECRET: randomBytes(32).toString('base64'),
      TEMPORAL_PAYLOAD_KEY: randomBytes(32).toString('base64'),
      AUDIT_SIGNING_KEY: randomBytes(32).toString('base64'),
      TEMPORAL_SERVER_PORT: String(temporalPort),
      TEMPORAL_METRICS_PORT: String(await freePort()),
      TEMPORAL_HISTORY_SHARDS: '4',
      API_PROCESSES: String(this.options.apiProcesses),
    };
    for (const unset of [
      'TEMPORAL_ADDRESS',
      'API_METRICS_PORT',
      'WORKER_METRICS_PORT',
      'WORKER_SDK_METRICS_PORT',
    ])
      delete env[unset];
    this.config = loadConfig(env);
    const settings = this.config.temporal.server;
    const binaries = await ensureTemporalServer(
      { serverPath: settings.path, sqlToolPath: settings.sqlToolPath },
      log,
    );
    this.temporal = await startTemporalServer({
      ...settings,
      binaries,
      databaseUrl: this.databaseUrl,
      dataDir: join(this.dataDir, 'temporal-server'),
      namespace: this.config.temporal.namespace,
      log: this.fileLog('temporal'),
    });
    log(`Temporal 服务器（PostgreSQL）已启动：${this.temporal.address}`);

    // start:prod's environment for its children, over this run's settings (port, data directory, keys).
    const childEnv = { ...platformEnv(this.config, this.databaseUrl, this.temporal.address), ...pick(env) };
    for (let i = 1; i <= this.options.workers; i++) {
      this.workers.push(await this.superviseNode(`worker ${i}`, 'apps/worker/src/main.js', childEnv));
    }
    this.api = await this.superviseNode('API', 'apps/api/src/cluster.js', childEnv);
    this.baseUrl = `http://127.0.0.1:${port}/api`;
    await this.waitForHealth(60_000);
    log(`API（${this.options.apiProcesses} 个进程）已就绪：${this.baseUrl}`);
  }

  /** A node script of the build, supervised as start:prod supervises it: started again when it dies. */
  private superviseNode(name: string, script: string, env: NodeJS.ProcessEnv): Promise<SupervisedChild> {
    const output = this.logFile(name.replace(/\s+/g, '-'));
    return supervise({
      name,
      log: (message) => {
        output.write(`[supervisor] ${message}\n`);
        this.options.log(message);
      },
      start: () => {
        const child: ChildProcess = spawn(process.execPath, ['--enable-source-maps', join(DIST, script)], {
          env,
          stdio: ['ignore', 'pipe', 'pipe'],
          detached: true,
        });
        child.stdout?.pipe(output, { end: false });
        child.stderr?.pipe(output, { end: false });
        return whenSpawned(child);
      },
    });
  }

  private logFile(name: string): WriteStream {
    const stream = createWriteStream(join(this.options.logDir, `${name}.log`), { flags: 'a' });
    this.logs.push(stream);
    return stream;
  }

  private fileLog(name: string): (message: string) => void {
    const stream = this.logFile(name);
    return (message) => stream.write(`${new Date().toISOString()} ${message}\n`);
  }

  async health(): Promise<boolean> {
    return fetch(`${this.baseUrl}/health`).then(
      (r) => r.ok,
      () => false,
    );
  }

  async waitForHealth(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await this.health())) {
      if (Date.now() > deadline) {
        const answer = await fetch(`${this.baseUrl}/health`).then((r) => r.text(), String);
        throw new Error(`API 在 ${timeoutMs / 1000} 秒内未就绪: ${this.baseUrl}/health ${answer}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /** Stops everything in the reverse order of its start and removes the run's data. */
  async stop(): Promise<void> {
    await this.api?.stop().catch(() => undefined);
    for (const worker of this.workers) await worker.stop().catch(() => undefined);
    await this.temporal?.stop().catch(() => undefined);
    await this.pool?.end().catch(() => undefined);
    await this.postgres.destroy();
    for (const stream of this.logs) stream.end();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
