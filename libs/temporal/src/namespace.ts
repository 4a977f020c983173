// Registers the platform's namespace on a server that lacks it (the server on PostgreSQL starts with
// none; the dev server makes it from a flag).

import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import type { TemporalTarget } from './temporal';

/** How long a closed case's workflow history stays in Temporal (the read model and the audit log keep the rest). */
export const NAMESPACE_RETENTION = '30 days';

/** gRPC's status code for a namespace registered already. */
const ALREADY_EXISTS = 6;

function grpcCode(error: unknown): number | undefined {
  return (error as { code?: number } | undefined)?.code;
}

/**
 * Creates the namespace unless it exists and waits until the server serves it; true when created. A server
 * that has just started may answer UNAVAILABLE for a moment: tried again until timeoutMs.
 */
export async function ensureNamespace(
  { address, namespace, tls }: TemporalTarget,
  timeoutMs = 60_000,
): Promise<boolean> {
  const connection = await Connection.connect({ address, tls });
  const deadline = Date.now() + timeoutMs;
  let registered: 'created' | 'existed' | undefined;
  try {
    for (;;) {
      try {
        if (!registered) {
          await connection.workflowService.registerNamespace({
            namespace,
            workflowExecutionRetentionPeriod: msToTs(NAMESPACE_RETENTION),
          });
          registered = 'created';
        }
        await connection.workflowService.describeNamespace({ namespace });
        return registered === 'created';
      } catch (error) {
        if (!registered && grpcCode(error) === ALREADY_EXISTS) {
          registered = 'existed';
          continue;
        }
        if (Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  } finally {
    await connection.close();
  }
}
