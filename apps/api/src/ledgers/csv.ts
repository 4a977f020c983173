// CSV downloads that Excel opens with the Chinese intact: UTF-8 with a byte-order mark, CRLF lines,
// RFC 4180 quoting, and a Chinese file name in the Content-Disposition (RFC 5987 / RFC 6266).

import { Readable } from 'node:stream';
import { StreamableFile } from '@nestjs/common';
import { maskPersonalText } from '@libs/domain';

export type CsvValue = string | number | null | undefined;

const BOM = '\uFEFF';

function csvField(value: CsvValue): string {
  // Every cell of a download follows the masking policy: no ID number, mobile or 收入…元 leaves in full.
  let text = value === null || value === undefined ? '' : maskPersonalText(String(value));
  // A cell starting like a formula would be run by Excel (CSV injection): make it plain text.
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** `attachment` with an ASCII fallback name and the real one percent-encoded as UTF-8. */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * A CSV download: the header, then each batch of rows as it is read, so a county's whole ledger is never
 * held in memory at once.
 */
export function csvFile<Row>(
  fileName: string,
  header: readonly string[],
  batches: AsyncIterable<Row[]>,
  toCsv: (row: Row) => readonly CsvValue[],
): StreamableFile {
  async function* chunks(): AsyncGenerator<Buffer> {
    yield Buffer.from(BOM + csvLine(header), 'utf8');
    for await (const rows of batches) {
      if (rows.length > 0) yield Buffer.from(rows.map((row) => csvLine(toCsv(row))).join(''), 'utf8');
    }
  }
  return new StreamableFile(Readable.from(chunks()), {
    type: 'text/csv; charset=utf-8',
    disposition: contentDisposition(fileName),
  });
}

/**
 * Reads a keyset-paged list batch by batch. The first batch is read before the download starts, so a
 * failing query is still an HTTP error rather than a truncated file.
 */
export async function keysetBatches<Row>(
  fetch: (after: Row | undefined) => Promise<Row[]>,
  batchSize: number,
): Promise<AsyncIterable<Row[]>> {
  const first = await fetch(undefined);
  return {
    async *[Symbol.asyncIterator]() {
      let batch = first;
      for (;;) {
        yield batch;
        if (batch.length < batchSize) return;
        batch = await fetch(batch[batch.length - 1]);
      }
    },
  };
}

/** Today's date in China (the default end of an export's window). */
export function chinaToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** `认定台账_2026-01-01_2026-03-31.csv`: the window, up to today when it is open-ended. */
export function exportFileName(
  title: string,
  window: { from?: string; to?: string },
  extension: 'csv' | 'xlsx' = 'csv',
): string {
  return `${title}_${window.from ?? '最早'}_${window.to ?? chinaToday()}.${extension}`;
}
