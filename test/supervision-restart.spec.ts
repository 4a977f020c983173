// `npm start` supervises its children: the real launcher (dist/scripts/start.js, built by `npm run build`,
// which `pretest` runs) with its worker, API and Temporal dev server as processes. `kill -9` of the worker,
// the API or the dev server leaves the platform up, the launcher starts the child again, and the case goes on
// with no task, ledger row or audit event lost or doubled.

import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { createDataSource } from '@libs/persistence';
import { freePort } from '../scripts/lib/free-port';
import { createCounty, type TestCounty } from './support/county';
import * as forms from './support/forms';
import { alive, LauncherProcess } from './support/launcher-process';
import { Lifecycle } from './support/lifecycle';
import { type ApiClient, eventually, type Platform, testEnv } from './support/platform';

/**
 * A decision sent while a child is down: it may answer once the child is back, or fail with a 503/504;
 * then it is sent again with the same idempotency key until it answers 200. Never decided twice.
 */
async function decideThroughOutage(client: ApiClient, taskId: string, body: Record<string, unknown>) {
  const key = `supervision-${taskId}`;
  const statuses: number[] = [];
  const answer = await eventually(async () => {
    const response = await client.post(`/tasks/${encodeURIComponent(taskId)}/complete`, body, {
      'Idempotency-Key': key,
    });
    statuses.push(response.status);
    if (response.status === 200) return response.body;
    if (response.status >= 500) return undefined;
    throw new Error(
      `${taskId}: ${response.status} ${JSON.stringify(response.body)} (answers so far: ${statuses})` +
        `\n${launcher?.lines.slice(-30).join('\n')}`,
    );
  }, 90_000);
  return { answer, statuses };
}

let dataSource: DataSource;
let lifecycle: Lifecycle;
let launcher: LauncherProcess | undefined;

beforeAll(async () => {
  dataSource = await createDataSource(testEnv().databaseUrl, 2).initialize();
  // The lifecycle's steps read the read model only: the database is all of the platform they need.
  lifecycle = new Lifecycle({ dataSource } as Platform);
});

afterEach(async () => {
  const exitCode = await launcher?.stop();
  launcher = undefined;
  expect(exitCode).toBe(0);
});

afterAll(async () => {
  await dataSource?.destroy();
});

async function startLauncher(env: Record<string, string>): Promise<string> {
  const port = await freePort();
  launcher = LauncherProcess.start('start', {
    DATABASE_URL: testEnv().databaseUrl,
    PORT: String(port),
    // A queue of its own: no other spec's worker takes its tasks, nor it theirs.
    TEMPORAL_TASK_QUEUE: `supervision-${randomUUID()}`,
    JWT_SECRET: 'supervision-spec-secret-0123456789',
    SEED_DEMO: 'false',
    ...env,
  });
  await launcher.waitFor(/平台已启动/);
  return `http://127.0.0.1:${port}/api`;
}

/** Everything the case wrote, to be compared with what it should have written exactly once. */
async function caseRows(caseId: string) {
  const tasks = await dataSource.query(
    'SELECT id, kind, status FROM tasks WHERE case_id = $1 ORDER BY opened_at, id',
    [caseId],
  );
  const ledger = await dataSource.query(
    'SELECT ledger, event FROM ledger_entries WHERE case_id = $1 ORDER BY recorded_at, id',
    [caseId],
  );
  const completions = await dataSource.query(
    `SELECT entity_id AS "taskId", count(*)::int AS n FROM audit_events
     WHERE case_id = $1 AND action = 'task.completed' GROUP BY entity_id ORDER BY entity_id`,
    [caseId],
  );
  const actions = await dataSource.query(
    'SELECT action, count(*)::int AS n FROM audit_events WHERE case_id = $1 GROUP BY action ORDER BY action',
    [caseId],
  );
  return {
    tasks: tasks as { id: string; kind: string; status: string }[],
    ledger: ledger.map((l: { ledger: string; event: string }) => `${l.ledger}:${l.event}`) as string[],
    completions: completions as { taskId: string; n: number }[],
    actions: Object.fromEntries(actions.map((a: { action: string; n: number }) => [a.action, a.n])),
  };
}

