// The Temporal SDK's log (its core's and the workflows' and activities' lines) into the worker's pino log:
// the level mapped, the SDK's metadata kept as fields, the case named where the workflow id names one, and
// everything masked on the way (libs/logging).

import type { LogEntry, LogLevel } from '@temporalio/worker';
import { caseIdOf, type Logger } from '@libs/logging';

const LEVELS: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/** A DefaultLogger function that writes the SDK's entries to `logger`. */
export function temporalLogTo(logger: Logger): (entry: LogEntry) => void {
  return ({ level, message, meta }) => {
    const { error, ...fields } = (meta ?? {}) as Record<string, unknown>;
    const caseId = caseIdOf(fields.workflowId);
    logger[LEVELS[level]](
      { ...fields, ...(caseId ? { caseId } : {}), ...(error ? { err: error } : {}) },
      message,
    );
  };
}
