// PostgreSQL going away under a running API: every request answers 503 in Chinese (never 500) saying it
// did not take effect, a hung server is given up on within the connect timeout, and the API serves again by
// itself once PostgreSQL is back. A second API reaches PostgreSQL through a proxy the spec cuts.

import type { NestExpressApplication } from '@nestjs/platform-express';
import type { DataSource } from 'typeorm';
import { createApi } from '@api/create-api';
import { createDataSource } from '@libs/persistence';
import { syntheticApplication } from '../scripts/lib/synthetic-households';
import * as forms from './support/forms';
import { createVillage } from './support/places';
import {
  ApiClient,
  type ApiResponse,
  eventually,
  type Platform,
  startPlatform,
  testLogger,
} from './support/platform';
import { TcpProxy } from './support/tcp-proxy';
import { createUser } from './support/users';

const CONNECT_TIMEOUT_MS = 1_000;

let platform: Platform;
let proxy: TcpProxy;
let proxiedDataSource: DataSource;
let proxiedApi: NestExpressApplication;
let baseUrl: string;
let village: string;
let caseworkerName: string;

beforeAll(async () => {
  platform = await startPlatform();
  const database = new URL(platform.config.database.url);
  proxy = new TcpProxy({ host: database.hostname, port: Number(database.port || 5432) });
  database.host = `127.0.0.1:${await proxy.open()}`;
  proxiedDataSource = await createDataSource(database.toString(), 3, {
    connectTimeoutMs: CONNECT_TIMEOUT_MS,
    statementTimeoutMs: 10_000,
  }).initialize();
  proxiedApi = await createApi({
    config: platform.config,
    jwtSecret: platform.config.jwt.secret!,
    dataSource: proxiedDataSource,
    temporal: platform.temporal,
    logger: testLogger,
  });
  await proxiedApi.listen(0, '127.0.0.1');
  baseUrl = `http://127.0.0.1:${(proxiedApi.getHttpServer().address() as { port: number }).port}/api`;
  village = await createVillage(platform.dataSource);
  caseworkerName = (await createUser(platform.dataSource, 'caseworker', village)).username;
});

afterAll(async () => {
  await proxiedApi?.close();
  await proxiedDataSource?.destroy().catch(() => undefined);
  await proxy?.cut();
  await platform?.stop();
});

function expectDatabaseUnavailable(response: ApiResponse): void {
  expect(response).toEqual({
    status: 503,
    body: {
      statusCode: 503,
      code: 'DATABASE_UNAVAILABLE',
      message: '数据库暂不可用，请稍后重试；本次操作未生效',
    },
  });
}

/** A case at its home survey, made through the platform's own API: the task's id and a valid approval. */
async function openSurvey(): Promise<{ taskId: string; approval: Record<string, unknown> }> {
  const caseworker = await ApiClient.login(platform.baseUrl, caseworkerName);
  const application = syntheticApplication(village);
  const created = await caseworker.post('/cases', application);
  expect(created.status).toBe(201);
  return {
    taskId: `${created.body.id}:homeSurvey:1`,
    approval: { decision: 'approve', form: forms.homeSurvey(application.members) },
  };
}

async function taskStatus(taskId: string): Promise<string> {
  const [task] = await platform.dataSource.query('SELECT status FROM tasks WHERE id = $1', [taskId]);
  return task.status;
}

function login(): Promise<ApiResponse> {
  return ApiClient.anonymous(baseUrl).post('/auth/login', {
    username: caseworkerName,
    password: 'Demo@2026',
  });
}

/** The inbox, a login and a decision through the proxied API. */
async function threeRequests(client: ApiClient, taskId: string, approval: Record<string, unknown>) {
  return [
    await client.get('/tasks'),
    await login(),
    await client.post(`/tasks/${taskId}/complete`, approval),
  ];
}

it('answers 503 while PostgreSQL refuses connections, and serves again once it is back', async () => {
  const { taskId, approval } = await openSurvey();
  const client = await ApiClient.login(baseUrl, caseworkerName);
  expect((await client.get('/tasks')).status).toBe(200);

  await proxy.cut();
  for (const response of await threeRequests(client, taskId, approval)) expectDatabaseUnavailable(response);
  expect(await taskStatus(taskId)).toBe('open');

  await proxy.open();
  await eventually(async () => ((await client.get('/tasks')).status === 200 ? true : undefined));
  expect((await login()).status).toBe(200);
  expect((await client.post(`/tasks/${taskId}/complete`, approval)).status).toBe(200);
  expect(await taskStatus(taskId)).toBe('completed');
});

it('gives up on a PostgreSQL that accepts connections but never answers, within the connect timeout', async () => {
  const { taskId, approval } = await openSurvey();
  const client = await ApiClient.login(baseUrl, caseworkerName);

  await proxy.stall();
  const started = Date.now();
  for (const response of await threeRequests(client, taskId, approval)) expectDatabaseUnavailable(response);
  // Three requests, each waiting at most the connect timeout (and a margin for the pool's bookkeeping).
  expect(Date.now() - started).toBeLessThan(3 * (CONNECT_TIMEOUT_MS + 1_000));
  expect(await taskStatus(taskId)).toBe('open');

  await proxy.cut();
  await proxy.open();
  await eventually(async () => ((await client.get('/tasks')).status === 200 ? true : undefined));
});
