import {
  checkAttachmentType,
  cleanFileName,
  contentDisposition,
  detectAttachmentType,
} from './attachment-file';

const bytes = (...parts: (number[] | string)[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

// An ISO-BMFF ftyp box: size, 'ftyp', major brand, minor version, compatible brands.
const ftyp = (major: string, ...compatible: string[]) =>
  bytes([0, 0, 0, 16 + 4 * compatible.length], 'ftyp', major, [0, 0, 0, 0], compatible.join(''));

const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [0, 0, 0, 13], 'IHDR');
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], 'JFIF');

describe('detectAttachmentType', () => {
  it.each([
    ['a JPEG', JPEG, 'image/jpeg'],
    ['a PNG', PNG, 'image/png'],
    ['a WebP', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '), 'image/webp'],
    ['a PDF', bytes('%PDF-1.7\n'), 'application/pdf'],
    ['a HEIC photo', ftyp('heic', 'mif1', 'heic'), 'image/heic'],
    ['a generic HEIF container holding HEVC', ftyp('mif1', 'mif1', 'heic'), 'image/heic'],
  ])('recognises %s by its magic bytes', (_name, content, type) => {
    expect(detectAttachmentType(content)).toBe(type);
  });

  it.each([
    ['plain text', bytes('just some notes, saved as photo.png')],
    ['an AVIF image', ftyp('avif', 'mif1', 'avif')],
    ['a generic HEIF container without HEVC', ftyp('mif1', 'mif1', 'avif')],
    ['a RIFF file that is not WebP', bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt ')],
    ['a truncated PNG signature', bytes([0x89, 0x50, 0x4e, 0x47])],
    ['nothing', Buffer.alloc(0)],
  ])('refuses %s', (_name, content) => {
    expect(detectAttachmentType(content)).toBeUndefined();
  });
});

describe('checkAttachmentType', () => {
  it('takes the type from the content when the declared type agrees or is an alias', () => {
    expect(checkAttachmentType('image/png', PNG)).toEqual({ ok: true, contentType: 'image/png' });
    expect(checkAttachmentType('image/jpg', JPEG)).toEqual({ ok: true, contentType: 'image/jpeg' });
    expect(checkAttachmentType('IMAGE/HEIF', ftyp('heic'))).toEqual({ ok: true, contentType: 'image/heic' });
  });

  it('lets the content decide when the client declared no type', () => {
    expect(checkAttachmentType('application/octet-stream', JPEG)).toEqual({
      ok: true,
      contentType: 'image/jpeg',
    });
  });

  it('refuses a text file declared as a PNG', () => {
    expect(checkAttachmentType('image/png', bytes('hello'))).toEqual({ ok: false, reason: 'unsupported' });
  });

  it('refuses a declared type that does not match the content', () => {
    expect(checkAttachmentType('image/png', JPEG)).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('refuses a declared type outside the accepted ones even when the bytes are a PNG', () => {
    expect(checkAttachmentType('text/html', PNG)).toEqual({ ok: false, reason: 'unsupported' });
  });
});

describe('cleanFileName', () => {
  it('keeps a Chinese name as it is', () => {
    expect(cleanFileName('入户调查-住房.jpg')).toBe('入户调查-住房.jpg');
  });

  it('drops directories and control characters', () => {
    expect(cleanFileName('C:\\Users\\张三\\照片.png')).toBe('照片.png');
    expect(cleanFileName('../../etc/pa\u0000ss\nwd')).toBe('passwd');
  });

  it('drops direction controls that would disguise the extension', () => {
    expect(cleanFileName('照片\u202Egpj.exe')).toBe('照片gpj.exe');
  });

  it('names a nameless file', () => {
    expect(cleanFileName(undefined)).toBe('attachment');
    expect(cleanFileName('  ')).toBe('attachment');
  });

  it('cuts a name at 255 characters', () => {
    expect(Array.from(cleanFileName('照'.repeat(300)))).toHaveLength(255);
  });
});

describe('contentDisposition', () => {
  it('carries a Chinese name as RFC 5987 filename* with an ASCII fallback', () => {
    expect(contentDisposition('入户照片 (1).jpg')).toBe(
      `attachment; filename="____ (1).jpg"; filename*=UTF-8''%E5%85%A5%E6%88%B7%E7%85%A7%E7%89%87%20%281%29.jpg`,
    );
    expect(decodeURIComponent(contentDisposition('入户照片.jpg').split("UTF-8''")[1])).toBe('入户照片.jpg');
  });

  it('cannot be broken out of by quotes in the name', () => {
    expect(contentDisposition('a"b\\c.pdf')).toBe(
      `attachment; filename="a_b_c.pdf"; filename*=UTF-8''a%22b%5Cc.pdf`,
    );
  });
});
