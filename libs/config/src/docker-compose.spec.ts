// docker-compose.yml is the production-like deployment: it must ask for the secrets (no example defaults),
// run the platform in production, seed no demo county and publish neither Temporal's gRPC port nor its UI.

import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config';

const COMPOSE_FILE = join(__dirname, '..', '..', '..', 'docker-compose.yml');
const compose = readFileSync(COMPOSE_FILE, 'utf8');

/** The lines of a top-level block (`x-app-env:`) or of a service (`  temporal:`), comments dropped. */
function block(header: RegExp): string[] {
  const lines = compose.split('\n');
  const start = lines.findIndex((line) => header.test(line));
  if (start < 0) throw new Error(`docker-compose.yml has no ${header}`);
  const indent = lines[start].search(/\S/);
  const end = lines.findIndex((line, i) => i > start && line.trim() !== '' && line.search(/\S/) <= indent);
  return lines.slice(start + 1, end < 0 ? undefined : end).filter((line) => !/^\s*(#|$)/.test(line));
}

/** The app services' environment (the x-app-env anchor), with `${NAME:?…}` and `${NAME:-…}` filled from `env`. */
function appEnvironment(env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    block(/^x-app-env:/).map((line) => {
      const [, name, raw] = /^\s+(\w+):\s*(.*)$/.exec(line)!;
      const value = raw.replace(/^'(.*)'$/, '$1');
      const filled = value.replace(/\$\{(\w+):[?-][^}]*\}/g, (_, variable: string) => env[variable] ?? '');
      return [name, filled];
    }),
  );
}

describe('docker-compose.yml', () => {
  it('requires JWT_SECRET, TEMPORAL_PAYLOAD_KEY and AUDIT_SIGNING_KEY with a Chinese reason, and has no default for any', () => {
    const env = block(/^x-app-env:/).join('\n');
    expect(env).toMatch(/JWT_SECRET: '\$\{JWT_SECRET:\?请设置 JWT_SECRET（至少 32 个字符/);
    expect(env).toMatch(/TEMPORAL_PAYLOAD_KEY: '\$\{TEMPORAL_PAYLOAD_KEY:\?请设置 TEMPORAL_PAYLOAD_KEY/);
    expect(env).toMatch(/AUDIT_SIGNING_KEY: '\$\{AUDIT_SIGNING_KEY:\?请设置 AUDIT_SIGNING_KEY/);
    expect(compose).not.toMatch(/\$\{(JWT_SECRET|TEMPORAL_PAYLOAD_KEY|AUDIT_SIGNING_KEY):?-/);
  });

  it('runs the platform in production without the demo county, and that environment passes the configuration', () => {
    const env = appEnvironment({
      JWT_SECRET: randomBytes(32).toString('base64'),
      TEMPORAL_PAYLOAD_KEY: randomBytes(32).toString('base64'),
      AUDIT_SIGNING_KEY: randomBytes(32).toString('base64'),
    });
    expect(env).toMatchObject({ NODE_ENV: 'production', SEED_DEMO: 'false' });
    const config = loadConfig(env);
    expect(config.env).toBe('production');
    expect(config.seedDemo).toBe(false);
    // Given the secret the README once showed, the platform itself refuses.
    expect(() =>
      loadConfig({ ...env, JWT_SECRET: 'change-me-in-production-change-me-in-production' }),
    ).toThrow(ConfigError);
  });

  it("publishes neither Temporal's gRPC port nor, unless asked for, its UI (then on loopback only)", () => {
    expect(block(/^ {2}temporal:$/).join('\n')).not.toMatch(/^\s+ports:/m);
    const ui = block(/^ {2}temporal-ui:$/).join('\n');
    expect(ui).toMatch(/^\s+profiles: \[debug\]$/m);
    const published = [...ui.matchAll(/^\s+- '([^']+)'$/gm)].map((m) => m[1]);
    expect(published).toEqual(['127.0.0.1:8080:8080']);
  });

  const hasCompose = spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0;
  (hasCompose ? it : it.skip)(
    `docker-compose config refuses it without the secrets and accepts it with them${
      hasCompose ? '' : ' (skipped: docker-compose is not installed)'
    }`,
    () => {
      const { PATH } = process.env;
      const without = spawnSync('docker-compose', ['-f', COMPOSE_FILE, 'config', '--quiet'], {
        env: { PATH },
        encoding: 'utf8',
      });
      expect(without.status).not.toBe(0);
      expect(without.stderr).toContain('请设置 JWT_SECRET');
      const secrets = {
        JWT_SECRET: randomBytes(32).toString('base64'),
        TEMPORAL_PAYLOAD_KEY: randomBytes(32).toString('base64'),
        AUDIT_SIGNING_KEY: randomBytes(32).toString('base64'),
      };
      execFileSync('docker-compose', ['-f', COMPOSE_FILE, 'config', '--quiet'], {
        env: { PATH, ...secrets },
      });
    },
  );
});
