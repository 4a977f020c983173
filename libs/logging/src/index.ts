// Structured logs: one JSON object a line (pino) from the API and the worker, with the process, the request id,
// the user and the case where there are any. Every argument of every line goes through the masking policy of
// libs/domain personal-data.ts first — messages, objects and errors alike — so no ID number, phone, exact
// income or health detail reaches a log. LOG_LEVEL sets the level (default info).

import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { type DestinationStream, type LevelWithSilent, type Logger } from 'pino';
import { maskPersonalData, maskPersonalText } from '@libs/domain';

export type { Logger } from 'pino';

const LEVELS = new Set<string>([...Object.keys(pino.levels.values), 'silent']);

// A case's id: the first UUID of a workflow id (householdCase-<id>, its children's ids) or of a task id (<id>:…).
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** The case a workflow or task id belongs to, if it names one. */
export function caseIdOf(id: unknown): string | undefined {
  return typeof id === 'string' ? UUID.exec(id)?.[0] : undefined;
}

/** The level LOG_LEVEL names, or the default; anything else is refused with the setting's name. */
export function logLevel(value = process.env.LOG_LEVEL): LevelWithSilent {
  if (value === undefined || value === '') return 'info';
  if (!LEVELS.has(value)) {
    throw new Error(`LOG_LEVEL 应为 ${[...LEVELS].join('、')} 之一，当前为「${value}」`);
  }
  return value as LevelWithSilent;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null &&
  typeof value === 'object' &&
  [Object.prototype, null].includes(Object.getPrototypeOf(value) as object | null);

const isLeaf = (value: unknown): boolean =>
  value === null ||
  typeof value !== 'object' ||
  (Array.isArray(value) && value.every((item) => item === null || typeof item !== 'object'));

// A log argument with its personal data masked: text by what it says, fields also by their names (an idNumber,
// an income), errors as plain objects with their message and stack masked (pino would serialise them after).
// Other objects (a request, a response) are left to pino's serialisers, which pick what is safe from them.
function masked(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return maskPersonalText(value);
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return {
      type: value.name,
      message: maskPersonalText(value.message),
      stack: maskPersonalText(value.stack ?? ''),
      ...(code === undefined ? {} : { code }),
    };
  }
  if (depth > 8) return '[…]';
  if (Array.isArray(value)) return value.map((item) => masked(item, depth + 1));
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      isLeaf(inner) ? maskPersonalData({ [key]: inner })[key] : masked(inner, depth + 1),
    ]),
  );
}

/** Fields that name the work in progress: a request's id, its user, its case. Ids and codes only: they are not masked. */
export type LogFields = Record<string, string>;

// The fields of the work in progress, which the logger's mixin puts on each line written during it: a request
// costs no child logger, and nothing at all when it writes no line.
const workFields = new AsyncLocalStorage<LogFields>();

/** Runs `work` with `fields` on every line it logs, and on those of what it starts. */
export function withLogFields<T>(fields: LogFields, work: () => T): T {
  return workFields.run(fields, work);
}

/** More fields on the lines of the work in progress, from now on (the user, once signed in). */
export function addLogFields(fields: LogFields): void {
  const current = workFields.getStore();
  if (current) Object.assign(current, fields);
}

/** One argument of a log call with the personal data in it masked. */
export function maskLogArgument(value: unknown): unknown {
  return masked(value, 0);
}

/** The logger of one process (`api`, `worker`); a destination of one's own for specs. */
export function createLogger(
  process: string,
  options: { level?: LevelWithSilent; destination?: DestinationStream } = {},
): Logger {
  return pino(
    {
      level: options.level ?? logLevel(),
      base: { process },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // A copy: pino merges the line's own fields into what the mixin returns.
      mixin: () => ({ ...workFields.getStore() }),
      // Errors arrive already plain and masked (below): pino's own serialiser would call them Objects.
      serializers: { err: (error: unknown) => error },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map(maskLogArgument) as Parameters<typeof method>);
        },
      },
    },
    options.destination,
  );
}
