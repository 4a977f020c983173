// The platform's settings, read from the environment once at start-up into a typed object.
// Nothing else reads process.env; a bad value stops the process with a message naming the variable.

import { isIP } from 'node:net';
import { resolve } from 'node:path';

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  http: {
    host: string;
    port: number;
    /**
     * Which reverse proxies the API believes about the client's address (X-Forwarded-For), as Express's
     * 'trust proxy' takes it: false none, a number that many hops, or the proxies' addresses and ranges.
     */
    trustProxy: TrustProxy;
    /** The built web UI (`npm run build` writes it to dist/web), served at /. */
    webRoot: string;
    /** How many API processes apps/api/src/cluster.ts runs behind the one port. */
    processes: number;
    /**
     * Each API process's V8 old space, in MB, as the launchers start it. Left to itself V8 sizes the heap by the
     * machine's memory and lets a long export's garbage pile up (a 200,000-row xlsx: 320 MB resident on 24 GiB);
     * a cap makes it collect as it goes (the same export: under 180 MB).
     */
    heapMb: number;
  };
  /** How many worker processes `npm run start:prod` runs on the task queue. */
  worker: { processes: number };
  /** Prometheus metrics (/api/metrics, the API cluster's sum, the worker's). */
  metrics: {
    /** A bearer token every metrics endpoint asks for; undefined: only a client on this machine, not proxied. */
    token: string | undefined;
    /** Where the API cluster's primary and the worker serve their metrics. */
    host: string;
    /** The API cluster primary's port for the sum over its processes; undefined: not served. */
    apiClusterPort: number | undefined;
    /** The worker's own metrics (process, activities' outbox and audit sealing); undefined: not served. */
    workerPort: number | undefined;
    /** The Temporal SDK's metrics of the worker (its own exporter); undefined: not served. */
    workerSdkPort: number | undefined;
  };
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
    /** `npm run start:prod`'s Temporal server, built from its Go module, on PostgreSQL (libs/temporal). */
    server: TemporalServerSettings;
    /**
     * The AES-256 keys of the payload codec: `current` encrypts, every one decrypts (the old ones after a
     * rotation). `current` undefined (development and test only) means the key kept in the data directory.
     */
    payloadKeys: { current: Buffer | undefined; old: Buffer[] };
    /** TLS to Temporal (mutual when a client certificate is given); undefined: plain gRPC. */
    tls: TemporalTlsFiles | undefined;
  };
  /** 审计 the audit log's signed checkpoints. */
  audit: {
    /**
     * The Ed25519 private key (its 32-byte seed) that signs checkpoints; `old` still verify the checkpoints
     * signed before a rotation. `current` undefined (development and test only): the key kept in the data
     * directory.
     */
    signingKeys: { current: Buffer | undefined; old: Buffer[] };
    /** How often the worker seals the chains' heads into checkpoints (ms). */
    sealIntervalMs: number;
  };
  dataDir: string;
  jwt: { secret: string | undefined; expiresIn: string };
  /** Outbound notification channels besides the in-app list; each is off unless its URL is set. */
  notify: { webhookUrl: string | undefined; smsGatewayUrl: string | undefined };
  seedDemo: boolean;
  /** Every policy duration is divided by this (tests run the same code in seconds). */
  policyTimeScale: number;
}

export interface TemporalServerSettings {
  /** Built binaries to run instead of those built into the per-user cache. */
  path: string | undefined;
  sqlToolPath: string | undefined;
  /** The frontend's gRPC port; the server's other services take the 8 ports after it. */
  port: number;
  metricsPort: number;
  /** Fixed at the databases' first use. */
  historyShards: number;
  /** Its connections to PostgreSQL for persistence, per service (visibility: half). */
  maxConns: number;
}

/** Files of TLS to Temporal, read where the connection is made (libs/temporal). */
export interface TemporalTlsFiles {
  /** PEM of the CA that signed the server's certificate; undefined: the system's roots. */
  caFile: string | undefined;
  /** The client's certificate and key (PEM) for mutual TLS; both or neither. */
  client: { certFile: string; keyFile: string } | undefined;
  /** The name the server's certificate is checked against, when not the address's host. */
  serverName: string | undefined;
}

