// The platform's settings, read from the environment once at start-up into a typed object.
// Nothing else reads process.env; a bad value stops the process with a message naming the variable.

import { resolve } from 'node:path';

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  http: { host: string; port: number };
  database: {
    url: string;
    /** False when DATABASE_URL was not given: the launcher may then fall back to embedded PostgreSQL. */
    explicit: boolean;
    poolSize: number;
    embeddedPort: number;
  } & DatabaseTimeouts;
  temporal: {
    /** host:port of a running server; undefined means start the dev server. */
    address: string | undefined;
    namespace: string;
    taskQueue: string;
    cliPath: string | undefined;
    devServerPort: number;
  };
  dataDir: string;
  jwt: { secret: string | undefined; expiresIn: string };
  /** Outbound notification channels besides the in-app list; each is off unless its URL is set. */
  notify: { webhookUrl: string | undefined; smsGatewayUrl: string | undefined };
  seedDemo: boolean;
  /** Every policy duration is divided by this (tests run the same code in seconds). */
  policyTimeScale: number;
}

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/changxiao';

/** An unreachable or stuck PostgreSQL fails a request rather than holding it without end. */
export interface DatabaseTimeouts {
  /** How long to wait for a connection (ms). */
  connectTimeoutMs: number;
  /** The longest a statement may run (ms) before PostgreSQL cancels it. */
  statementTimeoutMs: number;
}

export const DEFAULT_DATABASE_TIMEOUTS: DatabaseTimeouts = {
  connectTimeoutMs: 5_000,
  statementTimeoutMs: 30_000,
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置错误 (configuration error):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(
        `${name}=${raw}: 应为 ${min} 到 ${max} 之间的整数 (must be an integer from ${min} to ${max})`,
      );
      return fallback;
    }
    return value;
  };
  const boolean = (name: string, fallback: boolean): boolean => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    if (['true', '1', 'yes'].includes(raw.toLowerCase())) return true;
    if (['false', '0', 'no'].includes(raw.toLowerCase())) return false;
    problems.push(`${name}=${raw}: 应为 true 或 false (must be true or false)`);
    return fallback;
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    problems.push(`${name}=${raw}: 应为 ${allowed.join(' / ')} 之一 (must be one of them)`);
    return fallback;
  };

  const databaseUrl = read('DATABASE_URL');
  if (databaseUrl !== undefined) {
    try {
      const url = new URL(databaseUrl);
      if (!['postgres:', 'postgresql:'].includes(url.protocol) || url.pathname.length < 2) throw new Error();
    } catch {
      problems.push(
        `DATABASE_URL=${databaseUrl}: 应为 postgres://用户@主机:端口/数据库名 (must be a postgres:// URL with a database name)`,
      );
    }
  }
  const temporalAddress = read('TEMPORAL_ADDRESS');
  if (temporalAddress !== undefined && !/^[\w.-]+:\d+$/.test(temporalAddress)) {
    problems.push(`TEMPORAL_ADDRESS=${temporalAddress}: 应为 主机:端口 (must be host:port)`);
  }
  const scaleRaw = read('POLICY_TIME_SCALE');
  const policyTimeScale = scaleRaw === undefined ? 1 : Number(scaleRaw);
  if (!(policyTimeScale >= 1) || !Number.isFinite(policyTimeScale)) {
    problems.push(`POLICY_TIME_SCALE=${scaleRaw}: 应为不小于 1 的数 (must be a number >= 1)`);
  }

  const httpUrl = (name: string): string | undefined => {
    const raw = read(name);
    if (raw === undefined) return undefined;
    try {
      if (['http:', 'https:'].includes(new URL(raw).protocol)) return raw;
    } catch {
      // reported below
    }
    problems.push(`${name}=${raw}: 应为 http:// 或 https:// 地址 (must be an http(s) URL)`);
    return undefined;
  };

  const nodeEnv = oneOf('NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const jwtSecret = read('JWT_SECRET');
  if (nodeEnv === 'production' && jwtSecret === undefined) {
    problems.push('JWT_SECRET: 生产环境必须设置 (required when NODE_ENV=production)');
  }
  if (jwtSecret !== undefined && jwtSecret.length < 16) {
    problems.push('JWT_SECRET: 至少 16 个字符 (must be at least 16 characters)');
  }

  const config: AppConfig = {
    env: nodeEnv,
    http: { host: read('HOST') ?? '0.0.0.0', port: integer('PORT', 3000, 1, 65535) },
    database: {
      url: databaseUrl ?? DEFAULT_DATABASE_URL,
      explicit: databaseUrl !== undefined,
      poolSize: integer('DATABASE_POOL_SIZE', 10, 1, 200),
      connectTimeoutMs: integer(
        'DATABASE_CONNECT_TIMEOUT_MS',
        DEFAULT_DATABASE_TIMEOUTS.connectTimeoutMs,
        100,
        120_000,
      ),
      statementTimeoutMs: integer(
        'DATABASE_STATEMENT_TIMEOUT_MS',
        DEFAULT_DATABASE_TIMEOUTS.statementTimeoutMs,
        100,
        3_600_000,
      ),
      embeddedPort: integer('EMBEDDED_POSTGRES_PORT', 54329, 1, 65535),
    },
    temporal: {
      address: temporalAddress,
      namespace: read('TEMPORAL_NAMESPACE') ?? 'default',
      taskQueue: read('TEMPORAL_TASK_QUEUE') ?? 'household-cases',
      cliPath: read('TEMPORAL_CLI_PATH'),
      devServerPort: integer('TEMPORAL_DEV_PORT', 7233, 1, 65535),
    },
    dataDir: resolve(read('DATA_DIR') ?? '.data'),
    jwt: { secret: jwtSecret, expiresIn: read('JWT_EXPIRES_IN') ?? '8h' },
    notify: { webhookUrl: httpUrl('NOTIFY_WEBHOOK_URL'), smsGatewayUrl: httpUrl('SMS_GATEWAY_URL') },
    seedDemo: boolean('SEED_DEMO', true),
    policyTimeScale,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
