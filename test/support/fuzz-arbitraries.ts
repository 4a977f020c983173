// fast-check arbitraries for the fuzz suite: values derived from an OpenAPI schema, hostile values, and
// mutations that turn a plausible body into a malformed one (wrong types, missing and unknown fields).

import fc from 'fast-check';

export interface SchemaObject {
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  items?: SchemaObject;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  $ref?: string;
  allOf?: SchemaObject[];
  oneOf?: SchemaObject[];
  anyOf?: SchemaObject[];
}

/** Values that make a request get further than validation: the ids of the spec's own county, cases, tasks. */
export type Hints = Record<string, fc.Arbitrary<unknown>>;

/** A JSON literal written as is into the body (numbers JSON.stringify cannot produce, such as 1e999). */
export class RawJson {
  constructor(readonly text: string) {}
}

// ---------------------------------------------------------------------------------------------------
// Hostile values

const repeat = (unit: string, count: number) => unit.repeat(count);

/** Code points that must never reach storage: C0 and C1 controls, DEL, lone surrogates, direction overrides. */
export const CONTROL_CHARS = [
  ...Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)),
  '\u007f',
  ...Array.from({ length: 32 }, (_, i) => String.fromCharCode(0x80 + i)),
];
export const LONE_SURROGATES = ['\ud800', '\udbff', '\udc00', '\udfff'];
export const BIDI_CONTROLS = [
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
];

/** Fragments of injection attempts, format strings and oddities that reach SQL, HTML, CSV or logs. */
export const INJECTION_FRAGMENTS = [
  "' OR '1'='1",
  "'; DROP TABLE cases; --",
  '" OR ""="',
  '1; SELECT pg_sleep(20) --',
  "x' UNION SELECT password_hash FROM users --",
  '\\',
  '%',
  '_%',
  '$1',
  '${jndi:ldap://127.0.0.1/a}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '=HYPERLINK("http://127.0.0.1","x")',
  '+cmd|/C calc!A0',
  '../../../../etc/passwd',
  '%00',
  '%s%s%s%n',
  '\r\nSet-Cookie: a=b',
  '\ufeff',
  '\u200b',
  '\uffff',
  '\ud83d\ude00',
  '𠀀',
  '中文',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-0',
  '0x10',
  '1e999',
  '__proto__',
  'constructor',
  '[object Object]',
  ' ',
  '',
];

const specialChar = fc.constantFrom(...CONTROL_CHARS, ...LONE_SURROGATES, ...BIDI_CONTROLS);

/** Strings an attacker or a broken client sends: controls, surrogates, overrides, injections, 100 kB. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...INJECTION_FRAGMENTS) },
  {
    weight: 4,
    arbitrary: fc
      .tuple(fc.string({ maxLength: 4 }), specialChar, fc.string({ maxLength: 4 }))
      .map(([a, b, c]) => `${a}${b}${c}`),
  },
  { weight: 2, arbitrary: fc.string({ unit: specialChar, minLength: 1, maxLength: 8 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom('a', '中', '\u0000', '\ud800', '\u202e', "'"),
        fc.integer({ min: 1, max: 100_000 }),
      )
      .map(([unit, count]) => repeat(unit, count)),
  },
  { weight: 1, arbitrary: fc.constant(repeat('x', 100_000)) },
);

/** Numbers out of every range: negative, huge, past 2^53, past int4, tiny, fractional. */
export const hostileNumber: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    -1,
    0,
    0.5,
    -0.000001,
    1.005,
    2 ** 31,
    -(2 ** 31) - 1,
    2 ** 53 + 2,
    -(2 ** 53) - 2,
    Number.MAX_SAFE_INTEGER,
    1e21,
    1e308,
    -1e308,
    1e-308,
    5e-324,
  ),
  fc
    .constantFrom('1e999', '-1e999', '1e-400', '123456789012345678901234567890', '-0', '1E+2')
    .map((text) => new RawJson(text)),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

