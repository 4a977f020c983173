import { ConfigError, DEFAULT_DATABASE_URL, loadConfig } from './config';

describe('loadConfig', () => {
  it('falls back to the embedded defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.database).toMatchObject({
      url: DEFAULT_DATABASE_URL,
      explicit: false,
      connectTimeoutMs: 5_000,
      statementTimeoutMs: 30_000,
    });
    expect(config.http.port).toBe(3000);
    expect(config.temporal.address).toBeUndefined();
    expect(config.seedDemo).toBe(true);
  });

  it('names every bad variable at once', () => {
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x/y',
        SEED_DEMO: 'maybe',
        TEMPORAL_ADDRESS: 'nohost',
        NOTIFY_WEBHOOK_URL: 'ftp://example',
      });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      for (const name of ['PORT', 'DATABASE_URL', 'SEED_DEMO', 'TEMPORAL_ADDRESS', 'NOTIFY_WEBHOOK_URL']) {
        expect(problems).toContain(name);
      }
    }
  });

  it('reads the database timeouts in milliseconds, and refuses ones too short to connect at all', () => {
    const config = loadConfig({
      DATABASE_CONNECT_TIMEOUT_MS: '2000',
      DATABASE_STATEMENT_TIMEOUT_MS: '60000',
    });
    expect(config.database).toMatchObject({ connectTimeoutMs: 2_000, statementTimeoutMs: 60_000 });
    expect(() => loadConfig({ DATABASE_CONNECT_TIMEOUT_MS: '0' })).toThrow(/DATABASE_CONNECT_TIMEOUT_MS/);
    expect(() => loadConfig({ DATABASE_STATEMENT_TIMEOUT_MS: '5s' })).toThrow(
      /DATABASE_STATEMENT_TIMEOUT_MS/,
    );
  });

  it('trusts no proxy unless TRUST_PROXY names a hop count or the proxies, and refuses true', () => {
    for (const off of [undefined, '', 'false', '0']) {
      expect(loadConfig({ TRUST_PROXY: off }).http.trustProxy).toBe(false);
    }
    expect(loadConfig({ TRUST_PROXY: '2' }).http.trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8,192.168.1.7, fd00::/8' }).http.trustProxy).toEqual(
      ['loopback', '10.0.0.0/8', '192.168.1.7', 'fd00::/8'],
    );
    for (const bad of ['17', '00', '-1', '10.0.0.0/33', 'fd00::/129', 'nginx', '10.0.0.1,', '10.0.0/8']) {
      expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(`TRUST_PROXY=${bad}: 应为`);
    }
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(
      /TRUST_PROXY=true: .*不接受 true.*true is refused/,
    );
  });

  it('reads the metrics settings: API processes from 1 to 16, the ports optional, a token of 16 characters', () => {
    expect(loadConfig({}).http.processes).toBe(2);
    expect(loadConfig({}).metrics).toEqual({
      token: undefined,
      host: '127.0.0.1',
      apiClusterPort: undefined,
      workerPort: undefined,
      workerSdkPort: undefined,
    });
    expect(
      loadConfig({ API_PROCESSES: '4', API_METRICS_PORT: '9464', WORKER_SDK_METRICS_PORT: '9466' }),
    ).toMatchObject({ http: { processes: 4 }, metrics: { apiClusterPort: 9464, workerSdkPort: 9466 } });
    const problems = (() => {
      try {
        loadConfig({ API_PROCESSES: '17', WORKER_METRICS_PORT: '70000', METRICS_TOKEN: 'short' });
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    })();
    expect(problems).toEqual([
      expect.stringMatching(/^METRICS_TOKEN: 至少 16 个字符/),
      expect.stringMatching(/^API_PROCESSES=17: 应为 1 到 16 之间的整数/),
      expect.stringMatching(/^WORKER_METRICS_PORT=70000: 应为 1 到 65535 之间的整数/),
    ]);
  });

  it('caps each API process’s heap at 256 MB unless told otherwise, from 128 MB', () => {
    expect(loadConfig({}).http.heapMb).toBe(256);
    expect(loadConfig({ API_HEAP_MB: '1024' }).http.heapMb).toBe(1024);
    expect(() => loadConfig({ API_HEAP_MB: '64' })).toThrow(/API_HEAP_MB=64: 应为 128 到 16384 之间的整数/);
  });

  describe('in production', () => {
    const secret = 'q7Vf2mZ0rXy8Lw4Tn1Hc6Ks9Pd3Bg5Je';
    const key = Buffer.from('9f1c2e7a4b8d0f3a6c5e1b2d7f9a0c4e8b3d6f1a2c5e7b9d0f4a8c1e3b6d2f5a', 'hex');
    const payloadKey = key.toString('base64');
    const signingKey = Buffer.from(key).reverse();
    const production = {
      NODE_ENV: 'production',
      JWT_SECRET: secret,
      TEMPORAL_PAYLOAD_KEY: payloadKey,
      AUDIT_SIGNING_KEY: signingKey.toString('hex'),
    };
    const problemsOf = (env: Record<string, string | undefined>): string => {
      try {
        loadConfig(env);
      } catch (error) {
        if (error instanceof ConfigError) return error.problems.join('\n');
        throw error;
      }
      return '';
    };

    it('starts with a strong secret and a payload key, and seeds no demo county', () => {
      const config = loadConfig(production);
      expect(config.jwt.secret).toBe(secret);
      expect(config.seedDemo).toBe(false);
      expect(config.temporal.payloadKeys.current).toEqual(key);
      expect(config.audit).toEqual({ signingKeys: { current: signingKey, old: [] }, sealIntervalMs: 60_000 });
    });

    it('refuses a payload key of one byte repeated, current or old', () => {
      const zeros = Buffer.alloc(32).toString('base64');
      expect(problemsOf({ ...production, TEMPORAL_PAYLOAD_KEY: zeros })).toMatch(
        /TEMPORAL_PAYLOAD_KEY: 是同一字节的重复/,
      );
      expect(problemsOf({ ...production, TEMPORAL_PAYLOAD_OLD_KEYS: 'f'.repeat(64) })).toMatch(
        /TEMPORAL_PAYLOAD_OLD_KEYS 第 1 个 \(entry 1\): 是同一字节的重复/,
      );
      // Outside production any 32 bytes do (fixtures, trials).
      expect(loadConfig({ TEMPORAL_PAYLOAD_KEY: zeros }).temporal.payloadKeys.current).toEqual(
        Buffer.alloc(32),
      );
    });

    it('refuses a missing JWT secret, payload key and audit signing key, naming each', () => {
      const problems = problemsOf({ NODE_ENV: 'production' });
      expect(problems).toMatch(/JWT_SECRET: 生产环境必须设置/);
      expect(problems).toMatch(/TEMPORAL_PAYLOAD_KEY: 生产环境必须设置/);
      expect(problems).toMatch(/AUDIT_SIGNING_KEY: 生产环境必须设置/);
    });

    it('refuses an audit signing key that is not 32 bytes or is one byte repeated, and a bad seal interval', () => {
      expect(problemsOf({ ...production, AUDIT_SIGNING_KEY: 'abc' })).toMatch(
        /AUDIT_SIGNING_KEY: 应为 32 字节/,
      );
      expect(problemsOf({ ...production, AUDIT_SIGNING_OLD_KEYS: '0'.repeat(64) })).toMatch(
        /AUDIT_SIGNING_OLD_KEYS 第 1 个 \(entry 1\): 是同一字节的重复/,
      );
      expect(problemsOf({ ...production, AUDIT_SEAL_INTERVAL: '0' })).toMatch(
        /AUDIT_SEAL_INTERVAL=0: 应为 1 到 86400/,
      );
    });

    it('refuses a JWT secret shorter than 32 characters', () => {
      expect(problemsOf({ ...production, JWT_SECRET: secret.slice(0, 31) })).toMatch(
        /JWT_SECRET: 至少 32 个字符 .*NODE_ENV=production/,
      );
      // Outside production 16 characters still do (tests, trials).
      expect(loadConfig({ JWT_SECRET: secret.slice(0, 16) }).jwt.secret).toHaveLength(16);
    });

    it.each([
      'change-me-in-production-please-0123',
      'CHANGEME-CHANGEME-CHANGEME-CHANGEME',
      'my-very-own-secret-for-the-county-2026',
      'your-secret-your-secret-your-secret!',
      'x'.repeat(40),
      '0'.repeat(64),
      'integration-test-secret-0123456789',
    ])('refuses the placeholder %s', (placeholder) => {
      expect(problemsOf({ ...production, JWT_SECRET: placeholder })).toMatch(/JWT_SECRET: 是示例或占位值/);
    });

    it('refuses SEED_DEMO=true', () => {
      expect(problemsOf({ ...production, SEED_DEMO: 'true' })).toMatch(/SEED_DEMO=true: 生产环境不得/);
      expect(loadConfig({ ...production, SEED_DEMO: 'false' }).seedDemo).toBe(false);
    });
  });

  describe('TLS to Temporal', () => {
    it('is off unless asked for, on with TEMPORAL_TLS=true (system roots) or any TEMPORAL_TLS_* file', () => {
      expect(loadConfig({}).temporal.tls).toBeUndefined();
      expect(loadConfig({ TEMPORAL_TLS: 'true' }).temporal.tls).toEqual({
        caFile: undefined,
        client: undefined,
        serverName: undefined,
      });
      expect(
        loadConfig({
          TEMPORAL_TLS_CA_FILE: '/etc/changxiao/temporal-ca.pem',
          TEMPORAL_TLS_CERT_FILE: '/etc/changxiao/client.pem',
          TEMPORAL_TLS_KEY_FILE: '/etc/changxiao/client.key',
          TEMPORAL_TLS_SERVER_NAME: 'temporal.internal',
        }).temporal.tls,
      ).toEqual({
        caFile: '/etc/changxiao/temporal-ca.pem',
        client: { certFile: '/etc/changxiao/client.pem', keyFile: '/etc/changxiao/client.key' },
        serverName: 'temporal.internal',
      });
    });

    it('refuses a client certificate without its key, and TEMPORAL_TLS=false beside TLS files', () => {
      expect(() => loadConfig({ TEMPORAL_TLS_CERT_FILE: '/etc/changxiao/client.pem' })).toThrow(
        /TEMPORAL_TLS_CERT_FILE, TEMPORAL_TLS_KEY_FILE/,
      );
      expect(() => loadConfig({ TEMPORAL_TLS: 'false', TEMPORAL_TLS_CA_FILE: '/ca.pem' })).toThrow(
        /TEMPORAL_TLS=false/,
      );
    });
  });

  describe('the payload keys', () => {
    const key = Buffer.from('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f', 'hex');

    it('reads 64 hex digits, base64 and URL-safe base64, and the old keys comma-separated', () => {
      const config = loadConfig({
        TEMPORAL_PAYLOAD_KEY: key.toString('hex'),
        TEMPORAL_PAYLOAD_OLD_KEYS: ` ${key.toString('base64')} ,${key.toString('base64url')}`,
      });
      expect(config.temporal.payloadKeys).toEqual({ current: key, old: [key, key] });
    });

    it('leaves the key to the data directory outside production when unset', () => {
      expect(loadConfig({}).temporal.payloadKeys).toEqual({ current: undefined, old: [] });
    });

    it.each([
      'too-short',
      key.subarray(0, 16).toString('base64'),
      'zz'.repeat(32),
      `${key.toString('hex')}00`,
    ])('refuses %s as a key, and a bad old key by its place', (bad) => {
      expect(() => loadConfig({ TEMPORAL_PAYLOAD_KEY: bad })).toThrow(/TEMPORAL_PAYLOAD_KEY: 应为 32 字节/);
      expect(() => loadConfig({ TEMPORAL_PAYLOAD_OLD_KEYS: `${key.toString('base64')},${bad}` })).toThrow(
        /TEMPORAL_PAYLOAD_OLD_KEYS 第 2 个/,
      );
    });
  });
});
