// Connections, clients and workers for the case workflows.

import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';

/** Built by `npm run build` (scripts/bundle-workflows): production workers load it, never webpack. */
export const WORKFLOW_BUNDLE_PATH = join(__dirname, '..', '..', '..', 'workflow-bundle.js');
/** The workflows' source entry, for bundling (tests and the build). */
export const WORKFLOWS_PATH = require.resolve('../../../workflows');

export interface TemporalTarget {
  address: string;
  namespace: string;
}

export async function connectClient(target: TemporalTarget): Promise<Client> {
  const connection = await Connection.connect({ address: target.address });
  return new Client({ connection, namespace: target.namespace });
}

export interface CaseWorkerOptions extends TemporalTarget {
  taskQueue: string;
  activities: object;
  /** Pre-built workflow code; by default the bundle that `npm run build` wrote. */
  workflowBundle?: { code: string } | { codePath: string };
  tuning?: Pick<
    WorkerOptions,
    'maxConcurrentActivityTaskExecutions' | 'maxConcurrentLocalActivityExecutions' | 'maxConcurrentWorkflowTaskExecutions' | 'maxCachedWorkflows'
  >;
}

export async function createCaseWorker(options: CaseWorkerOptions): Promise<Worker> {
  const connection = await NativeConnection.connect({ address: options.address });
  return Worker.create({
    connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    workflowBundle: options.workflowBundle ?? { codePath: WORKFLOW_BUNDLE_PATH },
    activities: options.activities,
    ...options.tuning,
  });
}