/** Arrays or objects nested up to 5,000 deep, written as JSON text (the client need not recurse). */
export const deepNesting: fc.Arbitrary<unknown> = fc
  .tuple(fc.integer({ min: 10, max: 5_000 }), fc.boolean())
  .map(([depth, objects]) =>
    objects
      ? new RawJson(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`)
      : new RawJson(`${'['.repeat(depth)}1${']'.repeat(depth)}`),
  );

/** Arrays of thousands of elements. */
export const hugeArray: fc.Arbitrary<unknown> = fc
  .tuple(
    fc.integer({ min: 101, max: 20_000 }),
    fc.constantFrom<unknown>('a', 1, null, {}, [], '00000000-0000-0000-0000-000000000000'),
  )
  .map(([length, element]) => Array.from({ length }, () => element));

/** Any value of the wrong kind for where it is put. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: hostileString },
  { weight: 4, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, true, false, [], {}, [null], { '': '' }) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: deepNesting },
  { weight: 1, arbitrary: hugeArray },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(hostileString, hostileString, { maxKeys: 2 }) },
);

/** Keys nobody declared, some of them dangerous to merge into objects. */
export const unknownKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'id',
    'role',
    'isAdmin',
    'status',
    'version',
    '$where',
  ),
  hostileString.filter((s) => s.length < 200),
);

// ---------------------------------------------------------------------------------------------------
// Values derived from a schema

/** Follows $ref and allOf to the schema meant. */
export function resolveSchema(schema: SchemaObject, components: Record<string, SchemaObject>): SchemaObject {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    return resolveSchema(components[name] ?? {}, components);
  }
  if (schema.allOf && schema.allOf.length > 0 && !schema.properties) {
    const [first] = schema.allOf;
    return resolveSchema({ ...first, ...schema, allOf: undefined }, components);
  }
  return schema;
}

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

const isoDate = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

function stringArbitrary(schema: SchemaObject): fc.Arbitrary<unknown> {
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? 40, 200);
  const plain = fc.string({ minLength, maxLength: Math.max(minLength, maxLength) });
  const chinese = fc
    .string({
      unit: fc.constantFrom('核', '实', '收', '入', '户', '村', '镇', '县', '帮', '扶'),
      minLength,
      maxLength,
    })
    .filter((s) => s.length >= minLength);
  const options: { weight: number; arbitrary: fc.Arbitrary<unknown> }[] = [
    { weight: 1, arbitrary: plain },
    { weight: 1, arbitrary: chinese },
  ];
  // The example is what a careful client sends; random text rarely passes a pattern the schema does not state.
  if (schema.example !== undefined) options.push({ weight: 4, arbitrary: fc.constant(schema.example) });
  if (schema.format === 'uuid') options.push({ weight: 4, arbitrary: fc.uuid() });
  if (typeof schema.example === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(schema.example)) {
    options.push({ weight: 1, arbitrary: isoDate }, { weight: 2, arbitrary: fc.constant(today()) });
  }
  return fc.oneof(...options);
}

function numberArbitrary(schema: SchemaObject): fc.Arbitrary<unknown> {
  const min = schema.minimum ?? 0;
  const max =
    schema.maximum ?? Math.max(min + 1_000, typeof schema.example === 'number' ? schema.example * 2 : 0);
  const options: { weight: number; arbitrary: fc.Arbitrary<unknown> }[] = [
    { weight: 2, arbitrary: fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) },
    { weight: 1, arbitrary: fc.double({ min, max, noNaN: true, noDefaultInfinity: true }) },
  ];
  if (typeof schema.example === 'number') options.push({ weight: 3, arbitrary: fc.constant(schema.example) });
  if (schema.default !== undefined) options.push({ weight: 1, arbitrary: fc.constant(schema.default) });
  return fc.oneof(...options);
}

/**
 * A value the schema describes (as far as the schema says; the services' own rules are not in it),
 * with `hints` by property name so ids point at things that exist.
 */
export function schemaArbitrary(
  input: SchemaObject,
  components: Record<string, SchemaObject>,
  hints: Hints = {},
  name?: string,
  depth = 0,
): fc.Arbitrary<unknown> {
  const hint = name !== undefined ? hints[name] : undefined;
  const base = schemaArbitraryWithoutHint(input, components, hints, name, depth);
  return hint ? fc.oneof({ weight: 3, arbitrary: hint }, { weight: 1, arbitrary: base }) : base;
}

function schemaArbitraryWithoutHint(
  input: SchemaObject,
  components: Record<string, SchemaObject>,
  hints: Hints,
  name: string | undefined,
  depth: number,
): fc.Arbitrary<unknown> {
  const schema = resolveSchema(input, components);
  if (depth > 6) return fc.constant(null);
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives && alternatives.length > 0) {
    return fc.oneof(...alternatives.map((s) => schemaArbitrary(s, components, hints, name, depth + 1)));
  }
  if (schema.enum && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'string':
      return stringArbitrary(schema);
    case 'number':
    case 'integer':
      return numberArbitrary(schema);
    case 'boolean':
      return schema.example === undefined
        ? fc.boolean()
        : fc.oneof(
            { weight: 3, arbitrary: fc.constant(schema.example) },
            { weight: 1, arbitrary: fc.boolean() },
          );
    case 'array': {
      const items = schemaArbitrary(
        schema.items ?? {},
        components,
        hints,
        name === undefined ? undefined : `${name}[]`,
        depth + 1,
      );
      const maxLength = Math.min(schema.maxItems ?? 3, 3);
      return fc.oneof(
        {
          weight: 3,
          arbitrary: fc.array(items, { minLength: Math.max(schema.minItems ?? 0, 1), maxLength }),
        },
        { weight: 1, arbitrary: fc.array(items, { minLength: schema.minItems ?? 0, maxLength }) },
      );
    }
    default: {
      if (schema.properties) {
        const model: Record<string, fc.Arbitrary<unknown>> = {};
        for (const [key, property] of Object.entries(schema.properties)) {
          model[key] = schemaArbitrary(property, components, hints, key, depth + 1);
        }
        // Every declared field, or only the required ones: both should get past validation.
        return fc.oneof(
          { weight: 1, arbitrary: fc.record(model) },
          { weight: 1, arbitrary: fc.record(model, { requiredKeys: schema.required ?? [] }) },
        );
      }
      if (schema.example !== undefined) {
        return fc.oneof(
          fc.constant(schema.example),
          fc.dictionary(fc.string({ maxLength: 20 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
        );
      }
      return fc.jsonValue({ maxDepth: 2 });
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Mutations: a plausible value made malformed at one or a few places

export type Mutation =
  | { kind: 'replace'; at: number; value: unknown }
  | { kind: 'delete'; at: number }
  | { kind: 'unknownField'; at: number; key: string; value: unknown }
  | { kind: 'retype'; at: number }
  | { kind: 'replaceText'; at: number; value: string };

/** A text field of a known-good body made hostile: what gets furthest, into services and activities. */
export const textMutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constant('replaceText' as const),
  at: fc.nat(),
  value: hostileString,
});

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: hostileValue }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('unknownField' as const),
      at: fc.nat(),
      key: unknownKey,
      value: hostileValue,
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('retype' as const), at: fc.nat() }) },
);

type PathKey = string | number;

// Mutations reach at most this deep; below it a generated value is shared, never changed.
const MUTABLE_DEPTH = 40;

function clone(value: unknown, depth = 0): unknown {
  if (value instanceof RawJson || value === null || typeof value !== 'object' || depth > MUTABLE_DEPTH) {
    return value;
  }
  if (Array.isArray(value)) return value.map((item) => clone(item, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    Object.defineProperty(copy, key, {
      value: clone(item, depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}

/** Every node of a value (the root first), at most `limit` of them. */
function paths(value: unknown, limit = 500): PathKey[][] {
  const found: PathKey[][] = [];
  const walk = (node: unknown, path: PathKey[]) => {
    if (found.length >= limit) return;
    found.push(path);
    if (node instanceof RawJson || node === null || typeof node !== 'object' || path.length >= MUTABLE_DEPTH)
      return;
    if (Array.isArray(node)) node.slice(0, 20).forEach((item, i) => walk(item, [...path, i]));
    else for (const [key, item] of Object.entries(node)) walk(item, [...path, key]);
  };
  walk(value, []);
  return found;
}

function retyped(value: unknown): unknown {
  if (typeof value === 'string') return /^\d+$/.test(value) ? Number(value) : [value];
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 0;
  if (Array.isArray(value)) return value.length > 0 ? value[0] : {};
  if (value === null) return 'null';
  return [value];
}

export function applyMutations(value: unknown, mutations: Mutation[]): unknown {
  let root = clone(value);
  for (const m of mutations) {
    const all =
      m.kind === 'replaceText'
        ? paths(root).filter((path) => typeof path.reduce<any>((node, key) => node[key], root) === 'string')
        : paths(root);
    if (all.length === 0) continue;
    // Deleting or typing the root itself is done by `replace`; the others act on a node inside.
    const candidates = m.kind === 'delete' || m.kind === 'unknownField' ? all.slice(1) : all;
    const path = candidates.length > 0 ? candidates[m.at % candidates.length] : [];
    if (path.length === 0) {
      if (m.kind === 'replace' || m.kind === 'replaceText') root = clone(m.value);
      else if (m.kind === 'retype') root = retyped(root);
      else if (
        m.kind === 'unknownField' &&
        root !== null &&
        typeof root === 'object' &&
        !Array.isArray(root)
      ) {
        Object.defineProperty(root, m.key, {
          value: m.value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      continue;
    }
    const parent = path.slice(0, -1).reduce<any>((node, key) => node[key], root);
    const key = path[path.length - 1];
    if (m.kind === 'replace' || m.kind === 'replaceText') parent[key] = clone(m.value);
    else if (m.kind === 'retype') parent[key] = retyped(parent[key]);
    else if (m.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
    } else {
      const target = parent[key];
      if (
        target !== null &&
        typeof target === 'object' &&
        !Array.isArray(target) &&
        !(target instanceof RawJson)
      ) {
        Object.defineProperty(target, m.key, {
          value: m.value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      } else parent[key] = { [m.key]: m.value };
    }
  }
  return root;
}

// ---------------------------------------------------------------------------------------------------
// Serialising

const RAW_MARKER = /"@@fuzz-raw:([^"@]*)@@"/g;

/** JSON text of a value, with RawJson literals written as they are. */
export function toJsonText(value: unknown): string {
  const text = JSON.stringify(value, (_key, item) =>
    item instanceof RawJson ? `@@fuzz-raw:${item.text}@@` : item,
  );
  return (text ?? 'null').replace(RAW_MARKER, (_match, raw: string) => raw);
}

/** A short, readable rendering for reports: long strings and arrays abbreviated, invisible characters escaped. */
export function describeValue(value: unknown, budget = 600): string {
  const shortened = (node: unknown, depth: number): unknown => {
    if (node instanceof RawJson) {
      return node.text.length > 80
        ? `raw ${node.text.slice(0, 30)}…<${node.text.length} chars>`
        : `raw ${node.text}`;
    }
    if (typeof node === 'string') {
      if (node.length <= 80) return node;
      const unit = node[0];
      return node === unit.repeat(node.length)
        ? `<${JSON.stringify(unit).slice(1, -1)} × ${node.length}>`
        : `${node.slice(0, 60)}…<${node.length} chars>`;
    }
    if (node === null || typeof node !== 'object') return node;
    if (depth > 8) return '<nested deeper…>';
    if (Array.isArray(node)) {
      const head = node.slice(0, 5).map((item) => shortened(item, depth + 1));
      return node.length > 5 ? [...head, `<… ${node.length} elements>`] : head;
    }
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, shortened(v, depth + 1)]));
  };
  const text = JSON.stringify(shortened(value, 0)) ?? 'undefined';
  const visible = text.replace(
    /[\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return visible.length > budget ? `${visible.slice(0, budget)}…` : visible;
}
