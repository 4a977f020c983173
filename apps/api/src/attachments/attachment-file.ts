// What an uploaded file may be, decided from its bytes (a renamed text file is not a photo), and how
// its name travels back in a download.

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export const ATTACHMENT_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/heic',
  'application/pdf',
] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

// Declared types a client may send for the same kind of file.
const DECLARED_ALIASES: Record<string, AttachmentType> = {
  'image/jpeg': 'image/jpeg',
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'image/png': 'image/png',
  'image/webp': 'image/webp',
  'image/heic': 'image/heic',
  'image/heif': 'image/heic',
  'application/pdf': 'application/pdf',
};

// Clients that do not know the type (some phones for HEIC) send one of these; the bytes then decide.
const UNKNOWN_DECLARED_TYPES = new Set(['', 'application/octet-stream']);

// ISO-BMFF brands of HEIF images encoded with HEVC, i.e. what phones save as .heic.
const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs']);
const HEIF_GENERIC_BRANDS = new Set(['mif1', 'msf1']);

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);

const ascii = (bytes: Uint8Array, start: number, end: number) =>
  String.fromCharCode(...bytes.subarray(start, end));

function isHeic(bytes: Uint8Array): boolean {
  if (bytes.length < 16 || ascii(bytes, 4, 8) !== 'ftyp') return false;
  const boxSize = Math.min(
    ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0,
    bytes.length,
  );
  const major = ascii(bytes, 8, 12);
  if (HEIC_BRANDS.has(major)) return true;
  if (!HEIF_GENERIC_BRANDS.has(major)) return false;
  // A generic HEIF container (mif1) is HEIC when a compatible brand says so; AVIF says avif instead.
  for (let offset = 16; offset + 4 <= boxSize; offset += 4) {
    if (HEIC_BRANDS.has(ascii(bytes, offset, offset + 4))) return true;
  }
  return false;
}

/** The accepted type the content's magic bytes show, or undefined when it is none of them. */
export function detectAttachmentType(bytes: Uint8Array): AttachmentType | undefined {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP')
    return 'image/webp';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  if (isHeic(bytes)) return 'image/heic';
  return undefined;
}

export type AttachmentTypeCheck =
  { ok: true; contentType: AttachmentType } | { ok: false; reason: 'unsupported' | 'mismatch' };

/**
 * The content decides; a declared type must be an accepted one and agree with it, unless the client
 * declared none (application/octet-stream).
 */
export function checkAttachmentType(declared: string | undefined, bytes: Uint8Array): AttachmentTypeCheck {
  const detected = detectAttachmentType(bytes);
  const declaredType = (declared ?? '').split(';')[0].trim().toLowerCase();
  if (!detected) return { ok: false, reason: 'unsupported' };
  if (UNKNOWN_DECLARED_TYPES.has(declaredType)) return { ok: true, contentType: detected };
  const declaredAs = DECLARED_ALIASES[declaredType];
  if (!declaredAs) return { ok: false, reason: 'unsupported' };
  if (declaredAs !== detected) return { ok: false, reason: 'mismatch' };
  return { ok: true, contentType: detected };
}

/** The name as shown later: no directories, no control characters, at most 255 characters. */
export function cleanFileName(name: string | undefined): string {
  const base = (name ?? '')
    // Control characters, and the direction controls that would show "fdp.exe" as "exe.pdf".
    .replace(/[\p{Cc}\u202A-\u202E\u2066-\u2069]/gu, '')
    .split(/[\\/]/)
    .pop()!
    .trim();
  const chars = Array.from(base);
  return chars.length === 0 ? 'attachment' : chars.slice(0, 255).join('');
}

/**
 * A Content-Disposition for a download: an ASCII fallback for old clients, and the real name as
 * RFC 5987 filename* (UTF-8, percent-encoded) so a Chinese name arrives intact.
 */
export function contentDisposition(
  fileName: string,
  disposition: 'attachment' | 'inline' = 'attachment',
): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
