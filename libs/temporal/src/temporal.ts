// Connections, clients and workers for the case workflows.

import { join } from 'node:path';
import { Client, Connection, type TLSConfig } from '@temporalio/client';
import type { DataConverter, Logger, PayloadCodec } from '@temporalio/common';
import { bundleWorkflowCode, NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { permanentFailures } from './activity-failures';

/** Built by `npm run build` (scripts/bundle-workflows): production workers load it, never webpack. */
export const WORKFLOW_BUNDLE_PATH = join(__dirname, '..', '..', '..', 'workflow-bundle.js');
/** The workflows' source entry, for bundling (tests and the build). */
const WORKFLOWS_PATH = require.resolve('../../../workflows');
/** The module of the failure converter (failure-converter.ts): the SDK loads it by path, in the sandbox too. */
export const FAILURE_CONVERTER_PATH = require.resolve('./failure-converter');

/**
 * The workflow code as one script (the build's bundle, the tests'), with the failure converter: failures
 * made inside the sandbox (an Update's refusal, the workflow's own failure) are encoded like the worker's.
 */
export async function bundleCaseWorkflows(logger: Logger, workflowsPath = WORKFLOWS_PATH): Promise<string> {
  const { code } = await bundleWorkflowCode({
    workflowsPath,
    failureConverterPath: FAILURE_CONVERTER_PATH,
    logger,
  });
  return code;
}

/**
 * The data converter of every client and worker: payloads encrypted by the codec, and failure messages and
 * stack traces with them (the failure converter puts them in a payload, so they pass the codec too).
 */
export function caseDataConverter(payloadCodec: PayloadCodec): DataConverter {
  return { payloadCodecs: [payloadCodec], failureConverterPath: FAILURE_CONVERTER_PATH };
}

export interface TemporalTarget {
  address: string;
  namespace: string;
  /** TLS (temporalTls); undefined for plain gRPC. */
  tls?: TLSConfig;
}

/** Every client and worker of the case workflows encrypts payloads and failures with the same codec (casePayloadCodec). */
export interface CodecTarget extends TemporalTarget {
  payloadCodec: PayloadCodec;
}

/**
 * A client that connects on its first call: an API started while Temporal is away serves logins, inboxes and
 * reads, and answers 503 for what needs Temporal until it is back.
 */
export async function connectClient(target: CodecTarget): Promise<Client> {
  const connection = Connection.lazy({
    address: target.address,
    tls: target.tls,
    // While the server is away the channel tries again every 2 s at most (gRPC's default backs off to
    // 2 minutes): once a restarted server is back, the API answers within a few seconds.
    channelArgs: { 'grpc.initial_reconnect_backoff_ms': 500, 'grpc.max_reconnect_backoff_ms': 2_000 },
  });
  return new Client({
    connection,
    namespace: target.namespace,
    dataConverter: caseDataConverter(target.payloadCodec),
  });
}

export interface CaseWorkerOptions extends CodecTarget {
  taskQueue: string;
  /** An instance whose methods are the activities (bound to it here). */
  activities: object;
  /** Pre-built workflow code (bundleCaseWorkflows); by default the bundle that `npm run build` wrote. */
  workflowBundle?: { code: string } | { codePath: string };
  tuning?: Pick<
    WorkerOptions,
    | 'maxConcurrentActivityTaskExecutions'
    | 'maxConcurrentLocalActivityExecutions'
    | 'maxConcurrentWorkflowTaskExecutions'
    | 'maxCachedWorkflows'
  >;
}

export interface CaseWorker {
  worker: Worker;
  /** Polls until shutdown (SIGINT/SIGTERM or worker.shutdown()), then closes the connection. */
  run(): Promise<void>;
}

export async function createCaseWorker(options: CaseWorkerOptions): Promise<CaseWorker> {
  const connection = await NativeConnection.connect({ address: options.address, tls: options.tls });
  const worker = await Worker.create({
    connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    workflowBundle: options.workflowBundle ?? { codePath: WORKFLOW_BUNDLE_PATH },
    activities: bindMethods(options.activities),
    dataConverter: caseDataConverter(options.payloadCodec),
    interceptors: { activity: [permanentFailures] },
    ...options.tuning,
  });
  return {
    worker,
    async run() {
      try {
        await worker.run();
      } finally {
        await connection.close();
      }
    },
  };
}

function bindMethods(instance: object): Record<string, (...args: unknown[]) => unknown> {
  const methods: Record<string, (...args: unknown[]) => unknown> = {};
  // Up the class chain, a subclass's method winning over the one it overrides.
  for (let prototype = Object.getPrototypeOf(instance); prototype !== Object.prototype;) {
    for (const name of Object.getOwnPropertyNames(prototype)) {
      if (name !== 'constructor' && typeof prototype[name] === 'function' && !(name in methods))
        methods[name] = prototype[name].bind(instance);
    }
    prototype = Object.getPrototypeOf(prototype);
  }
  return methods;
}
