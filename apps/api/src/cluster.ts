// The API as API_PROCESSES processes behind one port (Node's cluster: the primary accepts the connections and
// hands them out in turn). The primary runs main.ts in each process, starts again one that dies
// (after a pause that doubles while they keep dying), stops them one after another on SIGTERM/SIGINT, and
// serves the sum of their metrics on METRICS_HOST:API_METRICS_PORT (each process's own are at /api/metrics).

import cluster from 'node:cluster';
import { AggregatorRegistry } from 'prom-client';
import { type AppConfig, ConfigError, loadConfig } from '@libs/config';
import { createLogger } from '@libs/logging';
import { serveMetrics } from '@libs/metrics';

// A process that lived this long before dying starts again at once; quicker deaths double the pause.
const STABLE_MS = 60_000;
const FIRST_PAUSE_MS = 1_000;
const LONGEST_PAUSE_MS = 30_000;

const logger = createLogger('api-cluster');

async function runPrimary(config: AppConfig): Promise<void> {
  // Asks each process for its metrics: main.ts answers in each.
  const aggregator = new AggregatorRegistry();
  const metrics =
    config.metrics.apiClusterPort === undefined
      ? undefined
      : await serveMetrics({
          host: config.metrics.host,
          port: config.metrics.apiClusterPort,
          token: config.metrics.token,
          source: { contentType: aggregator.contentType, metrics: () => aggregator.clusterMetrics() },
        });
  if (metrics) logger.info(`API cluster metrics on http://${config.metrics.host}:${metrics.port}/metrics`);

  let stopping = false;
  let listened = false;
  let pause = 0;
  const fork = () => {
    const worker = cluster.fork();
    const started = Date.now();
    worker.once('listening', () => {
      listened = true;
      logger.info(`API process ${worker.process.pid} started`);
    });
    worker.once('exit', (code, signal) => {
      const lived = Date.now() - started;
      if (stopping) return;
      // None ever served: a setting, an open demo account or an unreachable database, which another start
      // would meet again. The process said why; the launcher above decides what next.
      if (!listened) {
        void stop(1);
        return;
      }
      pause = lived >= STABLE_MS ? 0 : Math.min(Math.max(pause * 2, FIRST_PAUSE_MS), LONGEST_PAUSE_MS);
      logger.error(
        `API process ${worker.process.pid} died (${signal ?? `exit ${code}`}) after ${Math.round(lived / 1000)} s; ` +
          `starting another in ${pause / 1000} s`,
      );
      setTimeout(() => stopping || fork(), pause);
    });
  };
  for (let i = 0; i < config.http.processes; i += 1) fork();
  logger.info(
    `API cluster: ${config.http.processes} processes on http://${config.http.host}:${config.http.port}`,
  );

  async function stop(status: number): Promise<void> {
    if (stopping) return;
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) {
      if (!worker || worker.isDead()) continue;
      const exited = new Promise((done) => worker.once('exit', done));
      worker.process.kill('SIGTERM');
      await exited;
    }
    await metrics?.close();
    process.exit(status);
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      logger.info(`${signal}: stopping the API processes one after another`);
      void stop(0);
    });
  }
}

let config: AppConfig;
try {
  config = loadConfig();
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
cluster.setupPrimary({ exec: require.resolve('./main') });
runPrimary(config).catch((error) => {
  logger.fatal({ err: error }, 'API cluster start failed');
  process.exit(1);
});
