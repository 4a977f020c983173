// Prometheus metrics. /api/metrics moves with the requests, the decisions and the calls to Temporal, and names
// route templates and task kinds only: no id, no ID number, no user. The API as two processes (the built
// cluster.ts) answers from both on one port, starts again a process that dies, and its primary serves the sum
// over both; the built worker serves its own metrics and the Temporal SDK's.

import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createApi } from '@api/create-api';
import { freePort } from '../scripts/lib/free-port';
import { startCountyPlatform } from './support/county-platform';
import type { TestCounty } from './support/county';
import * as forms from './support/forms';
import type { Lifecycle } from './support/lifecycle';
import { eventually, type Platform, testEnv, testLogger } from './support/platform';

// The build `npm run build` wrote (pretest runs it); TEST_DIST_DIR names one's own build instead.
const DIST = process.env.TEST_DIST_DIR ?? join(__dirname, '..', 'dist');

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function samples(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [, name, labelText = '', value] = /^(\w+)(?:\{(.*)\})? (\S+)$/.exec(line)!;
      const labels = Object.fromEntries(
        [...labelText.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, key, v]) => [key, v]),
      );
      return { name, labels, value: Number(value) };
    });
}

/** The sum of the samples named so whose labels include those given (0 when none). */
function total(text: string, name: string, labels: Record<string, string> = {}): number {
  return samples(text)
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);
}

/** A GET on a connection of its own (no keep-alive): the cluster's primary hands each to a process in turn. */
function getOnNewConnection(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, text }));
    }).on('error', reject);
  });
}

