// The Temporal server a province would run (as a cluster), here as one process: built once from its Go
// module, with PostgreSQL for persistence and visibility, beside the platform's database on the same
// PostgreSQL server. `npm run start:prod` supervises it; the fault specs restart it.

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cacheDir, goInstall, isExecutable, type Log } from './go-install';
import { ensureNamespace } from './namespace';
import { ensureSearchAttributes } from './search-attributes';
import {
  forwardServerLog,
  portAnswers,
  stopServerProcess,
  TEMPORAL_DYNAMIC_CONFIG,
  waitForPort,
} from './server-process';

export const TEMPORAL_SERVER_VERSION = '1.29.1';
const SERVER_MODULE = 'go.temporal.io/server';
const PACKAGES = ['cmd/server', 'cmd/tools/sql'].map(
  (path) => `${SERVER_MODULE}/${path}@v${TEMPORAL_SERVER_VERSION}`,
);
/** The schemas embedded in the SQL tool, by their names there. */
const SCHEMAS = { default: 'postgresql/v12/temporal', visibility: 'postgresql/v12/visibility' };
/** The name of the server's config file (config/<env>.yaml) and of its dynamic config. */
const CONFIG_ENV = 'changxiao';

/** The server binary and its SQL tool (`temporal-sql-tool`). */
export interface TemporalServerBinaries {
  server: string;
  sql: string;
}

export function temporalServerCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return cacheDir(`temporal-server-${TEMPORAL_SERVER_VERSION}`, env);
}

/**
 * The configured binaries (TEMPORAL_SERVER_PATH, TEMPORAL_SQL_TOOL_PATH), else those in the per-user cache,
 * built there with Go the first time (a few minutes).
 */
export async function ensureTemporalServer(
  configured: { serverPath: string | undefined; sqlToolPath: string | undefined },
  log: Log,
): Promise<TemporalServerBinaries> {
  const dir = temporalServerCacheDir();
  const binaries = {
    server: resolve(configured.serverPath ?? join(dir, 'server')),
    sql: resolve(configured.sqlToolPath ?? join(dir, 'sql')),
  };
  for (const [name, path, configuredPath] of [
    ['TEMPORAL_SERVER_PATH', binaries.server, configured.serverPath],
    ['TEMPORAL_SQL_TOOL_PATH', binaries.sql, configured.sqlToolPath],
  ] as const) {
    if (configuredPath && !isExecutable(path))
      throw new Error(`${name}=${configuredPath}: 文件不存在或不可执行 (not an executable file)`);
  }
  if (isExecutable(binaries.server) && isExecutable(binaries.sql)) return binaries;
  const built = await goInstall({
    label: `Temporal 服务器 ${TEMPORAL_SERVER_VERSION} 及其 SQL 工具`,
    packages: PACKAGES,
    binaries: ['server', 'sql'],
    dir,
    minutes: 5,
    log,
  });
  if (!built) {
    throw new Error(
      `未找到 Temporal 服务器（${dir}），本机也没有 Go 无法构建：请安装 Go（https://go.dev/dl/），` +
        '或用 TEMPORAL_SERVER_PATH、TEMPORAL_SQL_TOOL_PATH 指向已构建的 server 与 sql',
    );
  }
  return binaries;
}

export interface TemporalServerOptions {
  binaries: TemporalServerBinaries;
  /** The platform's database: Temporal's two databases are named after it, on the same server and user. */
  databaseUrl: string;
  /** Where the server's config and dynamic config are written. */
  dataDir: string;
  /** The frontend's gRPC port (the clients' address); the server's other services take the 8 ports after it. */
  port: number;
  /** Where the server serves its Prometheus metrics (/metrics), on loopback. */
  metricsPort: number;
  /** Fixed when the databases are first used: the persisted count wins over a later setting. */
  historyShards: number;
  /** Connections to PostgreSQL per service for persistence; visibility gets half. */
  maxConns: number;
  namespace: string;
  log: Log;
}

/** The server's ports: the frontend's gRPC first, then history, matching, worker, the frontend's HTTP, membership. */
export function temporalServerPorts(port: number) {
  return {
    frontend: port,
    history: port + 1,
    matching: port + 2,
    worker: port + 3,
    http: port + 4,
    membership: { frontend: port + 5, history: port + 6, matching: port + 7, worker: port + 8 },
  };
}

export function temporalServerAddress(port: number): string {
  return `127.0.0.1:${port}`;
}