export type TrustProxy = false | number | string[];

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
  const optionalPort = (name: string): number | undefined =>
    read(name) === undefined ? undefined : integer(name, 0, 1, 65535);
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
  const production = nodeEnv === 'production';
  const jwtSecret = read('JWT_SECRET');
  const minSecretLength = production ? 32 : 16;
  if (production && jwtSecret === undefined) {
    problems.push(
      'JWT_SECRET: 生产环境必须设置，可用 `openssl rand -base64 32` 生成 (required when NODE_ENV=production)',
    );
  } else if (jwtSecret !== undefined && jwtSecret.length < minSecretLength) {
    problems.push(
      `JWT_SECRET: 至少 ${minSecretLength} 个字符 (must be at least ${minSecretLength} characters` +
        (production ? ' when NODE_ENV=production)' : ')'),
    );
  } else if (production && jwtSecret !== undefined && isPlaceholderSecret(jwtSecret)) {
    problems.push(
      'JWT_SECRET: 是示例或占位值（或含 changeme、secret 等字样），生产环境不可使用，请用 `openssl rand -base64 32` 生成 ' +
        '(is a placeholder or example value, refused when NODE_ENV=production)',
    );
  }
  const seedDemo = boolean('SEED_DEMO', !production);
  if (production && seedDemo) {
    problems.push(
      'SEED_DEMO=true: 生产环境不得创建演示县和演示账号 (demo data is refused when NODE_ENV=production)',
    );
  }

  // Metrics name no person, but say how much the platform is used: not for anyone who guesses the token.
  const metricsToken = read('METRICS_TOKEN');
  if (metricsToken !== undefined && metricsToken.length < 16) {
    problems.push('METRICS_TOKEN: 至少 16 个字符 (must be at least 16 characters)');
  } else if (production && metricsToken !== undefined && isPlaceholderSecret(metricsToken)) {
    problems.push(
      'METRICS_TOKEN: 是示例或占位值，生产环境不可使用，请用 `openssl rand -base64 32` 生成 ' +
        '(is a placeholder or example value, refused when NODE_ENV=production)',
    );
  }

  const payloadKey = (name: string, raw: string): Buffer | undefined => {
    const key = parsePayloadKey(raw);
    if (key === undefined) {
      problems.push(
        `${name}: 应为 32 字节的 base64（如 \`openssl rand -base64 32\`）或 64 位十六进制 ` +
          '(must be 32 bytes as base64 or 64 hex digits)',
      );
    } else if (production && new Set(key).size === 1) {
      problems.push(
        `${name}: 是同一字节的重复，生产环境不可使用，请用 \`openssl rand -base64 32\` 生成 ` +
          '(one byte repeated: refused when NODE_ENV=production)',
      );
    }
    return key;
  };
  const payloadKeyRaw = read('TEMPORAL_PAYLOAD_KEY');
  if (production && payloadKeyRaw === undefined) {
    problems.push(
      'TEMPORAL_PAYLOAD_KEY: 生产环境必须设置（工作流数据加密密钥），可用 `openssl rand -base64 32` 生成 ' +
        '(the payload encryption key is required when NODE_ENV=production)',
    );
  }
  const oldKeys = (name: string): Buffer[] =>
    (read(name) ?? '')
      .split(',')
      .map((raw) => raw.trim())
      .filter((raw) => raw !== '')
      .map((raw, i) => payloadKey(`${name} 第 ${i + 1} 个 (entry ${i + 1})`, raw))
      .filter((key): key is Buffer => key !== undefined);
  const payloadKeys = {
    current: payloadKeyRaw === undefined ? undefined : payloadKey('TEMPORAL_PAYLOAD_KEY', payloadKeyRaw),
    old: oldKeys('TEMPORAL_PAYLOAD_OLD_KEYS'),
  };
  // Same form as the payload key: 32 random bytes, here the seed of an Ed25519 key.
  const signingKeyRaw = read('AUDIT_SIGNING_KEY');
  if (production && signingKeyRaw === undefined) {
    problems.push(
      'AUDIT_SIGNING_KEY: 生产环境必须设置（留痕检查点签名密钥），可用 `openssl rand -base64 32` 生成 ' +
        '(the audit checkpoint signing key is required when NODE_ENV=production)',
    );
  }
  const signingKeys = {
    current: signingKeyRaw === undefined ? undefined : payloadKey('AUDIT_SIGNING_KEY', signingKeyRaw),
    old: oldKeys('AUDIT_SIGNING_OLD_KEYS'),
  };

  const tlsCertFile = read('TEMPORAL_TLS_CERT_FILE');
  const tlsKeyFile = read('TEMPORAL_TLS_KEY_FILE');
  if ((tlsCertFile === undefined) !== (tlsKeyFile === undefined)) {
    problems.push(
      'TEMPORAL_TLS_CERT_FILE, TEMPORAL_TLS_KEY_FILE: 客户端证书与私钥须同时设置 ' +
        '(the client certificate and its key go together)',
    );
  }
  const tlsFiles: TemporalTlsFiles = {
    caFile: read('TEMPORAL_TLS_CA_FILE'),
    client: tlsCertFile && tlsKeyFile ? { certFile: tlsCertFile, keyFile: tlsKeyFile } : undefined,
    serverName: read('TEMPORAL_TLS_SERVER_NAME'),
  };
  const tlsGiven = tlsFiles.caFile ?? tlsCertFile ?? tlsKeyFile ?? tlsFiles.serverName;
  const tls = boolean('TEMPORAL_TLS', tlsGiven !== undefined);
  if (!tls && tlsGiven !== undefined) {
    problems.push(
      'TEMPORAL_TLS=false: 与 TEMPORAL_TLS_* 文件设置矛盾 (contradicts the TEMPORAL_TLS_* settings given)',
    );
  }

  const config: AppConfig = {
    env: nodeEnv,
    http: {
      host: read('HOST') ?? '0.0.0.0',
      port: integer('PORT', 3000, 1, 65535),
      trustProxy: trustProxy(read('TRUST_PROXY'), problems),
      webRoot: resolve(read('WEB_ROOT') ?? 'dist/web'),
      processes: integer('API_PROCESSES', 2, 1, 16),
      heapMb: integer('API_HEAP_MB', 256, 128, 16_384),
    },
    worker: { processes: integer('WORKER_PROCESSES', 2, 1, 8) },
    metrics: {
      token: metricsToken,
      host: read('METRICS_HOST') ?? '127.0.0.1',
      apiClusterPort: optionalPort('API_METRICS_PORT'),
      workerPort: optionalPort('WORKER_METRICS_PORT'),
      workerSdkPort: optionalPort('WORKER_SDK_METRICS_PORT'),
    },
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
      server: {
        path: read('TEMPORAL_SERVER_PATH'),
        sqlToolPath: read('TEMPORAL_SQL_TOOL_PATH'),
        port: integer('TEMPORAL_SERVER_PORT', 7233, 1, 65535 - 8),
        metricsPort: integer('TEMPORAL_METRICS_PORT', 8000, 1, 65535),
        historyShards: integer('TEMPORAL_HISTORY_SHARDS', 16, 1, 16384),
        maxConns: integer('TEMPORAL_DB_MAX_CONNS', 8, 2, 500),
      },
      payloadKeys,
      tls: tls ? tlsFiles : undefined,
    },
    audit: { signingKeys, sealIntervalMs: integer('AUDIT_SEAL_INTERVAL', 60, 1, 86_400) * 1000 },
    dataDir: resolve(read('DATA_DIR') ?? '.data'),
    jwt: { secret: jwtSecret, expiresIn: read('JWT_EXPIRES_IN') ?? '8h' },
    notify: { webhookUrl: httpUrl('NOTIFY_WEBHOOK_URL'), smsGatewayUrl: httpUrl('SMS_GATEWAY_URL') },
    seedDemo,
    policyTimeScale,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

