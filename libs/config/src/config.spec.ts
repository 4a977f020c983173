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

  it('requires a JWT secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'a-long-enough-secret' }).jwt.secret).toBe(
      'a-long-enough-secret',
    );
  });
});
