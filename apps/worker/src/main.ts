// The Temporal worker: runs workflows/ (from the bundle `npm run build` wrote) and activities/.

import { ConfigError, loadConfig } from '@libs/config';
import { createLogger } from '@libs/logging';
import { createDataSource, resolveAuditSigningKeys } from '@libs/persistence';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { casePayloadCodec, createCaseWorker, ensureSearchAttributes, temporalTls } from '@libs/temporal';
import { CaseActivities } from '../../../activities';
import { AuditSealer } from './audit-sealer';
import { configuredChannels } from './outbox/configured-channels';
import { OutboxDispatcher } from './outbox/outbox-dispatcher';
import { temporalLogTo } from './temporal-log';

const logger = createLogger('worker');

async function main(): Promise<void> {
  const config = loadConfig();
  // The SDK's lifecycle chatter (state changes) at INFO would drown the launcher's output.
  Runtime.install({ logger: new DefaultLogger('WARN', temporalLogTo(logger)) });
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
  logger.info(`worker polling task queue "${config.temporal.taskQueue}"`);
  if (channels.length > 0) outbox.start();
  sealer.start();
  // Worker.run() stops by itself on SIGINT/SIGTERM once in-flight tasks finish. It rides out a Temporal
  // server that goes away and comes back; should it fail instead, the process exits non-zero and the
  // launcher (or the container's restart policy) starts it again.
  await caseWorker.run();
  await outbox.stop();
  await sealer.stop();
  await dataSource.destroy();
}

main().then(
  () => process.exit(0),
  (error) => {
    if (error instanceof ConfigError) console.error(error.message);
    else logger.fatal({ err: error }, 'worker stopped');
    process.exit(1);
  },
);