// The names Express's 'trust proxy' knows for whole ranges.
const TRUST_PROXY_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * TRUST_PROXY: unset, false or 0 trusts no proxy (the socket's address is the client's); a number trusts
 * that many hops; otherwise a comma-separated list of proxy addresses, CIDR ranges or the range names.
 * `true` (believe any X-Forwarded-For) is refused: a client could then name any address it likes.
 */
function trustProxy(raw: string | undefined, problems: string[]): TrustProxy {
  if (raw === undefined || ['false', '0'].includes(raw.toLowerCase())) return false;
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops >= 1 && hops <= 16) return hops;
  } else {
    const entries = raw.split(',').map((entry) => entry.trim());
    if (raw.toLowerCase() !== 'true' && entries.every(isProxyAddress)) return entries;
  }
  problems.push(
    `TRUST_PROXY=${raw}: 应为反向代理的跳数（1–16），或代理地址、CIDR 网段（可用 loopback、linklocal、uniquelocal），` +
      '以逗号分隔；不接受 true（任何客户端都可伪造 X-Forwarded-For） ' +
      '(must be a hop count from 1 to 16, or a comma-separated list of proxy addresses, CIDR ranges or ' +
      'loopback/linklocal/uniquelocal; true is refused because any client could forge X-Forwarded-For)',
  );
  return false;
}

function isProxyAddress(entry: string): boolean {
  if (TRUST_PROXY_RANGES.includes(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  return prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128));
}

/**
 * Values that must never sign production tokens: the well-known placeholders, the examples this project
 * once shipped (docker-compose.yml, README) and any value made of one repeated character.
 */
const PLACEHOLDER_SECRETS = [
  'change-me-in-production',
  'changeme',
  'change-me',
  'change_me',
  'secret',
  'your-secret',
  'your_secret',
  'yoursecret',
  'jwt-secret',
  'jwt_secret',
  'mysecret',
  'password',
  'integration-test-secret-0123456789',
  'bench-secret-0123456789abcdef',
];

function isPlaceholderSecret(secret: string): boolean {
  const folded = secret.toLowerCase();
  return (
    new Set(folded).size === 1 ||
    PLACEHOLDER_SECRETS.some((placeholder) => folded === placeholder || folded.includes(placeholder))
  );
}

/** 32 bytes from 64 hex digits or from base64 (standard or URL-safe); undefined when it is neither. */
export function parsePayloadKey(raw: string): Buffer | undefined {
  if (/^[0-9a-f]{64}$/i.test(raw)) return Buffer.from(raw, 'hex');
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(raw)) return undefined;
  const key = Buffer.from(raw, 'base64');
  return key.length === 32 ? key : undefined;
}