it('kill -9 of the worker (then of the API) during a case: the platform stays up, each comes back and the case finishes, nothing lost or doubled', async () => {
  const baseUrl = await startLauncher({ TEMPORAL_ADDRESS: testEnv().temporalAddress });
  const county: TestCounty = await createCounty(dataSource, baseUrl);
  const { caseId, application } = await lifecycle.apply(county);
  await lifecycle.recognise(county, caseId, application);
  await lifecycle.complete(county.officer, await lifecycle.openTask(caseId, 'supportPlan'), {
    decision: 'approve',
    form: forms.supportPlan({
      safetyNet: [{ type: 'minimumLivingAllowance', department: 'civilAffairs' }],
      sectorMeasures: [],
    }),
  });
  const acceptance = await lifecycle.openTask(caseId, 'measureAcceptance', 'civilAffairs');

  const worker = launcher!.pidOf('worker');
  process.kill(worker, 'SIGKILL');
  await launcher!.waitFor(/\[start\] worker 意外退出（signal SIGKILL，运行了 [\d.]+ 秒），1 秒后重启/);
  // The API and the launcher are still there while the worker is down.
  expect(launcher!.running).toBe(true);
  // Up, whatever the shared database's incidents from other specs make the overall status (ok or degraded).
  const health = await county.officer.get('/health');
  expect(health).toMatchObject({
    status: 200,
    body: { postgres: { status: 'up' }, temporal: { status: 'up' } },
  });
  expect((await county.officer.get(`/cases/${caseId}`)).status).toBe(200);

  // The department accepts the measure while the worker is still down: it goes through once it is back.
  const accepted = await decideThroughOutage(county.department('civilAffairs'), acceptance, {
    decision: 'approve',
    form: {},
  });
  expect(accepted.answer.task).toMatchObject({ status: 'completed' });
  await launcher!.waitFor(/\[start\] worker 已重启（第 1 次，pid \d+）/);
  expect(launcher!.pidOf('worker')).not.toBe(worker);
  expect(alive(worker)).toBe(false);

  // After the restart, the case runs to its end: measure, review with exit, observation, closed.
  const civil = county.department('civilAffairs');
  await lifecycle.complete(civil, await lifecycle.openTask(caseId, 'measureImplementation', 'civilAffairs'), {
    decision: 'approve',
    form: forms.measureReport(),
  });
  await lifecycle.complete(county.officer, await lifecycle.openTask(caseId, 'measureFollowUp'), {
    decision: 'approve',
    form: forms.followUp(),
  });
  await eventually(async () => {
    const view = await county.officer.get(`/cases/${caseId}`);
    return view.body.measures.every((m: { status: string }) => m.status === 'done') ? true : undefined;
  });
  // The API too: killed, started again, and the signed-in users go on with their tokens.
  const api = launcher!.pidOf('API');
  process.kill(api, 'SIGKILL');
  await launcher!.waitFor(/\[start\] API 已重启（第 1 次，pid \d+）/);
  await eventually(async () => {
    const response = await county.caseworker.get('/health').catch(() => undefined);
    return response?.status === 200 ? true : undefined;
  });
  await lifecycle.exit(county, caseId, application, 9000);
  await lifecycle.reachesStage(caseId, 'closed', 30_000);

  const rows = await caseRows(caseId);
  expect(rows.tasks.map((t) => `${t.kind}:${t.status}`)).toEqual([
    'homeSurvey:completed',
    'democraticAppraisal:completed',
    'publicNotice:completed',
    'townshipReview:completed',
    'recognition:completed',
    'supportPlan:completed',
    'measureAcceptance:completed',
    'measureImplementation:completed',
    'measureFollowUp:completed',
    'periodicReview:completed',
    'villageRepresentativeMeeting:completed',
  ]);
  expect(rows.ledger.sort()).toEqual(
    [
      'identification:recognised',
      'support:planDrafted',
      'support:measureDone',
      'support:reviewed',
      'exit:exited',
      'exit:closed',
    ].sort(),
  );
  // One audit event per decision, none lost and none twice.
  expect(rows.completions).toEqual(
    rows.tasks.map((t) => ({ taskId: t.id, n: 1 })).sort((a, b) => (a.taskId < b.taskId ? -1 : 1)),
  );
  expect(rows.actions['case.created']).toBe(1);
  expect(rows.actions['task.completed']).toBe(rows.tasks.length);
  expect(launcher!.lines.filter((line) => line.includes('意外退出'))).toEqual([
    expect.stringContaining('worker 意外退出'),
    expect.stringContaining('API 意外退出'),
  ]);
}, 300_000);

const withCli = process.env.TEST_TEMPORAL_CLI ? it : it.skip;

withCli(
  'kill -9 of the Temporal dev server: the launcher starts it again on its port and data, and decisions work again',
  async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'changxiao-supervision-'));
    try {
      const baseUrl = await startLauncher({
        TEMPORAL_CLI_PATH: process.env.TEST_TEMPORAL_CLI!,
        TEMPORAL_DEV_PORT: String(await freePort()),
        DATA_DIR: dataDir,
      });
      const county = await createCounty(dataSource, baseUrl);
      const { caseId, application } = await lifecycle.apply(county);
      await lifecycle.survey(county, caseId, application);
      const appraisal = await lifecycle.openTask(caseId, 'democraticAppraisal');

      const server = launcher!.pidOf('Temporal 开发服务器');
      process.kill(server, 'SIGKILL');
      await launcher!.waitFor(/\[start\] Temporal 开发服务器 意外退出（signal SIGKILL，/);
      await launcher!.waitFor(/\[start\] Temporal 开发服务器 已重启（第 1 次，pid \d+）/);
      expect(launcher!.running).toBe(true);

      // The API's client finds the server again by itself: /health answers 200 with Temporal up again (ok, or
      // degraded by incidents other specs left in the shared database).
      const health = await eventually(async () => {
        const response = await county.officer.get('/health');
        return response.status === 200 ? response.body : undefined;
      }, 60_000);
      expect(health).toMatchObject({ temporal: { status: 'up' } });

      // The case is still there (the same SQLite file) and the worker takes decisions again.
      const decided = await decideThroughOutage(county.caseworker, appraisal, {
        decision: 'approve',
        form: forms.meeting(),
      });
      expect(decided.answer.case.openTasks).toEqual([
        expect.objectContaining({ taskId: `${caseId}:publicNotice:1` }),
      ]);
      const rows = await caseRows(caseId);
      expect(rows.tasks.map((t) => `${t.kind}:${t.status}`)).toEqual([
        'homeSurvey:completed',
        'democraticAppraisal:completed',
        'publicNotice:open',
      ]);
      expect(rows.completions.map((c) => c.n)).toEqual([1, 1]);
    } finally {
      await launcher?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
  300_000,
);
