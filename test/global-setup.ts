// One Temporal dev server and one throw-away database (built from the migrations) for the whole run.

import './support/path-aliases';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_DATABASE_URL } from '@libs/config';
import { bundleCaseWorkflows, ensureTemporalCli, startDevServer } from '@libs/temporal';
import { freePort } from '../scripts/lib/free-port';
import { prepareDatabase } from '../scripts/lib/prepare-database';
import { ensureBrowser } from './support/browser';

export default async function globalSetup(): Promise<void> {
  const log = (message: string) => console.log(`[test setup] ${message}`);
  const base = new URL(process.env.DATABASE_URL || DEFAULT_DATABASE_URL);
  base.pathname = `/changxiao_test_${process.pid}_${Date.now()}`;
  const databaseUrl = base.toString();
  const { dataSource } = await prepareDatabase(databaseUrl, true);
  // The specs of task mechanics (inbox, access, supervision) use the demo county and start at the home
  // survey: no data check there, and a notice that passes in a second. The lifecycle specs make counties
  // of their own with the departments and periods they need.
  await dataSource.query(
    `UPDATE county_policies SET policy = policy || '{"dataCheckDepartments": [], "publicNotice": "PT1S"}'
     WHERE county_id = '370323'`,
  );
  await dataSource.destroy();

  ensureBrowser(log);
  const cliPath = await ensureTemporalCli(process.env.TEMPORAL_CLI_PATH, join(__dirname, '..'), log);
  const server = await startDevServer({
    cliPath,
    port: await freePort(),
    namespace: 'default',
    dataDir: undefined,
    log,
  });

  const dir = mkdtempSync(join(tmpdir(), 'changxiao-test-'));
  const bundlePath = join(dir, 'workflow-bundle.js');
  writeFileSync(bundlePath, await bundleCaseWorkflows(silentLogger));

  Object.assign(globalThis, { __devServer: server, __testDatabaseUrl: databaseUrl });
  process.env.TEST_DATABASE_URL = databaseUrl;
  process.env.TEST_TEMPORAL_ADDRESS = server.address;
  process.env.TEST_WORKFLOW_BUNDLE = bundlePath;
  process.env.TEST_TEMPORAL_CLI = cliPath ?? '';
  // The run's payload key: every platform a spec starts encrypts its workflows' payloads with it.
  process.env.TEST_TEMPORAL_PAYLOAD_KEY = randomBytes(32).toString('base64');
}

const noop = () => undefined;
const silentLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: console.error, log: noop };
