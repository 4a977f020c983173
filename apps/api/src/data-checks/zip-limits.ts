// How much an uploaded zip (an .xlsx) inflates to, found before any parser inflates it: first the sizes its
// central directory declares (nothing inflated), then the real sizes, inflating each part into nothing and
// stopping at the limit (a declared size can lie). The parts must lie back to back from the start of the
// file to the central directory, so a streaming reader that walks the local headers (as exceljs's does)
// meets exactly the parts measured here. reorderParts puts them in the order such a reader needs them.

import { createInflateRaw } from 'node:zlib';

export type ZipVerdict = 'ok' | 'invalid' | 'tooLarge';

interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_DIRECTORY = 0x06054b50;
const DATA_DESCRIPTOR = 0x08074b50;
const STORED = 0;
const DEFLATED = 8;
const ZIP64_MARK = 0xffffffff;
const MAX_ENTRIES = 1000;

/** Whether the zip inflates to at most `limit` bytes in all; 'invalid' when it is not a zip read so. */
export async function checkZipLimits(buffer: Buffer, limit: number): Promise<ZipVerdict> {
  const directory = readCentralDirectory(buffer);
  if (!directory) return 'invalid';
  const { entries, offset } = directory;
  let declared = 0;
  for (const entry of entries) {
    if (entry.uncompressedSize === ZIP64_MARK || entry.compressedSize === ZIP64_MARK) return 'tooLarge';
    declared += entry.uncompressedSize;
  }
  if (declared > limit) return 'tooLarge';
  if (!backToBack(buffer, entries, offset)) return 'invalid';
  let inflated = 0;
  for (const entry of entries) {
    const start = dataStart(buffer, entry);
    const data = buffer.subarray(start, start + entry.compressedSize);
    if (entry.method === STORED) inflated += data.length;
    else if (entry.method === DEFLATED) inflated += await inflatedSize(data, limit - inflated);
    else return 'invalid';
    if (inflated > limit) return 'tooLarge';
  }
  return 'ok';
}

function readCentralDirectory(buffer: Buffer): { entries: ZipEntry[]; offset: number } | undefined {
  // The end-of-central-directory record: 22 bytes plus a comment of up to 65 535, at the end of the file.
  let end = -1;
  for (let at = buffer.length - 22; at >= Math.max(0, buffer.length - 22 - 0xffff); at -= 1) {
    if (buffer.readUInt32LE(at) === END_OF_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) return undefined;
  const count = buffer.readUInt16LE(end + 10);
  const offset = buffer.readUInt32LE(end + 16);
  if (count > MAX_ENTRIES) return undefined;
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let index = 0; index < count; index += 1) {
    if (at + 46 > end || buffer.readUInt32LE(at) !== CENTRAL_HEADER) return undefined;
    entries.push({
      name: buffer.toString('utf8', at + 46, at + 46 + buffer.readUInt16LE(at + 28)),
      flags: buffer.readUInt16LE(at + 8),
      method: buffer.readUInt16LE(at + 10),
      compressedSize: buffer.readUInt32LE(at + 20),
      uncompressedSize: buffer.readUInt32LE(at + 24),
      localOffset: buffer.readUInt32LE(at + 42),
    });
    at += 46 + buffer.readUInt16LE(at + 28) + buffer.readUInt16LE(at + 30) + buffer.readUInt16LE(at + 32);
  }
  return { entries, offset };
}

function dataStart(buffer: Buffer, entry: ZipEntry): number {
  const at = entry.localOffset;
  return at + 30 + buffer.readUInt16LE(at + 26) + buffer.readUInt16LE(at + 28);
}

/** Where the part's local record ends: its header, its data and, with bit 3 of its flags, the sizes after them. */
function recordEnd(buffer: Buffer, entry: ZipEntry): number {
  const end = dataStart(buffer, entry) + entry.compressedSize;
  if (!(entry.flags & 0x08)) return end;
  // 12 bytes, or 16 with the descriptor's optional signature.
  return end + (end + 4 <= buffer.length && buffer.readUInt32LE(end) === DATA_DESCRIPTOR ? 16 : 12);
}

/** Every part where the directory says, one after the other from byte 0 to the directory: nothing hidden. */
function backToBack(buffer: Buffer, entries: ZipEntry[], directoryOffset: number): boolean {
  let expected = 0;
  for (const entry of [...entries].sort((a, b) => a.localOffset - b.localOffset)) {
    const at = entry.localOffset;
    if (at !== expected || at + 30 > directoryOffset || buffer.readUInt32LE(at) !== LOCAL_HEADER)
      return false;
    expected = recordEnd(buffer, entry);
    if (expected > directoryOffset) return false;
  }
  return expected === directoryOffset;
}

/**
 * The zip (one checkZipLimits found 'ok') with its parts in the order `rank` gives them (lowest first; equal
 * ranks keep their order), for a reader that walks the local headers: each part's record as it was, then the
 * central directory unchanged (such a reader reads no offset from it).
 */
export function reorderParts(buffer: Buffer, rank: (name: string) => number): Buffer {
  const { entries, offset } = readCentralDirectory(buffer)!;
  const ordered = entries
    .map((entry) => ({ entry, rank: rank(entry.name) }))
    .sort((a, b) => a.rank - b.rank || a.entry.localOffset - b.entry.localOffset);
  return Buffer.concat([
    ...ordered.map(({ entry }) => buffer.subarray(entry.localOffset, recordEnd(buffer, entry))),
    buffer.subarray(offset),
  ]);
}

/** The bytes `data` inflates to, counted and thrown away; stops once past `limit`. */
function inflatedSize(data: Buffer, limit: number): Promise<number> {
  return new Promise((resolve) => {
    const inflate = createInflateRaw();
    let size = 0;
    inflate.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        inflate.destroy();
        resolve(size);
      }
    });
    inflate.on('end', () => resolve(size));
    // Corrupt data: the parser refuses it later; what it inflated so far counts.
    inflate.on('error', () => resolve(size));
    inflate.end(data);
  });
}