describe('/api/metrics', () => {
  let platform: Platform;
  let county: TestCounty;
  let lifecycle: Lifecycle;
  const metrics = async () => {
    const response = await fetch(`${platform.baseUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain;.*version=0\.0\.4/);
    return response.text();
  };

  beforeAll(async () => {
    ({ platform, county, lifecycle } = await startCountyPlatform());
  });
  afterAll(() => platform?.stop());

  it('counts requests by route template, decisions by kind and outcome, calls to Temporal, and names no one', async () => {
    const before = await metrics();
    const { caseId, application } = await lifecycle.apply(county);
    const head = application.members[0].idNumber;
    const taskId = await lifecycle.openTask(caseId, 'homeSurvey');
    await lifecycle.complete(county.caseworker, taskId, {
      decision: 'approve',
      form: forms.homeSurvey(application.members),
    });
    expect((await county.caseworker.get(`/cases/${caseId}`)).status).toBe(200);
    expect((await county.caseworker.get(`/cases/${head}`)).status).toBeGreaterThanOrEqual(400);
    expect((await county.caseworker.get(`/no-such-thing/${head}`)).status).toBe(404);
    const after = await metrics();

    const requests = 'changxiao_http_request_duration_seconds_count';
    const moved = (name: string, labels: Record<string, string>) =>
      total(after, name, labels) - total(before, name, labels);
    expect(moved(requests, { method: 'POST', route: '/api/cases', status_class: '2xx' })).toBe(1);
    expect(moved(requests, { method: 'GET', route: '/api/cases/:id', status_class: '2xx' })).toBe(1);
    expect(moved(requests, { method: 'GET', route: '/api/cases/:id', status_class: '4xx' })).toBe(1);
    expect(moved(requests, { method: 'GET', route: 'unmatched', status_class: '4xx' })).toBe(1);
    expect(moved(requests, { method: 'POST', route: '/api/tasks/:id/complete', status_class: '2xx' })).toBe(
      1,
    );
    expect(moved('changxiao_task_completions_total', { kind: 'homeSurvey', outcome: 'completed' })).toBe(1);
    const temporalCalls = 'changxiao_temporal_call_duration_seconds_count';
    expect(moved(temporalCalls, { call: 'start', outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    expect(moved(temporalCalls, { call: 'update', outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    // The process and the database pool.
    for (const name of [
      'process_cpu_user_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_p99_seconds',
      'nodejs_heap_size_used_bytes',
    ]) {
      expect(samples(after).some((s) => s.name === name)).toBe(true);
    }
    expect(total(after, 'changxiao_db_pool_connections', { state: 'total' })).toBeGreaterThan(0);
    expect(total(after, 'changxiao_api_process_info', { pid: String(process.pid) })).toBe(1);

    // Labels are templates and kinds: no case or task id, no ID number anywhere in the answer.
    for (const secret of [caseId, head, taskId]) expect(after).not.toContain(secret);
    const routes = new Set(samples(after).flatMap((s) => (s.labels.route ? [s.labels.route] : [])));
    for (const route of routes) expect(route).toMatch(/^(\/api(\/[a-z-]+|\/:\w+)*|unmatched)$/);
  });

  it('answers only a client on this machine that came through no proxy, or the bearer of METRICS_TOKEN', async () => {
    expect((await metrics()).length).toBeGreaterThan(0);
    const proxied = await fetch(`${platform.baseUrl}/metrics`, {
      headers: { 'x-forwarded-for': '203.0.113.7' },
    });
    expect(proxied.status).toBe(403);
    expect(((await proxied.json()) as { message: string }).message).toContain('METRICS_TOKEN');

    const token = `metrics-${randomUUID()}`;
    const guarded: NestExpressApplication = await createApi({
      config: { ...platform.config, metrics: { ...platform.config.metrics, token } },
      jwtSecret: platform.config.jwt.secret!,
      dataSource: platform.dataSource,
      temporal: platform.temporal,
      logger: testLogger,
    });
    try {
      await guarded.listen(0, '127.0.0.1');
      const url = `http://127.0.0.1:${(guarded.getHttpServer().address() as { port: number }).port}/api/metrics`;
      expect((await fetch(url)).status).toBe(401);
      expect((await fetch(url, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
      const read = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      expect(read.status).toBe(200);
      expect(await read.text()).toContain('changxiao_http_request_duration_seconds');
    } finally {
      await guarded.close();
    }
  });
});

/** A built entry point as a process, its output kept for the failure message. */
class Child {
  output = '';
  readonly exited: Promise<number | null>;
  private readonly process: ChildProcess;

  constructor(script: string, env: Record<string, string>) {
    const path = join(DIST, script);
    if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build\` first`);
    this.process = spawn(process.execPath, [path], {
      env: { PATH: process.env.PATH!, HOME: process.env.HOME!, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.process.stdout!.on('data', (chunk) => (this.output += chunk));
    this.process.stderr!.on('data', (chunk) => (this.output += chunk));
    this.exited = new Promise((done) => this.process.once('exit', (code) => done(code)));
  }

  get running(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  /** Polls `probe` while the process runs; fails with its output. */
  async until<T>(probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
    try {
      return await eventually(async () => {
        if (!this.running) throw new Error(`exited (${this.process.exitCode})`);
        return probe().catch(() => undefined);
      }, timeoutMs);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${this.output.slice(-4000)}`);
    }
  }

  stop(): Promise<number | null> {
    if (this.running) this.process.kill('SIGTERM');
    return this.exited;
  }
}

describe('built processes', () => {
  let dataDir: string;
  const children: Child[] = [];
  const start = (script: string, env: Record<string, string>) => {
    const child = new Child(script, {
      NODE_ENV: 'test',
      DATABASE_URL: testEnv().databaseUrl,
      TEMPORAL_ADDRESS: testEnv().temporalAddress,
      TEMPORAL_PAYLOAD_KEY: testEnv().payloadKey,
      JWT_SECRET: 'integration-test-secret-0123456789',
      DATA_DIR: dataDir,
      // No checkpoint signed with this run's throw-away key in the shared test database.
      AUDIT_SEAL_INTERVAL: '86400',
      ...env,
    });
    children.push(child);
    return child;
  };

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'metrics-'));
  });
  afterAll(async () => {
    await Promise.all(children.map((child) => child.stop()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('cluster.ts: two processes answer on one port, one that dies is started again, the primary sums them', async () => {
    const port = await freePort();
    const metricsPort = await freePort();
    const cluster = start('apps/api/src/cluster.js', {
      HOST: '127.0.0.1',
      PORT: String(port),
      API_PROCESSES: '2',
      API_METRICS_PORT: String(metricsPort),
    });
    const processMetrics = () => getOnNewConnection(`http://127.0.0.1:${port}/api/metrics`);
    const pidOf = (text: string) =>
      samples(text).find((s) => s.name === 'changxiao_api_process_info')!.labels.pid;
    const sum = () => getOnNewConnection(`http://127.0.0.1:${metricsPort}/metrics`).then((r) => r.text);
    const pidsInSum = (text: string) =>
      samples(text)
        .filter((s) => s.name === 'changxiao_api_process_info')
        .map((s) => s.labels.pid)
        .sort();

    // Both processes listen once the sum lists two pids.
    const first = await cluster.until(async () => {
      const pids = pidsInSum(await sum());
      return pids.length === 2 ? pids : undefined;
    });
    // Each connection goes to the next process: ten reads see both.
    const answered = new Set<string>();
    for (let i = 0; i < 10; i += 1) {
      const response = await processMetrics();
      expect(response.status).toBe(200);
      answered.add(pidOf(response.text));
    }
    expect([...answered].sort()).toEqual(first);
    const summed = await sum();
    const reads = { method: 'GET', route: '/api/metrics', status_class: '2xx' };
    expect(total(summed, 'changxiao_http_request_duration_seconds_count', reads)).toBe(10);
    // Through the primary's port too, METRICS_HOST decides who may read: a proxied request is refused.
    const proxied = await getOnNewConnection(`http://127.0.0.1:${metricsPort}/metrics`, {
      'x-forwarded-for': '203.0.113.7',
    });
    expect(proxied.status).toBe(403);

    // A process killed: the primary logs it and starts another after its pause.
    process.kill(Number(first[0]), 'SIGKILL');
    const second = await cluster.until(async () => {
      const pids = pidsInSum(await sum());
      return pids.length === 2 && !pids.includes(first[0]) ? pids : undefined;
    });
    expect(second).toContain(first[1]);
    expect(cluster.output).toMatch(
      new RegExp(`API process ${first[0]} died \\(SIGKILL\\).*starting another in 1 s`),
    );

    // SIGTERM: the processes stop one after the other, then the primary.
    expect(await cluster.stop()).toBe(0);
    for (const pid of second) expect(() => process.kill(Number(pid), 0)).toThrow();
  });

  it('cluster.ts exits with its processes’ reason when none can start', async () => {
    const cluster = start('apps/api/src/cluster.js', {
      PORT: String(await freePort()),
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nothing',
      DATABASE_CONNECT_TIMEOUT_MS: '500',
    });
    expect(await cluster.exited).toBe(1);
    expect(cluster.output).toContain('API start failed');
  });

  it('the worker serves its own metrics and the Temporal SDK’s', async () => {
    const [port, sdkPort] = [await freePort(), await freePort()];
    const worker = start('apps/worker/src/main.js', {
      TEMPORAL_TASK_QUEUE: `metrics-${randomUUID()}`,
      WORKER_METRICS_PORT: String(port),
      WORKER_SDK_METRICS_PORT: String(sdkPort),
    });
    const own = await worker.until(async () => {
      const response = await getOnNewConnection(`http://127.0.0.1:${port}/metrics`);
      return response.status === 200 ? response.text : undefined;
    });
    expect(total(own, 'changxiao_audit_unsealed_events')).toBeGreaterThanOrEqual(0);
    expect(samples(own).some((s) => s.name === 'process_cpu_user_seconds_total')).toBe(true);
    // No channel configured: this worker delivers no outbox, and says nothing of it.
    expect(own).not.toContain('changxiao_outbox_');
    const sdk = await worker.until(async () => {
      const response = await getOnNewConnection(`http://127.0.0.1:${sdkPort}/metrics`);
      return response.status === 200 && response.text.includes('temporal_') ? response.text : undefined;
    });
    expect(sdk).toMatch(/^temporal_\w+\{/m);
    expect(await worker.stop()).toBe(0);
  });
});
