// The Temporal worker: runs workflows/ (from the bundle `npm run build` wrote) and activities/.

import { ConfigError, loadConfig } from '@libs/config';
import { createLogger } from '@libs/logging';
import { serveMetrics } from '@libs/metrics';
import { createDataSource, resolveAuditSigningKeys } from '@libs/persistence';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { casePayloadCodec, createCaseWorker, ensureSearchAttributes, temporalTls } from '@libs/temporal';
import { CaseActivities } from '../../../activities';
import { AuditSealer } from './audit-sealer';
import { configuredChannels } from './outbox/configured-channels';
import { OutboxDispatcher } from './outbox/outbox-dispatcher';
import { temporalLogTo } from './temporal-log';
import { workerMetrics } from './worker-metrics';

const logger = createLogger('worker');

async function main(): Promise<void> {
  const config = loadConfig();
  const { metrics } = config;
  Runtime.install({
    // The SDK's lifecycle chatter (state changes) at INFO would drown the launcher's output.
    logger: new DefaultLogger('WARN', temporalLogTo(logger)),
    // The SDK's own metrics (activities by type, workflow tasks, pollers, slots) from its own exporter.
    ...(metrics.workerSdkPort === undefined
      ? {}
      : {
          telemetryOptions: {
            metrics: {
              prometheus: {
                bindAddress: `${hostInUrl(metrics.host)}:${metrics.workerSdkPort}`,
                countersTotalSuffix: true,
                unitSuffix: true,
                useSecondsForDurations: true,
              },
            },
          },
        }),
  });
  const target = {
    address: config.temporal.address ?? `127.0.0.1:${config.temporal.devServerPort}`,
    namespace: config.temporal.namespace,
    tls: temporalTls(config.temporal.tls),
  };
  const added = await ensureSearchAttributes(target);
  if (added.length > 0) logger.info(`registered search attributes: ${added.join(', ')}`);
  const dataSource = await createDataSource(
    config.database.url,
    config.database.poolSize,
    config.database,
  ).initialize();
  const channels = configuredChannels(config);
  const activities = new CaseActivities(
    dataSource,
    config.policyTimeScale,
    channels.map((channel) => channel.name),
    config.env,
  );
  const outbox = new OutboxDispatcher(dataSource, channels, logger);
  const sealer = new AuditSealer(
    dataSource,
    resolveAuditSigningKeys(config),
    config.audit.sealIntervalMs,
    logger,
  );
  const caseWorker = await createCaseWorker({
    ...target,
    taskQueue: config.temporal.taskQueue,
    activities,
    payloadCodec: casePayloadCodec(config),
  });
  const metricsServer =
    metrics.workerPort === undefined
      ? undefined
      : await serveMetrics({
          host: metrics.host,
          port: metrics.workerPort,
          token: metrics.token,
          source: workerMetrics(dataSource, { outbox: channels.length > 0 }),
        });
  logger.info(`worker polling task queue "${config.temporal.taskQueue}"`);
  if (metricsServer)
    logger.info(`worker metrics on http://${hostInUrl(metrics.host)}:${metricsServer.port}/metrics`);
  if (metrics.workerSdkPort !== undefined) {
    logger.info(`Temporal SDK metrics on http://${hostInUrl(metrics.host)}:${metrics.workerSdkPort}/metrics`);
  }
  if (channels.length > 0) outbox.start();
  sealer.start();
  // Worker.run() stops by itself on SIGINT/SIGTERM once in-flight tasks finish. It rides out a Temporal
  // server that goes away and comes back; should it fail instead, the process exits non-zero and the
  // launcher (or the container's restart policy) starts it again.
  await caseWorker.run();
  await outbox.stop();
  await sealer.stop();
  await metricsServer?.close();
  await dataSource.destroy();
}

/** An IPv6 address in brackets, as a URL or a bind address writes it. */
function hostInUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

main().then(
  () => process.exit(0),
  (error) => {
    if (error instanceof ConfigError) console.error(error.message);
    else logger.fatal({ err: error }, 'worker stopped');
    process.exit(1);
  },
);