/** The names of Temporal's databases beside the platform's: <db>_temporal and <db>_temporal_visibility. */
export function temporalDatabases(databaseUrl: string): { default: string; visibility: string } {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  return { default: `${name}_temporal`, visibility: `${name}_temporal_visibility` };
}

function connection(databaseUrl: string) {
  const url = new URL(databaseUrl);
  return {
    host: url.hostname,
    port: url.port || '5432',
    user: decodeURIComponent(url.username) || 'postgres',
    password: decodeURIComponent(url.password),
  };
}

function runSqlTool(sqlTool: string, args: string[]): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(sqlTool, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('error', fail);
    child.once('exit', (code) =>
      code === 0
        ? done()
        : fail(new Error(`temporal-sql-tool ${args.slice(-3).join(' ')} 失败（code ${code}）:\n${output}`)),
    );
  });
}

/**
 * Creates Temporal's two databases when missing and brings their schemas to this server's version (the
 * schemas embedded in the SQL tool): idempotent, about a second when there is nothing to do.
 */
export async function setupTemporalDatabases(
  options: Pick<TemporalServerOptions, 'binaries' | 'databaseUrl'>,
): Promise<void> {
  const { host, port, user, password } = connection(options.databaseUrl);
  const databases = temporalDatabases(options.databaseUrl);
  for (const kind of ['default', 'visibility'] as const) {
    const common = ['--plugin', 'postgres12', '--ep', host, '-p', port, '-u', user, '--db', databases[kind]];
    if (password) common.push('--pw', password);
    await runSqlTool(options.binaries.sql, [...common, 'create-database']);
    await runSqlTool(options.binaries.sql, [...common, 'setup-schema', '-v', '0.0']);
    await runSqlTool(options.binaries.sql, [...common, 'update-schema', '--schema-name', SCHEMAS[kind]]);
  }
}

/** Writes the server's config (PostgreSQL, ports, metrics) and dynamic config under dataDir. */
export function writeTemporalServerConfig(options: TemporalServerOptions): void {
  const { host, port, user, password } = connection(options.databaseUrl);
  const databases = temporalDatabases(options.databaseUrl);
  const ports = temporalServerPorts(options.port);
  const datastore = (databaseName: string, maxConns: number) => ({
    sql: {
      pluginName: 'postgres12',
      databaseName,
      connectAddr: `${host}:${port}`,
      connectProtocol: 'tcp',
      user,
      password,
      maxConns,
      maxIdleConns: maxConns,
      maxConnLifetime: '1h',
    },
  });
  const service = (grpcPort: number, membershipPort: number, httpPort?: number) => ({
    rpc: { grpcPort, membershipPort, bindOnLocalHost: true, ...(httpPort ? { httpPort } : {}) },
  });
  const dynamicConfigFile = join(options.dataDir, 'dynamicconfig', `${CONFIG_ENV}.yaml`);
  const config = {
    log: { stdout: true, level: 'warn' },
    persistence: {
      defaultStore: 'pg-default',
      visibilityStore: 'pg-visibility',
      numHistoryShards: options.historyShards,
      datastores: {
        'pg-default': datastore(databases.default, options.maxConns),
        'pg-visibility': datastore(databases.visibility, Math.max(2, Math.ceil(options.maxConns / 2))),
      },
    },
    global: {
      membership: { maxJoinDuration: '30s', broadcastAddress: '127.0.0.1' },
      metrics: {
        prometheus: {
          framework: 'tally',
          timerType: 'histogram',
          listenAddress: `127.0.0.1:${options.metricsPort}`,
        },
      },
    },
    services: {
      frontend: service(ports.frontend, ports.membership.frontend, ports.http),
      history: service(ports.history, ports.membership.history),
      matching: service(ports.matching, ports.membership.matching),
      worker: service(ports.worker, ports.membership.worker),
    },
    clusterMetadata: {
      enableGlobalNamespace: false,
      failoverVersionIncrement: 10,
      masterClusterName: 'active',
      currentClusterName: 'active',
      clusterInformation: {
        active: {
          enabled: true,
          initialFailoverVersion: 1,
          rpcName: 'frontend',
          rpcAddress: temporalServerAddress(ports.frontend),
          httpAddress: `127.0.0.1:${ports.http}`,
        },
      },
    },
    dcRedirectionPolicy: { policy: 'noop' },
    dynamicConfigClient: { filepath: dynamicConfigFile, pollInterval: '10s' },
  };
  const dynamicConfig = Object.fromEntries(
    Object.entries(TEMPORAL_DYNAMIC_CONFIG).map(([key, value]) => [key, [{ value }]]),
  );
  // JSON is YAML: no YAML writer needed.
  mkdirSync(join(options.dataDir, 'config'), { recursive: true });
  mkdirSync(join(options.dataDir, 'dynamicconfig'), { recursive: true });
  writeFileSync(join(options.dataDir, 'config', `${CONFIG_ENV}.yaml`), JSON.stringify(config, null, 2));
  writeFileSync(dynamicConfigFile, JSON.stringify(dynamicConfig, null, 2));
}

