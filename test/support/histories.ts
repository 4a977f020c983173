import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Payload } from '@temporalio/common';
import { parsePayloadKey } from '@libs/config';
import { householdCaseWorkflowId } from '@libs/contracts';
import { AesGcmPayloadCodec } from '@libs/temporal';
import { testEnv } from './platform';

/** Recorded workflow histories that every version of the workflow code must keep replaying. */
export const HISTORIES = join(__dirname, '..', 'fixtures', 'histories');

/**
 * With RECORD_HISTORIES=1, saves a case's workflow history (as the CLI exports it) as a replay fixture; the
 * latest run of the case's own workflow, or of another workflow of it (its data check, a measure). Its
 * payloads are saved decrypted: the run's key dies with the run, and the replay test reads them plain. Failure
 * messages and stack traces are a payload too (the failure's encodedAttributes): they are saved readable.
 */
export function recordHistory(
  name: string,
  caseId: string,
  workflowId = householdCaseWorkflowId(caseId),
): void {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const json = execFileSync(process.env.TEST_TEMPORAL_CLI!, [
    'workflow',
    'show',
    '--address',
    testEnv().temporalAddress,
    '--workflow-id',
    workflowId,
    '--output',
    'json',
  ]);
  const codec = new AesGcmPayloadCodec({ current: parsePayloadKey(testEnv().payloadKey)!, old: [] });
  const history = mapJsonPayloads(JSON.parse(json.toString()), (payload) => codec.decodePayload(payload));
  mkdirSync(HISTORIES, { recursive: true });
  writeFileSync(join(HISTORIES, `${name}.json`), `${JSON.stringify(history, null, 2)}\n`);
}

interface JsonPayload {
  metadata: Record<string, string>;
  data?: string;
}

/**
 * A history in the JSON form the CLI exports and historyToJSON writes (bytes as base64) with every payload
 * replaced by what `map` makes of it; everything else as it was.
 */
export function mapJsonPayloads(node: unknown, map: (payload: Payload) => Payload): unknown {
  if (Array.isArray(node)) return node.map((item) => mapJsonPayloads(item, map));
  if (node === null || typeof node !== 'object') return node;
  if (isJsonPayload(node)) {
    const mapped = map({
      metadata: Object.fromEntries(
        Object.entries(node.metadata).map(([name, value]) => [name, Buffer.from(value, 'base64')]),
      ),
      data: Buffer.from(node.data ?? '', 'base64'),
    });
    return {
      metadata: Object.fromEntries(
        Object.entries(mapped.metadata ?? {}).map(([name, value]) => [
          name,
          Buffer.from(value).toString('base64'),
        ]),
      ),
      data: Buffer.from(mapped.data ?? []).toString('base64'),
    };
  }
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, mapJsonPayloads(value, map)]));
}

function isJsonPayload(node: object): node is JsonPayload {
  const { metadata } = node as { metadata?: unknown };
  return (
    typeof metadata === 'object' &&
    metadata !== null &&
    typeof (metadata as Record<string, unknown>).encoding === 'string'
  );
}
