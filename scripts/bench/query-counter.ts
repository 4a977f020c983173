// Bench-only, loaded into the platform's processes with `node --require` (stack.ts sets NODE_OPTIONS): counts
// the SQL statements each process sends through `pg`, by their first keyword and by their first 100 characters
// (keys "sql:…"), and writes the counts to
// $BENCH_QUERY_COUNT_DIR/<pid>.json twice a second. The benchmark reads them before and after a phase.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';

const dir = process.env.BENCH_QUERY_COUNT_DIR;
if (dir) {
  const counts: Record<string, number> = {};
  const query = Client.prototype.query as (...args: unknown[]) => unknown;
  Client.prototype.query = function countedQuery(this: Client, ...args: unknown[]) {
    const [config] = args;
    const text =
      typeof config === 'string' ? config : ((config as { text?: string } | undefined)?.text ?? 'COPY');
    const keyword = (/^\s*(\w+)/.exec(text)?.[1] ?? 'other').toUpperCase();
    counts[keyword] = (counts[keyword] ?? 0) + 1;
    const statement = `sql:${text.replace(/\s+/g, ' ').trim().slice(0, 100)}`;
    counts[statement] = (counts[statement] ?? 0) + 1;
    return query.apply(this, args);
  } as typeof Client.prototype.query;
  const file = join(dir, `${process.pid}.json`);
  let written = '';
  setInterval(() => {
    const json = JSON.stringify(counts);
    if (json !== written) writeFileSync(file, (written = json));
  }, 500).unref();
}
