// Runs the floor workflows (and the lifecycle floor's do-nothing activity) for the benchmark in its own
// process, as the platform's worker runs its own (with the platform's data converter, so the floor pays for
// encryption as the platform does).

import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { loadConfig } from '@libs/config';
import { bundleCaseWorkflows, caseDataConverter, casePayloadCodec } from '@libs/temporal';
import type { FloorActivities } from './floor.workflow';

async function main(): Promise<void> {
  const [address, taskQueue] = process.argv.slice(2);
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const connection = await NativeConnection.connect({ address });
  const code = await bundleCaseWorkflows(quiet, require.resolve('./floor.workflow'));
  const worker = await Worker.create({
    connection,
    taskQueue,
    workflowBundle: { code },
    activities: { floorStep: async () => undefined } satisfies FloorActivities,
    dataConverter: caseDataConverter(casePayloadCodec(loadConfig())),
  });
  process.send?.('ready');
  await worker.run();
  await connection.close();
}

const noop = () => undefined;
const quiet = { trace: noop, debug: noop, info: noop, warn: noop, error: console.error, log: noop };

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
