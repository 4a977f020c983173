// Excel downloads written as they are read: exceljs's streaming WorkbookWriter zips each committed row as it
// goes, so a county's whole ledger is never held in memory. Chinese headers, column widths, a frozen header
// row, times as Excel dates in China time, and every text cell masked as the CSV's are.

import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { StreamableFile } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { maskPersonalText } from '@libs/domain';
import { contentDisposition } from './csv';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type XlsxValue = string | number | Date | null | undefined;

export interface XlsxColumn {
  header: string;
  /** In characters. */
  width: number;
  /** An Excel number format: `yyyy-mm-dd hh:mm:ss` for a time, `0.0` for a rate. */
  numFmt?: string;
}

export interface XlsxSheet<Row> {
  name: string;
  columns: readonly XlsxColumn[];
  /** The rows in batches, as a keyset export reads them (or one batch of a small report). */
  batches: AsyncIterable<Row[]> | Iterable<Row[]>;
  /** False for a sheet of figures with no one's data in it (its labels say 因病 of no one). */
  masked?: boolean;
  // A method, so a sheet of any rows is an XlsxSheet<unknown>.
  toRow(row: Row): readonly XlsxValue[];
}

export const XLSX_TIME = 'yyyy-mm-dd hh:mm:ss';

// Excel has no time zones: a cell shows the instant's UTC fields, so the China-local time is written as if UTC.
const CHINA_OFFSET_MS = 8 * 3_600_000;

function cellValue(value: XlsxValue, masked: boolean): string | number | Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return new Date(value.getTime() + CHINA_OFFSET_MS);
  return typeof value === 'string' && masked ? maskPersonalText(value) : value;
}

/** Resolves on the emitter's `event`, or as soon as the download has closed (a client gone away drains nothing). */
async function until(emitter: NodeJS.EventEmitter, event: string, out: PassThrough): Promise<void> {
  if (out.destroyed) return;
  const settled = new AbortController();
  const { signal } = settled;
  await Promise.race([once(emitter, event, { signal }), once(out, 'close', { signal })]).finally(() =>
    settled.abort(),
  );
}

/**
 * Waits while the zip has a backlog of this sheet's rows to compress. exceljs hands each committed row on
 * without waiting (its stream ignores the compressor's backpressure), so a fast database would otherwise queue
 * the whole sheet in memory ahead of deflate. The queue is the write side of the stream the sheet is piped
 * into: not in exceljs's typings, so looked up defensively (no wait if it is not there).
 */
async function zipCaughtUp(worksheet: ExcelJS.Worksheet, out: PassThrough): Promise<void> {
  const sheetStream = (worksheet as unknown as { stream?: { pipes?: NodeJS.EventEmitter[] } }).stream;
  const compressor = sheetStream?.pipes?.[0] as
    (NodeJS.EventEmitter & { _writableState?: { needDrain?: boolean } }) | undefined;
  if (compressor?._writableState?.needDrain) await until(compressor, 'drain', out);
}

async function writeSheets(out: PassThrough, sheets: readonly XlsxSheet<unknown>[]): Promise<void> {
  // No shared strings: that table would hold every distinct text of the file until the end.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = '解决相对贫困长效机制平台';
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    worksheet.columns = sheet.columns.map((column) => ({
      header: column.header,
      width: column.width,
      style: column.numFmt ? { numFmt: column.numFmt } : {},
    }));
    worksheet.getRow(1).font = { bold: true };
    worksheet.getRow(1).commit();
    for await (const rows of sheet.batches) {
      if (out.destroyed) return;
      for (const row of rows) {
        worksheet.addRow(sheet.toRow(row).map((value) => cellValue(value, sheet.masked ?? true))).commit();
      }
      // The compressor and the reader set the pace: read the next batch once what was written has gone out.
      await zipCaughtUp(worksheet, out);
      if (out.writableNeedDrain) await until(out, 'drain', out);
    }
    worksheet.commit();
  }
  await workbook.commit();
}

/**
 * An xlsx download of one or more sheets. The rows are read and written while the file goes out; a failure
 * after the first batch ends the download early (the first batch is read before, so a bad query is an error).
 */
export function xlsxFile(fileName: string, sheets: readonly XlsxSheet<unknown>[]): StreamableFile {
  const out = new PassThrough();
  writeSheets(out, sheets).catch((error: unknown) => out.destroy(error as Error));
  return new StreamableFile(out, { type: XLSX_TYPE, disposition: contentDisposition(fileName) });
}

/** A sheet of `Row`s, typed by its rows, for xlsxFile's list of sheets of any rows. */
export const xlsxSheet = <Row>(sheet: XlsxSheet<Row>): XlsxSheet<unknown> => sheet;
