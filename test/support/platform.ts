// The platform in-process for an integration spec: the real API on a random port, a worker on its own
// task queue, the throw-away database and the run's Temporal dev server.

import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { DefaultLogger, Runtime, type Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createApi } from '@api/create-api';
import { CaseActivities } from '../../activities';
import { type AppConfig, loadConfig } from '@libs/config';
import { createLogger } from '@libs/logging';
import { createDataSource, type OutboundChannel } from '@libs/persistence';
import { casePayloadCodec, connectClient, createCaseWorker } from '@libs/temporal';
import { DEMO_PASSWORD } from '../../scripts/lib/demo-county';

export interface Platform {
  /** The API's root (…/api). */
  baseUrl: string;
  /** Where the web UI is served (the API's origin). */
  origin: string;
  config: AppConfig;
  /** The platform's own pool: the application's database role, as the API and the worker connect. */
  dataSource: DataSource;
  /**
   * As the database's owner, for what the application's role may not do: inject a fault with a trigger,
   * tamper with the audit log.
   */
  ownerDataSource: DataSource;
  temporal: Client;
  app: INestApplication;
  worker: Worker;
  stop(): Promise<void>;
}

let runtimeInstalled = false;

/** The API's log in specs: errors only (a spec's 500 shows), as JSON lines. */
export const testLogger = createLogger('api', { level: 'error' });

export function testEnv(): {
  databaseUrl: string;
  temporalAddress: string;
  workflowBundle: string;
  payloadKey: string;
} {
  const { TEST_DATABASE_URL, TEST_TEMPORAL_ADDRESS, TEST_WORKFLOW_BUNDLE, TEST_TEMPORAL_PAYLOAD_KEY } =
    process.env;
  if (!TEST_DATABASE_URL || !TEST_TEMPORAL_ADDRESS || !TEST_WORKFLOW_BUNDLE || !TEST_TEMPORAL_PAYLOAD_KEY) {
    throw new Error('integration specs run under jest with test/global-setup.ts (npm test)');
  }
  return {
    databaseUrl: TEST_DATABASE_URL,
    temporalAddress: TEST_TEMPORAL_ADDRESS,
    workflowBundle: TEST_WORKFLOW_BUNDLE,
    payloadKey: TEST_TEMPORAL_PAYLOAD_KEY,
  };
}

/**
 * Starts API and worker; `policyTimeScale` shrinks every deadline (86 400 turns days into seconds), and
 * `settings` adds environment variables to the test ones (e.g. TRUST_PROXY).
 */
export async function startPlatform(
  options: {
    policyTimeScale?: number;
    temporalAddress?: string;
    taskQueue?: string;
    outboundChannels?: OutboundChannel[];
    settings?: Record<string, string>;
    /** The worker's activities as a subclass of CaseActivities, to slow one of them down. */
    activities?: typeof CaseActivities;
  } = {},
): Promise<Platform> {
  const env = {
    ...testEnv(),
    ...(options.temporalAddress ? { temporalAddress: options.temporalAddress } : {}),
  };
  if (!runtimeInstalled) {
    // Workers' lifecycle chatter hides what a failing spec printed.
    Runtime.install({ logger: new DefaultLogger('WARN') });
    runtimeInstalled = true;
  }
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: env.databaseUrl,
    TEMPORAL_ADDRESS: env.temporalAddress,
    TEMPORAL_TASK_QUEUE: options.taskQueue ?? `test-${randomUUID()}`,
    POLICY_TIME_SCALE: String(options.policyTimeScale ?? 1),
    JWT_SECRET: 'integration-test-secret-0123456789',
    TEMPORAL_PAYLOAD_KEY: env.payloadKey,
    // A web build of one's own (vite build --outDir) for browser specs while dist/web is being rebuilt.
    ...(process.env.WEB_ROOT ? { WEB_ROOT: process.env.WEB_ROOT } : {}),
    ...options.settings,
  });
  const payloadCodec = casePayloadCodec(config);
  const dataSource = await createDataSource(config.database.url, 5).initialize();
  const ownerDataSource = await createDataSource(
    config.database.url,
    2,
    config.database,
    'owner',
  ).initialize();
  const temporal = await connectClient({
    address: env.temporalAddress,
    namespace: config.temporal.namespace,
    payloadCodec,
  });
  const { worker, run } = await createCaseWorker({
    address: env.temporalAddress,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    activities: new (options.activities ?? CaseActivities)(
      dataSource,
      config.policyTimeScale,
      options.outboundChannels,
      config.env,
    ),
    workflowBundle: { codePath: env.workflowBundle },
    payloadCodec,
  });
  const running = run();
  const app = await createApi({
    config,
    jwtSecret: config.jwt.secret!,
    dataSource,
    temporal,
    logger: testLogger,
  });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  return {
    baseUrl: `http://127.0.0.1:${port}/api`,
    origin: `http://127.0.0.1:${port}`,
    config,
    dataSource,
    ownerDataSource,
    temporal,
    app,
    worker,
    async stop() {
      await app.close();
      worker.shutdown();
      await running;
      await temporal.connection.close();
      await dataSource.destroy();
      await ownerDataSource.destroy();
    },
  };
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
}

/** A small HTTP client for the API, signed in as one demo user. */
export class ApiClient {
  private constructor(
    private readonly baseUrl: string,
    readonly token: string | undefined,
  ) {}

  static anonymous(baseUrl: string): ApiClient {
    return new ApiClient(baseUrl, undefined);
  }

  /** Signed in with a token the spec already holds (or made up). */
  static withToken(baseUrl: string, token: string): ApiClient {
    return new ApiClient(baseUrl, token);
  }

  static async login(baseUrl: string, username: string): Promise<ApiClient> {
    const response = await ApiClient.anonymous(baseUrl).post('/auth/login', {
      username,
      password: DEMO_PASSWORD,
    });
    if (response.status !== 200)
      throw new Error(`login ${username} failed: ${JSON.stringify(response.body)}`);
    return new ApiClient(baseUrl, response.body.accessToken);
  }

  get<T = any>(path: string): Promise<ApiResponse<T>> {
    return this.request('GET', path);
  }

  post<T = any>(path: string, body: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    return this.request('POST', path, body, headers);
  }

  /** A multipart upload (attachments, workbooks). */
  async postForm<T = any>(path: string, form: FormData): Promise<ApiResponse<T>> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: this.token ? { authorization: `Bearer ${this.token}` } : {},
      body: form,
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  /** A download, as bytes. */
  async getBytes(path: string): Promise<{ status: number; bytes: Buffer; headers: Headers }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      headers: this.token ? { authorization: `Bearer ${this.token}` } : {},
    });
    return {
      status: response.status,
      bytes: Buffer.from(await response.arrayBuffer()),
      headers: response.headers,
    };
  }

  async request<T>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }
}

/**
 * Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`; the failure says
 * what `explain` finds then (what the spec waited on, as the platform sees it).
 */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs = 20_000,
  explain?: () => Promise<string>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      const why = explain
        ? `\n${await explain().catch((error: Error) => `(not explained: ${error.message})`)}`
        : '';
      throw new Error(`condition not met within ${timeoutMs} ms${why}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