/** The databases and the config files, ready for spawnTemporalServer. */
export async function prepareTemporalServer(options: TemporalServerOptions): Promise<void> {
  await setupTemporalDatabases(options);
  writeTemporalServerConfig(options);
}

/**
 * The errors a server logs every time it starts (its frontend not serving yet, its shards not yet owned)
 * and stops (its services leaving the membership ring one by one): nothing to tell the user.
 */
const ROUTINE_ERRORS = [
  'Frontend is not healthy yet',
  'Queue reader unable to retrieve tasks',
  'error fetching user data from parent',
  'Failed to check Nexus endpoints ownership',
];

/** Its log is JSON lines at warn and above: its errors pass, as message and error without the stack trace. */
function serverLogLine(line: string): string | undefined {
  let entry: { level?: string; msg?: string; error?: string };
  try {
    entry = JSON.parse(line);
  } catch {
    // Its lines before logging starts ("Loading config …") say nothing the launcher does not.
    return undefined;
  }
  if (entry.level !== 'error' && entry.level !== 'fatal' && entry.level !== 'panic') return undefined;
  const text = [entry.msg, entry.error].filter(Boolean).join(': ');
  return ROUTINE_ERRORS.some((routine) => text.includes(routine)) ? undefined : `${entry.level} ${text}`;
}

/**
 * Spawns the server (prepareTemporalServer first) and resolves once its frontend listens. Called again
 * after a crash or a stop with the same options, it comes back on the same ports and databases.
 */
export async function spawnTemporalServer(options: TemporalServerOptions): Promise<ChildProcess> {
  if (await portAnswers(options.port)) {
    throw new Error(
      `端口 ${options.port} 已被占用：可能是上次未退出的 Temporal 服务器或开发服务器。` +
        '请结束该进程，或设置 TEMPORAL_SERVER_PORT 换一个端口（其后 8 个端口也归它用）',
    );
  }
  const args = [
    '--root',
    options.dataDir,
    '--config',
    'config',
    '--env',
    CONFIG_ENV,
    '--allow-no-auth',
    'start',
  ];
  const child = spawn(options.binaries.server, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: a Ctrl-C in the terminal reaches the launcher, which stops it in order.
    detached: true,
  });
  forwardServerLog(child, serverLogLine, options.log);
  await waitForPort(options.port, child, 60_000, 'Temporal server');
  return child;
}

/** The namespace and the case workflows' search attributes, once the new server answers. */
export async function bootstrapTemporalServer(options: Pick<TemporalServerOptions, 'port' | 'namespace'>) {
  const target = { address: temporalServerAddress(options.port), namespace: options.namespace };
  const namespaceCreated = await ensureNamespace(target);
  const searchAttributesAdded = await ensureSearchAttributes(target);
  return { namespaceCreated, searchAttributesAdded };
}

export interface TemporalServer {
  address: string;
  /** Where Prometheus scrapes it: http://127.0.0.1:<metricsPort>/metrics. */
  metricsUrl: string;
  readonly process: ChildProcess;
  /** Stops the server and waits for it to exit. */
  stop(): Promise<void>;
  /** Stops it and starts it again on the same ports and databases. */
  restart(): Promise<void>;
}

/** Databases, config, the process and the namespace: a server ready for the platform's clients and workers. */
export async function startTemporalServer(options: TemporalServerOptions): Promise<TemporalServer> {
  await prepareTemporalServer(options);
  let child = await spawnTemporalServer(options);
  await bootstrapTemporalServer(options);
  return {
    address: temporalServerAddress(options.port),
    metricsUrl: temporalServerMetricsUrl(options.metricsPort),
    get process() {
      return child;
    },
    stop: () => stopServerProcess(child, 15_000),
    async restart() {
      await stopServerProcess(child, 15_000);
      child = await spawnTemporalServer(options);
    },
  };
}

export function temporalServerMetricsUrl(metricsPort: number): string {
  return `http://127.0.0.1:${metricsPort}/metrics`;
}
