// A production start refuses while a demo account still signs in with the README's password: the check on
// the run's database (seeded with the demo county), then the built API and launcher (dist/, written by
// `npm run build`) started with NODE_ENV=production, which exit with the Chinese message instead of serving.

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hash } from 'bcryptjs';
import { DataSource } from 'typeorm';
import { createDataSource } from '@libs/persistence';
import {
  DEMO_USERS,
  DemoAccountsOpenError,
  openDemoAccounts,
  refuseOpenDemoAccounts,
} from '../scripts/lib/demo-county';
import { freePort } from '../scripts/lib/free-port';
import { testEnv } from './support/platform';

const ROOT = join(__dirname, '..');
const DEMO_NAMES = DEMO_USERS.map((u) => u.username).sort();

let dataSource: DataSource;
let dataDir: string;

beforeAll(async () => {
  dataSource = await createDataSource(testEnv().databaseUrl, 2).initialize();
  dataDir = mkdtempSync(join(tmpdir(), 'production-start-'));
});

afterAll(async () => {
  await dataSource?.destroy();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Runs `body` in a transaction that is always rolled back: the run's demo users stay as other specs need them. */
async function inRolledBack(body: (db: DataSource['manager']) => Promise<void>): Promise<void> {
  const rollback = new Error('rollback');
  await dataSource
    .transaction(async (manager) => {
      await body(manager);
      throw rollback;
    })
    .catch((error) => {
      if (error !== rollback) throw error;
    });
}

describe('demo accounts in production', () => {
  it('lists every demo user that still has the demo password', async () => {
    expect(await openDemoAccounts(dataSource)).toEqual(DEMO_NAMES);
    const error = await refuseOpenDemoAccounts(dataSource).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DemoAccountsOpenError);
    expect((error as Error).message).toMatch(/^生产环境拒绝启动：演示账号仍可用演示密码/);
    expect((error as Error).message).toContain('admin');
  });

  it('lets a demo user go once disabled or its password changed, and passes when none is left open', async () => {
    await inRolledBack(async (db) => {
      const changed = await hash(randomBytes(16).toString('hex'), 4);
      await db.query(`UPDATE users SET password_hash = $1 WHERE username = 'admin'`, [changed]);
      await db.query(`UPDATE users SET enabled = false WHERE username = 'inspector'`);
      expect(await openDemoAccounts(db)).toEqual(
        DEMO_NAMES.filter((name) => name !== 'admin' && name !== 'inspector'),
      );
      await db.query('UPDATE users SET password_hash = $1 WHERE username = ANY($2)', [changed, DEMO_NAMES]);
      expect(await openDemoAccounts(db)).toEqual([]);
      await expect(refuseOpenDemoAccounts(db)).resolves.toBeUndefined();
    });
  });
});

/** Runs a built entry point to its exit (at most 60 s), with only the environment given. */
function run(script: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'dist', script)], {
      env: { PATH: process.env.PATH!, HOME: process.env.HOME!, DATA_DIR: dataDir, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} still running after 60 s (it should have refused):\n${output}`));
    }, 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('a production start (built API and launcher)', () => {
  const production = async () => ({
    NODE_ENV: 'production',
    DATABASE_URL: testEnv().databaseUrl,
    TEMPORAL_ADDRESS: testEnv().temporalAddress,
    JWT_SECRET: randomBytes(32).toString('base64'),
    TEMPORAL_PAYLOAD_KEY: randomBytes(32).toString('base64'),
    AUDIT_SIGNING_KEY: randomBytes(32).toString('base64'),
    PORT: String(await freePort()),
  });

  it.each(['apps/api/src/main.js', 'scripts/start.js'])(
    '%s exits with the message while the demo accounts are open',
    async (script) => {
      const { code, output } = await run(script, await production());
      expect(code).toBe(1);
      expect(output).toContain('生产环境拒绝启动：演示账号仍可用演示密码');
      expect(output).toContain('cw_dongli_east');
    },
  );

  it('the API refuses an example JWT secret and a missing payload key before it touches anything', async () => {
    const env = await production();
    const { code, output } = await run('apps/api/src/main.js', {
      ...env,
      JWT_SECRET: 'change-me-in-production',
      TEMPORAL_PAYLOAD_KEY: '',
    });
    expect(code).toBe(1);
    expect(output).toContain('配置错误');
    expect(output).toMatch(/JWT_SECRET: .*32/);
    expect(output).toContain('TEMPORAL_PAYLOAD_KEY: 生产环境必须设置');
  });
});
