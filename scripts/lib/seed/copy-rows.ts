// Rows for PostgreSQL's COPY … FROM STDIN (text format), written through pg-copy-streams in chunks.

import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** One table's rows in COPY text: the columns, and one line per row. */
export class CopyRows {
  readonly lines: string[] = [];

  constructor(
    readonly table: string,
    readonly columns: readonly string[],
  ) {}

  add(values: readonly unknown[]): void {
    this.lines.push(values.map(copyField).join('\t') + '\n');
  }

  get count(): number {
    return this.lines.length;
  }
}

const SPECIAL = /[\\\t\n\r]/g;
const HAS_SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function copyField(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 't' : 'f';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return HAS_SPECIAL.test(text) ? text.replace(SPECIAL, (c) => ESCAPES[c]) : text;
}

const CHUNK_LINES = 2_000;

/** Streams the rows into their table; `progress` hears of each chunk written. */
export async function copyRows(
  client: PoolClient,
  rows: CopyRows,
  progress: (written: number) => void,
): Promise<void> {
  if (rows.count === 0) return;
  const { lines } = rows;
  async function* chunks() {
    for (let i = 0; i < lines.length; i += CHUNK_LINES) {
      const chunk = lines.slice(i, i + CHUNK_LINES);
      yield chunk.join('');
      progress(chunk.length);
    }
  }
  const target = client.query(copyFrom(`COPY ${rows.table} (${rows.columns.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(chunks()), target);
}
