// The inbox at province scale: the first page of GET /tasks at village, township and county scope, at 8
// concurrent users, beside the same query run straight in SQL (the floor); and the supervisor's summary.

import type { ChildProcess } from 'node:child_process';
import { DEFAULT_DATABASE_URL } from '@libs/config';
import { TasksRepository, createDataSource } from '@libs/persistence';
import { DEMO_PASSWORD } from '../lib/demo-county';
import { freePort } from '../lib/free-port';
import { type PhaseResult, phase, post, request, spawnNode, waitFor } from './measure';
import { BENCH_SCOPES } from '../lib/seed/scales';
import { seedDatabase } from '../lib/seed/seed-database';

const USERS = 8;
// The measuring "user" holds no tasks; the count of "mine" needs some id.
const NOBODY = '00000000-0000-0000-0000-000000000000';
// BENCH_PROVINCE_DATABASE names another database on the same server, e.g. one seeded by `npm run seed`.
const DATABASE = process.env.BENCH_PROVINCE_DATABASE || 'changxiao_bench_province';

export interface InboxBenchResult {
  scope: string;
  openTasksInScope: number;
  api: PhaseResult;
  sql: PhaseResult;
}

export function provinceDatabaseUrl(): string {
  const url = new URL(process.env.DATABASE_URL || DEFAULT_DATABASE_URL);
  url.pathname = `/${DATABASE}`;
  return url.toString();
}

/** The province database, seeded by `npm run seed`'s code on the first run (minutes) and kept for later ones. */
async function provinceDatabase(log: (message: string) => void): Promise<void> {
  log(`省级数据：数据库 ${DATABASE}（首次运行时按 province 规模生成，之后复用）…`);
  const report = await seedDatabase(provinceDatabaseUrl(), 'province', { log, progressBars: false });
  if (report.seededCounties > 0) log(`生成完成，用时 ${Math.round(report.seconds)} 秒`);
}

export async function runInboxBench(
  temporalAddress: string,
  children: ChildProcess[],
  log: (message: string) => void,
): Promise<{ inbox: InboxBenchResult[]; dashboard: PhaseResult }> {
  await provinceDatabase(log);
  // As many connections as measuring users, like the API's own pool.
  const dataSource = await createDataSource(provinceDatabaseUrl(), USERS).initialize();
  try {
    const port = await freePort();
    children.push(
      spawnNode('apps/api/src/main.js', [], {
        ...process.env,
        DATABASE_URL: provinceDatabaseUrl(),
        TEMPORAL_ADDRESS: temporalAddress,
        PORT: String(port),
        HOST: '127.0.0.1',
        JWT_SECRET: 'bench-secret-0123456789abcdef',
        // As the stacks run it (start:prod's level): a line per request would be measured too.
        LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
      }),
    );
    const baseUrl = `http://127.0.0.1:${port}/api`;
    await waitFor(async () => (await fetch(`${baseUrl}/health`)).ok, 'API');
    const repository = new TasksRepository();
    const inbox: InboxBenchResult[] = [];
    for (const [scope, user] of Object.entries(BENCH_SCOPES).filter(([name]) => name !== 'supervisor')) {
      const token = (
        await post(`${baseUrl}/auth/login`, { username: user.username, password: DEMO_PASSWORD })
      ).accessToken;
      const [place] = await dataSource.query('SELECT path FROM jurisdictions WHERE id = $1', [
        user.jurisdictionId,
      ]);
      const counts = await repository.countInboxTabs(
        dataSource,
        { scopePath: place.path, role: user.role, userId: NOBODY },
        new Date(),
      );
      log(`测量 ${scope} 范围首页（${USERS} 个并发用户，范围内 ${counts.total} 个待办）…`);
      const firstPage = {
        roundTrip: async () => {
          const page = await request('GET', `${baseUrl}/tasks?limit=20`, undefined, token);
          if (page.items.length === 0) throw new Error('empty inbox');
        },
      };
      await phase(`warm-up:${scope}`, USERS, firstPage, 3);
      const api = await phase(`api:${scope}`, USERS, firstPage);
      const sql = await phase(`sql:${scope}`, USERS, {
        roundTrip: async () => {
          await repository.findOpenForInbox(
            dataSource,
            { scopePath: place.path, role: user.role, userId: NOBODY },
            { assignment: 'any' },
            'urgency',
            undefined,
            21,
          );
        },
      });
      inbox.push({ scope, openTasksInScope: counts.total, api, sql });
    }
    const supervisor = BENCH_SCOPES.supervisor;
    const token = (
      await post(`${baseUrl}/auth/login`, { username: supervisor.username, password: DEMO_PASSWORD })
    ).accessToken;
    log('测量督办汇总（县级，2 个并发用户）…');
    const dashboard = await phase('dashboard:county', 2, {
      roundTrip: async () => {
        await request('GET', `${baseUrl}/supervision/summary`, undefined, token);
      },
    });
    return { inbox, dashboard };
  } finally {
    await dataSource.destroy();
  }
}
