// The worker's log lines (activity failures carry database and endpoint errors, which may quote an ID
// number or a phone) follow the masking policy of libs/domain personal-data.ts, as Temporal's default
// format otherwise.

import { format } from 'node:util';
import type { LogEntry } from '@temporalio/worker';
import { maskPersonalText } from '../../../libs/domain/src';

export function maskedLogFunction({ level, timestampNanos, message, meta }: LogEntry): void {
  const at = new Date(Number(timestampNanos / 1_000_000n)).toISOString();
  const line = `${at} [${level}] ${message}${meta === undefined ? '' : ` ${format(meta)}`}`;
  process.stderr.write(`${maskPersonalText(line)}\n`);
}
