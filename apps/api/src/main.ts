// The HTTP service as one process (npm start runs it for you); cluster.ts runs several of it behind one port.

import 'reflect-metadata';
import cluster from 'node:cluster';
import { AggregatorRegistry } from 'prom-client';
import { ConfigError, loadConfig, resolveJwtSecret } from '@libs/config';
import { createLogger } from '@libs/logging';
import { createDataSource } from '@libs/persistence';
import { casePayloadCodec, connectClient, temporalTls } from '@libs/temporal';
import { DemoAccountsOpenError, refuseOpenDemoAccounts } from '../../../scripts/lib/demo-county';
import { createApi } from './create-api';
import { ApiMetrics } from './metrics/api-metrics';

const logger = createLogger('api');

async function main(): Promise<void> {
  const config = loadConfig();
  const dataSource = await createDataSource(
    config.database.url,
    config.database.poolSize,
    config.database,
  ).initialize();
  // In production nobody may sign in with the README's demo password.
  if (config.env === 'production') await refuseOpenDemoAccounts(dataSource);
  const temporal = await connectClient({
    address: config.temporal.address ?? `127.0.0.1:${config.temporal.devServerPort}`,
    namespace: config.temporal.namespace,
    payloadCodec: casePayloadCodec(config),
    tls: temporalTls(config.temporal.tls),
  });
  const app = await createApi({ config, jwtSecret: resolveJwtSecret(config), dataSource, temporal, logger });
  if (cluster.isWorker) {
    // Under cluster.ts: an AggregatorRegistry made here answers the primary's requests for this process's
    // metrics, with the application's registry.
    new AggregatorRegistry();
    AggregatorRegistry.setRegistries([app.get(ApiMetrics).registry]);
  }
  await app.listen(config.http.port, config.http.host);
  logger.info(
    `API listening on http://${config.http.host}:${config.http.port} (web UI: /, API: /api, docs: /api/docs, pid ${process.pid})`,
  );

  const stop = async () => {
    await app.close();
    await temporal.connection.close();
    await dataSource.destroy();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error) => {
  // A setting or an open demo account: the message is the whole story, for the person starting the API.
  if (error instanceof ConfigError || error instanceof DemoAccountsOpenError) console.error(error.message);
  else logger.fatal({ err: error }, 'API start failed');
  process.exit(1);
});
