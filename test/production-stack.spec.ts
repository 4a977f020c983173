// `npm run start:prod` (dist/scripts/start-prod.js, built by `npm run build`, which `pretest` runs) on a
// database and ports of its own: the Temporal server built from its Go module (once per machine; a few
// minutes the first time) on PostgreSQL, two workers and the API as two processes behind one port. A case
// goes in through the API and its first task comes back from a worker; both API processes answer; Ctrl-C
// stops everything, the Temporal server with it.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource, dropDatabase } from '@libs/persistence';
import { ensureTemporalServer, temporalDatabases } from '@libs/temporal';
import { freePort, freePortBlock } from '../scripts/lib/free-port';
import { createCounty } from './support/county';
import { alive, LauncherProcess } from './support/launcher-process';
import { Lifecycle } from './support/lifecycle';
import { eventually, type Platform, testEnv } from './support/platform';

const databaseUrl = (() => {
  const url = new URL(testEnv().databaseUrl);
  url.pathname = `/changxiao_stack_${process.pid}_${Date.now()}`;
  return url.toString();
})();
const dataDir = mkdtempSync(join(tmpdir(), 'changxiao-stack-'));
let launcher: LauncherProcess | undefined;
let dataSource: DataSource | undefined;

beforeAll(async () => {
  // On a machine without the server yet, built here (3–5 minutes, once), not inside the launcher's wait.
  await ensureTemporalServer({ serverPath: undefined, sqlToolPath: undefined }, (message) =>
    console.log(`[production-stack] ${message}`),
  );
}, 900_000);

afterAll(async () => {
  await dataSource?.destroy();
  if (launcher?.running) await launcher.stop();
  const temporal = temporalDatabases(databaseUrl);
  for (const name of [temporal.default, temporal.visibility]) {
    const url = new URL(databaseUrl);
    url.pathname = `/${name}`;
    await dropDatabase(url.toString());
  }
  await dropDatabase(databaseUrl);
  rmSync(dataDir, { recursive: true, force: true });
});

it('starts the Temporal server on PostgreSQL, two workers and two API processes on one port; a case gets its first task; Ctrl-C stops all', async () => {
  const port = await freePort();
  const metricsPorts = await freePortBlock(6);
  launcher = LauncherProcess.start('start:prod', {
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    PORT: String(port),
    TEMPORAL_SERVER_PORT: String(await freePortBlock(9)),
    TEMPORAL_HISTORY_SHARDS: '4',
    // Beside the other specs' platforms on the one PostgreSQL (100 connections): small pools.
    TEMPORAL_DB_MAX_CONNS: '3',
    DATABASE_POOL_SIZE: '3',
    TEMPORAL_METRICS_PORT: String(metricsPorts),
    API_METRICS_PORT: String(metricsPorts + 1),
    // Worker 1's own and worker 2's (+ 1), then their Temporal SDK's.
    WORKER_METRICS_PORT: String(metricsPorts + 2),
    WORKER_SDK_METRICS_PORT: String(metricsPorts + 4),
    JWT_SECRET: 'production-stack-spec-secret-0123456789',
    SEED_DEMO: 'false',
  });
  await launcher.waitFor(/平台已启动/, 120_000);
  const baseUrl = `http://127.0.0.1:${port}/api`;

  const health = await fetch(`${baseUrl}/health`).then((r) => r.json());
  expect(health).toMatchObject({
    status: 'ok',
    postgres: { status: 'up' },
    temporal: { status: 'up', namespace: 'default' },
  });

  // A case through the API: a worker on the server on PostgreSQL starts it and opens its first task.
  dataSource = await createDataSource(databaseUrl, 2).initialize();
  const county = await createCounty(dataSource, baseUrl);
  const lifecycle = new Lifecycle({ dataSource } as Platform);
  const { caseId } = await lifecycle.apply(county);
  const taskId = await lifecycle.openTask(caseId, 'homeSurvey', undefined, 30_000);
  const inbox = await county.caseworker.get('/tasks');
  expect(inbox.body.items).toEqual([expect.objectContaining({ id: taskId, kind: 'homeSurvey' })]);
  // Its history is in Temporal's own database on the same PostgreSQL.
  const temporalUrl = new URL(databaseUrl);
  temporalUrl.pathname = `/${temporalDatabases(databaseUrl).default}`;
  const temporalDb = new Client({ connectionString: temporalUrl.toString() });
  await temporalDb.connect();
  try {
    const runs = await temporalDb.query(
      'SELECT count(*)::int AS n FROM current_executions WHERE workflow_id LIKE $1',
      [`%${caseId}`],
    );
    expect(runs.rows).toEqual([{ n: 1 }]);
  } finally {
    await temporalDb.end();
  }

  // Both API processes answer on the one port: the cluster hands new connections out in turn.
  const pids = new Set<string>();
  await eventually(async () => {
    const metrics = await fetch(`${baseUrl}/metrics`, { headers: { connection: 'close' } }).then((r) =>
      r.text(),
    );
    const pid = /changxiao_api_process_info\{pid="(\d+)"\} 1/.exec(metrics)?.[1];
    if (pid) pids.add(pid);
    return pids.size === 2 ? true : undefined;
  });
  // The workers, the API cluster and the Temporal server serve their Prometheus metrics.
  const scraped = await Promise.all(
    [0, 1, 2, 3, 4, 5].map((i) =>
      fetch(`http://127.0.0.1:${metricsPorts + i}/metrics`).then(
        async (r) => [r.status, await r.text()] as const,
      ),
    ),
  );
  expect(scraped.map(([status]) => status)).toEqual([200, 200, 200, 200, 200, 200]);
  expect(scraped[0][1]).toContain('persistence_latency');
  for (const pid of pids) expect(scraped[1][1]).toContain(`changxiao_api_process_info{pid="${pid}"} 1`);

  const server = launcher.pidOf('Temporal 服务器');
  const workers = [launcher.pidOf('worker 1'), launcher.pidOf('worker 2')];
  expect(await launcher.stop()).toBe(0);
  expect(launcher.lines).toContain('[start:prod] 已全部停止');
  for (const pid of [server, ...workers]) expect(alive(pid)).toBe(false);
}, 240_000);
