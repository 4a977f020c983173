// `npm run start:prod`: the stack a province runs, on one machine and without Docker. PostgreSQL with the
// platform's migrations (and the demo county unless in production), the Temporal server built from its Go
// module with its persistence and visibility on that PostgreSQL, two workers on the task queue and the API
// as two processes behind one port (apps/api/src/cluster.ts), all supervised; Ctrl-C stops them in order.

import { join } from 'node:path';
import { loadConfig } from '@libs/config';
import {
  bootstrapTemporalServer,
  ensureTemporalServer,
  prepareTemporalServer,
  spawnTemporalServer,
  temporalDatabases,
  temporalServerAddress,
  temporalServerMetricsUrl,
} from '@libs/temporal';
import { apiNodeOptions, type BannerLine, Launcher, maskPassword, platformEnv } from './lib/launcher';

/**
 * Where the metrics are served when API_METRICS_PORT, WORKER_METRICS_PORT and WORKER_SDK_METRICS_PORT are
 * unset: the API cluster's sum over its processes, and worker i's own and its Temporal SDK's at +i.
 */
const API_METRICS_PORT = 9463;
const WORKER_METRICS_PORT = 9464;
const WORKER_SDK_METRICS_PORT = 9474;

const launcher = new Launcher('start:prod');
const { log } = launcher;

async function main(): Promise<void> {
  const config = loadConfig();
  const { databaseUrl, seeded } = await launcher.openDatabase(config);
  const banner: BannerLine[] = [];

  let temporalAddress = config.temporal.address;
  if (temporalAddress) {
    log(`使用已运行的 Temporal: ${temporalAddress}`);
    banner.push(['Temporal', temporalAddress]);
  } else {
    const settings = config.temporal.server;
    const binaries = await ensureTemporalServer(
      { serverPath: settings.path, sqlToolPath: settings.sqlToolPath },
      log,
    );
    const options = {
      ...settings,
      binaries,
      databaseUrl,
      // The same config, ports and databases at every restart: the workers and the API find it where it was.
      dataDir: join(config.dataDir, 'temporal-server'),
      namespace: config.temporal.namespace,
      log,
    };
    const databases = temporalDatabases(databaseUrl);
    await prepareTemporalServer(options);
    log(`Temporal 数据库已就绪: ${databases.default}, ${databases.visibility}`);
    if (launcher.isStopping) return;
    await launcher.superviseChild({
      name: 'Temporal 服务器',
      start: () => spawnTemporalServer(options),
      stopGraceMs: 15_000,
    });
    const { namespaceCreated, searchAttributesAdded } = await bootstrapTemporalServer(options);
    if (namespaceCreated) log(`已创建 Temporal 命名空间 ${options.namespace}`);
    if (searchAttributesAdded.length) log(`已注册搜索属性: ${searchAttributesAdded.join(', ')}`);
    temporalAddress = temporalServerAddress(settings.port);
    log(`Temporal 服务器已启动: ${temporalAddress}（${binaries.server}）`);
    banner.push(
      ['Temporal', `${temporalAddress}（PostgreSQL，${settings.historyShards} 个历史分片）`],
      ['Temporal 指标', temporalServerMetricsUrl(settings.metricsPort)],
      ['Temporal 数据库', `${databases.default}, ${databases.visibility}`],
      ['Temporal 配置', options.dataDir],
    );
  }
  if (launcher.isStopping) return;

  const env = platformEnv(config, databaseUrl, temporalAddress);
  const metricsPort = config.metrics.workerPort ?? WORKER_METRICS_PORT;
  const sdkMetricsPort = config.metrics.workerSdkPort ?? WORKER_SDK_METRICS_PORT;
  for (let i = 0; i < config.worker.processes; i++) {
    await launcher.superviseNode(`worker ${i + 1}`, 'apps/worker/src/main.js', {
      ...env,
      WORKER_METRICS_PORT: String(metricsPort + i),
      WORKER_SDK_METRICS_PORT: String(sdkMetricsPort + i),
    });
    banner.push([
      `worker ${i + 1} 指标`,
      `http://${config.metrics.host}:${metricsPort + i}/metrics（SDK: ${sdkMetricsPort + i}）`,
    ]);
  }
  // The cluster's primary forks API_PROCESSES processes that share the port, and sums their metrics.
  const apiMetricsPort = config.metrics.apiClusterPort ?? API_METRICS_PORT;
  await launcher.superviseNode(
    'API',
    'apps/api/src/cluster.js',
    {
      ...env,
      API_PROCESSES: String(config.http.processes),
      API_METRICS_PORT: String(apiMetricsPort),
    },
    apiNodeOptions(config),
  );
  const siteUrl = `http://localhost:${config.http.port}`;
  await launcher.whenApiReady(siteUrl, seeded, [
    ['API 进程', `${config.http.processes} 个，共用端口 ${config.http.port}`],
    ['API 指标', `http://${config.metrics.host}:${apiMetricsPort}/metrics（各进程之和）`],
    ...banner,
    ['PostgreSQL', maskPassword(databaseUrl)],
    ['数据目录', config.dataDir],
  ]);
}

launcher.run(main);
