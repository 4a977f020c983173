// Rows for PostgreSQL's COPY … FROM STDIN (text format): built into chunks of lines (plain data, so a worker
// thread can hand them over), then written through pg-copy-streams.

import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** One table's rows in COPY text, in chunks of lines. */
export interface CopyRows {
  table: string;
  columns: readonly string[];
  chunks: string[];
  /** The lines in each chunk. */
  chunkLines: number[];
  count: number;
}

const CHUNK_LINES = 2_000;

/** Collects a table's rows, a chunk at a time. */
export class CopyRowsBuilder {
  private lines: string[] = [];
  readonly rows: CopyRows;

  constructor(table: string, columns: readonly string[]) {
    this.rows = { table, columns, chunks: [], chunkLines: [], count: 0 };
  }

  add(values: readonly unknown[]): void {
    this.lines.push(values.map(copyField).join('\t') + '\n');
    if (this.lines.length === CHUNK_LINES) this.flush();
  }

  /** The rows, the last chunk included. */
  finish(): CopyRows {
    this.flush();
    return this.rows;
  }

  private flush(): void {
    if (this.lines.length === 0) return;
    this.rows.chunks.push(this.lines.join(''));
    this.rows.chunkLines.push(this.lines.length);
    this.rows.count += this.lines.length;
    this.lines = [];
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

/** Streams the rows into their table; `progress` hears of each chunk written. */
export async function copyRows(
  client: PoolClient,
  rows: CopyRows,
  progress: (written: number) => void,
): Promise<void> {
  if (rows.count === 0) return;
  async function* chunks() {
    for (const [i, chunk] of rows.chunks.entries()) {
      yield chunk;
      progress(rows.chunkLines[i]);
    }
  }
  const target = client.query(copyFrom(`COPY ${rows.table} (${rows.columns.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(chunks()), target);
}
