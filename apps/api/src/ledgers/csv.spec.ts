import { chinaToday, contentDisposition, csvLine, exportFileName } from './csv';

describe('csvLine', () => {
  it('quotes fields with commas, quotes or line breaks and ends with CRLF', () => {
    expect(csvLine(['a,b', 'say "hi"', 'two\nlines', 3, null, undefined])).toBe(
      '"a,b","say ""hi""","two\nlines",3,,\r\n',
    );
  });

  it('turns a text cell that Excel would run as a formula into plain text', () => {
    expect(csvLine(['=HYPERLINK("x")', '+1', '-2', '@SUM(A1)', '正常'])).toBe(
      `"'=HYPERLINK(""x"")",'+1,'-2,'@SUM(A1),正常\r\n`,
    );
    expect(csvLine([-2])).toBe('-2\r\n');
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the Chinese name percent-encoded as UTF-8 (RFC 5987)', () => {
    expect(contentDisposition('认定台账_2026-01-01_2026-03-31.csv')).toBe(
      `attachment; filename="_____2026-01-01_2026-03-31.csv"; filename*=UTF-8''${encodeURIComponent('认定台账')}_2026-01-01_2026-03-31.csv`,
    );
    expect(contentDisposition("a'(b)*.csv")).toContain("filename*=UTF-8''a%27%28b%29%2A.csv");
  });
});

describe('exportFileName', () => {
  it('names the window, up to today in China when it is open-ended', () => {
    expect(exportFileName('认定台账', { from: '2026-01-01', to: '2026-03-31' })).toBe(
      '认定台账_2026-01-01_2026-03-31.csv',
    );
    expect(exportFileName('退出台账', {})).toBe(`退出台账_最早_${chinaToday()}.csv`);
  });

  it('counts today in China time: 17:00 UTC is already the next day', () => {
    expect(chinaToday(new Date('2026-03-31T17:00:00Z'))).toBe('2026-04-01');
    expect(chinaToday(new Date('2026-03-31T15:59:59Z'))).toBe('2026-03-31');
  });
});
