// `npm start`: PostgreSQL (the configured server, else an embedded one), migrations and the demo county,
// the Temporal dev server (unless TEMPORAL_ADDRESS is set), then the worker and the API as child
// processes. A child that dies is started again (scripts/lib/supervisor); only Ctrl-C stops them all,
// in order (scripts/lib/launcher).

import { join } from 'node:path';
import { loadConfig } from '@libs/config';
import { devServerAddress, ensureTemporalCli, spawnDevServer, startDevServer } from '@libs/temporal';
import { apiNodeOptions, Launcher, maskPassword, platformEnv } from './lib/launcher';

const PROJECT_ROOT = join(__dirname, '..', '..');
const launcher = new Launcher('start');
const { log } = launcher;

async function main(): Promise<void> {
  const config = loadConfig();
  const { databaseUrl, seeded } = await launcher.openDatabase(config);

  let temporalAddress = config.temporal.address;
  if (temporalAddress) {
    log(`使用已运行的 Temporal: ${temporalAddress}`);
  } else {
    const cliPath = await ensureTemporalCli(config.temporal.cliPath, PROJECT_ROOT, log);
    const options = {
      port: config.temporal.devServerPort,
      namespace: config.temporal.namespace,
      // The same port and SQLite file at every restart: the API and the worker find it where it was.
      dataDir: join(config.dataDir, 'temporal'),
      log,
    };
    if (cliPath) {
      await launcher.superviseChild({
        name: 'Temporal 开发服务器',
        start: () => spawnDevServer({ ...options, cliPath }),
        stopGraceMs: 10_000,
      });
    } else {
      // The downloaded server runs inside @temporalio/testing, not as a process of ours: not supervised.
      const server = await startDevServer({ ...options, cliPath });
      launcher.onStop('Temporal 开发服务器', server.stop);
    }
    temporalAddress = devServerAddress(options.port);
    log(`Temporal 开发服务器已启动: ${temporalAddress}（${cliPath ?? '下载的服务器'}）`);
  }
  if (launcher.isStopping) return;

  const env = platformEnv(config, databaseUrl, temporalAddress);
  await launcher.superviseNode('worker', 'apps/worker/src/main.js', env);
  await launcher.superviseNode('API', 'apps/api/src/main.js', env, apiNodeOptions(config));
  await launcher.whenApiReady(`http://localhost:${config.http.port}`, seeded, [
    ['Temporal', temporalAddress],
    ['PostgreSQL', maskPassword(databaseUrl)],
  ]);
}

launcher.run(main);
