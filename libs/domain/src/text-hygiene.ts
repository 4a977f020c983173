// Text the platform accepts and stores. A request's strings are refused when they hold characters that
// PostgreSQL cannot store (NUL), that no one types (control characters), that are not text at all (lone
// UTF-16 surrogates) or that make a name read differently from what it is (direction overrides). What is
// written anyway (the audit trail of what a workflow saw) is first made into what PostgreSQL will store.

export interface TextProblem {
  /** The field's path as the API names it: members[0].name. */
  field: string;
  message: string;
}

/** Deeper than any form the API takes; a deeper value is refused before anything walks it. */
export const MAX_NESTING_DEPTH = 32;

// Tab, LF and CR stay: they are what a textarea sends (browsers submit CR LF line breaks). DEL (U+007F)
// counts with the C0 and C1 controls. With the u flag, [\uD800-\uDFFF] matches only a surrogate that is
// not half of a pair. Matching control characters is what these expressions are for.
const FORBIDDEN =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uD800-\uDFFF\u202A-\u202E\u2066-\u2069]/u;
const LONE_SURROGATES = /[\uD800-\uDFFF]/gu;
// eslint-disable-next-line no-control-regex
const NUL = /\u0000/g;

/** The field path of `key` inside `parent`, the way validation errors name it: members[0].name. */
export function fieldPath(parent: string, key: string | number): string {
  if (typeof key === 'number' || /^\d+$/.test(key)) return `${parent}[${key}]`;
  return parent ? `${parent}.${key}` : key;
}

/** Why `text` may not be stored, in Chinese; null when it may. */
export function textProblem(text: string): string | null {
  const found = FORBIDDEN.exec(text);
  if (found === null) return null;
  const code = found[0].charCodeAt(0);
  const name = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (code >= 0xd800 && code <= 0xdfff) return `含有无效字符（不成对的 UTF-16 代理项 ${name}）`;
  if (code >= 0x202a) return `含有文字方向控制字符 ${name}，可能使文字显示与实际内容不符`;
  return `含有不可见的控制字符 ${name}`;
}

/**
 * Every problem in a request value: each string and object key that may not be stored, named by its
 * path under `path`, and any part nested deeper than MAX_NESTING_DEPTH.
 */
export function textProblems(value: unknown, path = ''): TextProblem[] {
  const problems: TextProblem[] = [];
  collectProblems(value, path, 0, problems);
  return problems;
}

function collectProblems(value: unknown, path: string, depth: number, problems: TextProblem[]): void {
  if (typeof value === 'string') {
    const message = textProblem(value);
    if (message !== null) problems.push({ field: path, message });
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (depth >= MAX_NESTING_DEPTH) {
    problems.push({ field: path, message: `嵌套层级过深（至多 ${MAX_NESTING_DEPTH} 层）` });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => collectProblems(item, fieldPath(path, index), depth + 1, problems));
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    const keyProblem = textProblem(key);
    if (keyProblem !== null) problems.push({ field: fieldPath(path, key), message: `字段名${keyProblem}` });
    else collectProblems(item, fieldPath(path, key), depth + 1, problems);
  }
}

/**
 * `text` as PostgreSQL stores it: a lone surrogate becomes U+FFFD, as String.prototype.toWellFormed
 * (ES2024) makes it and as the driver's UTF-8 encoding writes it; NUL, which PostgreSQL refuses, becomes
 * U+FFFD as well.
 */
export function storableText(text: string): string {
  return text.replace(LONE_SURROGATES, '\uFFFD').replace(NUL, '\uFFFD');
}

/**
 * `value` with every string and object key in it made storable (storableText), walked as canonicalJson
 * walks it: arrays and objects rebuilt, dates and other leaves kept.
 */
export function storableValue<T>(value: T): T {
  return storable(value) as T;
}

function storable(value: unknown): unknown {
  if (typeof value === 'string') return storableText(value);
  if (Array.isArray(value)) return value.map(storable);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [storableText(key), storable(item)]),
    );
  }
  return value;
}
