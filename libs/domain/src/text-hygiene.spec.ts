import { canonicalJson } from './canonical-json';
import {
  MAX_NESTING_DEPTH,
  fieldPath,
  storableText,
  storableValue,
  textProblem,
  textProblems,
} from './text-hygiene';

describe('textProblem', () => {
  it('accepts Chinese text, emoji, tabs and line breaks of either kind', () => {
    for (const text of ['赵大勇', '户主慢性病\r\n长期服药', 'a\tb\nc', '😀 家', '', '\u200F']) {
      expect(textProblem(text)).toBeNull();
    }
  });

  it('names NUL, the other C0 controls, DEL and the C1 controls', () => {
    expect(textProblem('ok\u0000bad')).toBe('含有不可见的控制字符 U+0000');
    expect(textProblem('\u001B[31m')).toBe('含有不可见的控制字符 U+001B');
    expect(textProblem('a\u007F')).toBe('含有不可见的控制字符 U+007F');
    expect(textProblem('a\u0085')).toBe('含有不可见的控制字符 U+0085');
  });

  it('names a lone surrogate of either half, but not a pair', () => {
    expect(textProblem('x\uD800y')).toBe('含有无效字符（不成对的 UTF-16 代理项 U+D800）');
    expect(textProblem('x\uDC00')).toBe('含有无效字符（不成对的 UTF-16 代理项 U+DC00）');
    expect(textProblem('\uD83D\uDE00')).toBeNull();
  });

  it('names direction overrides, embeddings and isolates', () => {
    expect(textProblem('invoice\u202Efdp.exe')).toBe(
      '含有文字方向控制字符 U+202E，可能使文字显示与实际内容不符',
    );
    expect(textProblem('\u2066x\u2069')).toMatch(/U\+2066/);
  });
});

describe('textProblems', () => {
  it('names each bad string and key by its path, nested objects and arrays included', () => {
    const body = {
      reason: 'ok\u0000bad',
      members: [{ name: '王' }, { name: 'x\uD800' }],
      form: { hits: [{ detail: ['a', '\u202E'] }], ['k\u0000']: 1 },
      count: 3,
      flag: null,
    };
    expect(textProblems(body)).toEqual([
      { field: 'reason', message: '含有不可见的控制字符 U+0000' },
      { field: 'members[1].name', message: '含有无效字符（不成对的 UTF-16 代理项 U+D800）' },
      { field: 'form.hits[0].detail[1]', message: expect.stringMatching(/U\+202E/) },
      { field: 'form.k\u0000', message: '字段名含有不可见的控制字符 U+0000' },
    ]);
  });

  it('names a bare value by the path it is given (a path parameter)', () => {
    expect(textProblems('\u0000', 'id')).toEqual([{ field: 'id', message: '含有不可见的控制字符 U+0000' }]);
    expect(textProblems('8c1f', 'id')).toEqual([]);
  });

  it('refuses nesting deeper than the limit without walking it', () => {
    let deep: unknown = [];
    for (let i = 0; i < 5000; i++) deep = [deep];
    expect(textProblems({ form: deep })).toEqual([
      { field: `form${'[0]'.repeat(MAX_NESTING_DEPTH - 1)}`, message: '嵌套层级过深（至多 32 层）' },
    ]);
  });
});

describe('fieldPath', () => {
  it('joins keys as the validation errors name them', () => {
    expect(fieldPath('', 'reason')).toBe('reason');
    expect(fieldPath('members', 0)).toBe('members[0]');
    expect(fieldPath('members[0]', 'name')).toBe('members[0].name');
    expect(fieldPath('form', '2')).toBe('form[2]');
  });
});

describe('storableValue', () => {
  it('turns lone surrogates and NUL into U+FFFD and keeps everything else', () => {
    expect(storableText('x\uD800y\uDC00\u0000z')).toBe('x\uFFFDy\uFFFD\uFFFDz');
    expect(storableText('😀\r\n家')).toBe('😀\r\n家');
  });

  it('walks objects, arrays and keys, and keeps dates and numbers', () => {
    const at = new Date('2026-11-20T00:00:00Z');
    expect(storableValue({ a: ['\uD800', 1, null, at], ['k\u0000']: { b: true } })).toEqual({
      a: ['\uFFFD', 1, null, at],
      ['k\uFFFD']: { b: true },
    });
  });

  it('gives text that survives a round trip through UTF-8, as PostgreSQL stores it', () => {
    const value = storableValue({ reason: 'x\uD800y', form: { notes: 'a\uDFFFb' } });
    const stored = JSON.parse(Buffer.from(JSON.stringify(value), 'utf8').toString('utf8'));
    expect(canonicalJson(stored)).toBe(canonicalJson(value));
  });
});
