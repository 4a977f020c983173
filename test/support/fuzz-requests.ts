// Requests for the fuzz suite: each operation of the OpenAPI document becomes a fast-check arbitrary of
// hostile requests (bad path ids, query values, headers, tokens, bodies and uploads), sent with a deadline.

import fc from 'fast-check';
import {
  applyMutations,
  describeValue,
  hostileString,
  hostileValue,
  type Hints,
  INJECTION_FRAGMENTS,
  mutation,
  RawJson,
  textMutation,
  schemaArbitrary,
  type SchemaObject,
  toJsonText,
  unknownKey,
} from './fuzz-arbitraries';

interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: SchemaObject;
}

interface OperationObject {
  parameters?: ParameterObject[];
  requestBody?: { content: Record<string, { schema: SchemaObject }> };
  security?: unknown[];
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject>>;
  components: { schemas: Record<string, SchemaObject> };
}

export interface Operation {
  method: string;
  path: string;
  pathParams: ParameterObject[];
  query: ParameterObject[];
  idempotencyKey: boolean;
  body?: { contentType: string; schema: SchemaObject };
}

export function operationsOf(document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => {
      const parameters = operation.parameters ?? [];
      const [contentType, media] = Object.entries(operation.requestBody?.content ?? {})[0] ?? [];
      return {
        method: method.toUpperCase(),
        path,
        pathParams: parameters.filter((p) => p.in === 'path'),
        query: parameters.filter((p) => p.in === 'query'),
        idempotencyKey: parameters.some((p) => p.in === 'header' && /idempotency-key/i.test(p.name)),
        body: contentType ? { contentType, schema: media.schema } : undefined,
      };
    }),
  );
}

export const operationName = (operation: Operation) => `${operation.method} ${operation.path}`;

/** A bearer token (or the lack of one) and what it stands for in a report. */
export interface Credential {
  label: string;
  authorization?: string;
  role?: string;
  /** Demo users are only used for reads: a generated valid write must not change what other specs share. */
  readOnly?: boolean;
}

/** A request known to succeed (for a seeded case, task or user): the fuzz spoils its text and fields. */
export interface CorpusEntry {
  credential: Credential;
  pathValues: string[];
  body?: unknown;
}

export interface FuzzWorld {
  components: Record<string, SchemaObject>;
  hints: Hints;
  /** Ids that exist, by the path segment before the parameter (`cases`, `tasks`, `users`, …). */
  pathIds: Record<string, string[]>;
  credentials: Credential[];
  badCredentials: Credential[];
  /** Roles that may call an operation, so most requests get past the guard into validation. */
  preferredRoles: (operation: Operation) => string[];
  /** Known-good requests by operation name (`POST /tasks/{id}/complete`). */
  corpus: Record<string, CorpusEntry[]>;
  /** The bytes of files for uploads that are valid (a PNG, a department's workbook). */
  validFiles: { name: string; type: string; bytes: Buffer }[];
}

export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  credential: string;
  /** The body as generated, for the report. */
  bodyView?: unknown;
  /** Which parts were made hostile (the others are as a careful client sends them). */
  hostileParts: string[];
}

// ---------------------------------------------------------------------------------------------------
// Path ids

/** Path ids that are not ids: NUL, bad escapes, overlong, SQL, traversal, numbers out of range. */
const HOSTILE_PATH_IDS = [
  '%00',
  'abc%00def',
  '%',
  '%ZZ',
  '%ed%a0%80',
  '%c0%af',
  '%ff%fe',
  '%e2%80%ae',
  '%0a',
  '%0d%0a',
  '%20',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '%2F',
  '..%2F',
  encodeURIComponent("1' OR '1'='1"),
  encodeURIComponent('1;DROP TABLE tasks'),
  encodeURIComponent("'); SELECT pg_sleep(20); --"),
  '-1',
  '0',
  '1e309',
  '99999999999999999999999999',
  '9007199254740993',
  '2147483648',
  'null',
  'undefined',
  '__proto__',
  'constructor',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'x'.repeat(10_000),
  '%E4%B8%AD%E6%96%87',
  'a:b:c:d:e',
  ':homeSurvey:1',
];

const encodedHostile = hostileString
  .filter((s) => s.length <= 2_000)
  .map((s) => {
    try {
      return encodeURIComponent(s);
    } catch {
      return '%ed%a0%80'; // a lone surrogate cannot be encoded: its UTF-8 bytes as a client may send them
    }
  });

export const hostilePathId: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_PATH_IDS) },
  { weight: 2, arbitrary: encodedHostile },
);

/** A part of a request in two kinds: as a careful client sends it, and as a hostile one does. */
export interface Part<T> {
  valid: fc.Arbitrary<T>;
  hostile: fc.Arbitrary<T>;
}

function pathIdPart(operation: Operation, param: ParameterObject, world: FuzzWorld): Part<string> {
  const segments = operation.path.split('/');
  const before = segments[segments.indexOf(`{${param.name}}`) - 1] ?? '';
  const known = world.pathIds[param.name] ?? world.pathIds[before] ?? [];
  const declared = param.schema?.enum?.map(String) ?? [];
  const real = [...known, ...declared];
  if (real.length === 0) return { valid: hostilePathId, hostile: hostilePathId };
  const mangled = fc
    .tuple(
      fc.constantFrom(...real),
      fc.constantFrom('%00', "'", '%27%20OR%201%3D1', '%E2%80%AE', '/..', 'x'.repeat(300)),
    )
    .map(([id, suffix]) => `${encodeURIComponent(id)}${suffix}`);
  return {
    valid: fc.constantFrom(...real).map(encodeURIComponent),
    hostile: fc.oneof({ weight: 3, arbitrary: hostilePathId }, { weight: 1, arbitrary: mangled }),
  };
}

// ---------------------------------------------------------------------------------------------------
// Query strings and headers

function encodeQueryPart(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return '%ed%a0%80';
  }
}

const queryString = (parts: (string[] | null)[]) => {
  const all = parts.flatMap((p) => p ?? []);
  return all.length ? `?${all.join('&')}` : '';
};

function queryPart(operation: Operation, world: FuzzWorld): Part<string> {
  const validValue = (param: ParameterObject) =>
    schemaArbitrary(param.schema ?? {}, world.components, world.hints, param.name).map((v) =>
      typeof v === 'string' ? v : JSON.stringify(v),
    );
  const hostileValues = (param: ParameterObject): fc.Arbitrary<string[]> =>
    fc.oneof(
      { weight: 3, arbitrary: hostileString.filter((s) => s.length <= 3_000).map((v) => [v]) },
      { weight: 1, arbitrary: fc.array(validValue(param), { minLength: 2, maxLength: 3 }) },
      {
        weight: 1,
        arbitrary: fc
          .constantFrom('-1', '0', '1e309', '99999999999', '1.5', '', 'true', 'NaN', '[]', '{}')
          .map((v) => [v]),
      },
    );
  const valid = fc
    .tuple(
      ...operation.query.map((param) =>
        fc.oneof(
          { weight: 2, arbitrary: fc.constant(null) },
          {
            weight: 1,
            arbitrary: validValue(param).map((v) => [`${encodeQueryPart(param.name)}=${encodeQueryPart(v)}`]),
          },
        ),
      ),
    )
    .map(queryString);
  // One or more parameters hostile (repeated, bracketed, out of range), perhaps one nobody declared.
  const hostileParams = operation.query.map((param) =>
    fc.option(
      fc
        .oneof(
          { weight: 1, arbitrary: validValue(param).map((v) => [v]) },
          { weight: 2, arbitrary: hostileValues(param) },
        )
        .chain((values) =>
          fc
            .boolean()
            .map((bracket) =>
              values.map(
                (v) =>
                  `${encodeQueryPart(param.name)}${bracket && values.length === 1 ? '[a]' : ''}=${encodeQueryPart(v)}`,
              ),
            ),
        ),
      { freq: 2 },
    ),
  );
  const extra = fc.option(
    fc
      .tuple(
        unknownKey,
        hostileString.filter((s) => s.length <= 500),
      )
      .map(([k, v]) => [`${encodeQueryPart(k)}=${encodeQueryPart(v)}`]),
    { freq: operation.query.length ? 4 : 1 },
  );
  const hostile = fc
    .tuple(fc.tuple(...hostileParams), extra)
    .map(([parts, more]) => queryString([...parts, more]));
  return { valid, hostile };
}

/** Header values a client can send (printable Latin-1): injections, long keys, odd spacing. */
const headerValue: fc.Arbitrary<string> = fc.oneof(
  fc.uuid(),
  fc.constantFrom(...INJECTION_FRAGMENTS).filter((s) => /^[\x20-\x7e]+$/.test(s)),
  fc.string({ unit: fc.integer({ min: 0x21, max: 0xff }).map((c) => String.fromCharCode(c)), maxLength: 40 }),
  fc.constantFrom('x'.repeat(8_000), '\u00ff\u00fe', 'a b', '0', '-1', '"quoted"'),
);

// ---------------------------------------------------------------------------------------------------
// Bodies

interface BodyChoice {
  body?: string | Buffer;
  contentType?: string;
  view?: unknown;
}

const RAW_BODIES: string[] = [
  '',
  '{',
  '{"a":',
  "{'a': 1}",
  'nul',
  '\u0000',
  '[]',
  '"string"',
  '12345',
  'null',
  'true',
  '{"__proto__": {"isAdmin": true, "role": "admin"}}',
  '{"constructor": {"prototype": {"polluted": true}}}',
  '{"decision": "approve", "decision": "reject"}',
  '\ufeff{}',
  '{"a": 1}garbage',
  `${'['.repeat(5_000)}${']'.repeat(5_000)}`,
  `${'{"a":'.repeat(3_000)}1${'}'.repeat(3_000)}`,
  `{"a": "${'x'.repeat(120_000)}"}`,
  `[${Array.from({ length: 30_000 }, () => '0').join(',')}]`,
  '{"a": 1e999, "b": -1e999}',
  '{"a": "\\ud800"}',
  '{"a": "\\u0000"}',
  '{"a": "\\u202e"}',
];

const CONTENT_TYPES = [
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'application/json; charset=UTF-8',
  'application/json; charset="utf-8"',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=fuzz',
  'application/xml',
  'application/merge-patch+json',
  'application/json, text/html',
  '*/*',
];

function jsonBodyPart(schema: SchemaObject, world: FuzzWorld): Part<BodyChoice> {
  const valid = schemaArbitrary(schema, world.components, world.hints);
  const mutated = fc
    .tuple(valid, fc.array(mutation, { minLength: 1, maxLength: 3 }))
    .map(([value, mutations]) => applyMutations(value, mutations));
  const asJson = (value: unknown): BodyChoice => ({
    body: toJsonText(value),
    contentType: 'application/json',
    view: value,
  });
  const hostile = fc.oneof(
    { weight: 8, arbitrary: mutated.map(asJson) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...RAW_BODIES)
        .map((text) => ({ body: text, contentType: 'application/json', view: new RawJson(text) })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.oneof(valid, mutated), fc.constantFrom(...CONTENT_TYPES))
        .map(([value, type]) => ({
          body: type.includes('utf-16') ? Buffer.from(toJsonText(value), 'utf16le') : toJsonText(value),
          contentType: type,
          view: { contentType: type, body: value },
        })),
    },
    {
      weight: 1,
      arbitrary: valid.map((value) => ({
        body: Buffer.from(toJsonText(value)),
        contentType: undefined,
        view: { noContentType: value },
      })),
    },
  );
  return { valid: valid.map(asJson), hostile };
}

const CRLF = '\r\n';

/** A multipart body, well-formed or not: file name, type, field, content and framing are all generated. */
function multipartArbitrary(world: FuzzWorld, hostile: boolean): fc.Arbitrary<BodyChoice> {
  const fileName = fc.oneof(
    fc.constantFrom(
      ...world.validFiles.map((f) => f.name),
      'photo.png',
      '入户调查 住房(1).png',
      '比对请求.xlsx',
    ),
    hostileString.filter((s) => s.length <= 5_000),
    fc.constantFrom(
      '../../etc/passwd',
      'a\u0000.png',
      'a\r\nContent-Type: text/html\r\n.png',
      '"quoted".png',
      'x'.repeat(10_000),
    ),
  );
  const content = fc.oneof(
    fc.constantFrom(...world.validFiles.map((f) => f.bytes)),
    fc
      .tuple(
        fc.constantFrom(...world.validFiles.map((f) => f.bytes)),
        fc.nat(),
        fc.integer({ min: 0, max: 255 }),
      )
      .map(([bytes, at, value]) => {
        const copy = Buffer.from(bytes);
        if (copy.length > 0) copy[at % copy.length] = value;
        return copy;
      }),
    fc.constantFrom(
      Buffer.alloc(0),
      Buffer.from('not a file at all'),
      Buffer.from('%PDF-1.4\n%garbage'),
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0xff, 0xfe]),
      Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
      Buffer.from('<html><script>alert(1)</script></html>'),
    ),
    fc.uint8Array({ maxLength: 2_000 }).map((bytes) => Buffer.from(bytes)),
  );
  const part = fc.record({
    field: fc.oneof(
      { weight: 4, arbitrary: fc.constant('file') },
      { weight: 1, arbitrary: fc.constantFrom('files', 'file[]', '', 'fi\u0000le') },
    ),
    fileName,
    type: fc.constantFrom(
      'image/png',
      'image/jpeg',
      'application/pdf',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'text/html',
      'application/octet-stream',
      '',
      'image/png\r\nX: y',
    ),
    content,
  });
  const validPart = fc
    .constantFrom(...world.validFiles)
    .map((file) => ({ field: 'file', fileName: file.name, type: file.type, content: file.bytes }));
  return fc
    .record({
      parts: hostile ? fc.array(part, { minLength: 0, maxLength: 3 }) : validPart.map((p) => [p]),
      extraField: hostile
        ? fc.option(
            fc.tuple(
              unknownKey,
              hostileString.filter((s) => s.length <= 2_000),
            ),
          )
        : fc.constant(null),
      framing: hostile
        ? fc.constantFrom('ok', 'ok', 'ok', 'unterminated', 'wrongBoundary', 'noBoundary')
        : fc.constant('ok'),
    })
    .map(({ parts, extraField, framing }) => {
      const boundary = 'fuzzBoundary7MA4YWxkTrZu0gW';
      const chunks: Buffer[] = [];
      for (const p of parts) {
        chunks.push(
          Buffer.from(
            `--${boundary}${CRLF}Content-Disposition: form-data; name="${p.field}"; filename="${p.fileName}"${CRLF}` +
              `Content-Type: ${p.type}${CRLF}${CRLF}`,
          ),
          p.content,
          Buffer.from(CRLF),
        );
      }
      if (extraField) {
        chunks.push(
          Buffer.from(
            `--${boundary}${CRLF}Content-Disposition: form-data; name="${extraField[0]}"${CRLF}${CRLF}${extraField[1]}${CRLF}`,
          ),
        );
      }
      if (framing !== 'unterminated') chunks.push(Buffer.from(`--${boundary}--${CRLF}`));
      const declared = framing === 'wrongBoundary' ? 'other' : boundary;
      return {
        body: Buffer.concat(chunks),
        contentType:
          framing === 'noBoundary' ? 'multipart/form-data' : `multipart/form-data; boundary=${declared}`,
        view: {
          framing,
          parts: parts.map((p) => ({
            field: p.field,
            fileName: p.fileName,
            type: p.type,
            bytes: p.content.length,
          })),
          extraField,
        },
      };
    });
}

function bodyPart(operation: Operation, world: FuzzWorld): Part<BodyChoice> {
  if (operation.method === 'GET' || operation.method === 'DELETE') {
    return { valid: fc.constant({}), hostile: fc.constant({}) };
  }
  if (operation.body?.contentType === 'multipart/form-data') {
    const json = jsonBodyPart({ type: 'object', properties: { file: { type: 'string' } } }, world);
    return {
      valid: multipartArbitrary(world, false),
      hostile: fc.oneof(
        { weight: 5, arbitrary: multipartArbitrary(world, true) },
        { weight: 1, arbitrary: fc.oneof(json.valid, json.hostile) },
      ),
    };
  }
  if (operation.body) return jsonBodyPart(operation.body.schema, world);
  // A route without a body gets none, or one nobody asked for.
  return {
    valid: fc.constant({}),
    hostile: hostileValue.map((v) => ({ body: toJsonText(v), contentType: 'application/json', view: v })),
  };
}

// ---------------------------------------------------------------------------------------------------
// Whole requests

function credentialPart(operation: Operation, world: FuzzWorld): Part<Credential> {
  const usable = world.credentials.filter((c) => operation.method === 'GET' || !c.readOnly);
  const preferred = world.preferredRoles(operation);
  const admitted = usable.filter((c) => c.role && preferred.includes(c.role));
  const others = usable.filter((c) => !admitted.includes(c));
  // Someone the operation admits; or a bad token, or a valid one of a role it does not admit.
  return {
    valid: fc.constantFrom(...(admitted.length ? admitted : usable)),
    hostile: others.length
      ? fc.oneof(
          { weight: 3, arbitrary: fc.constantFrom(...world.badCredentials) },
          { weight: 1, arbitrary: fc.constantFrom(...others) },
        )
      : fc.constantFrom(...world.badCredentials),
  };
}

type PartName = 'credential' | 'path' | 'query' | 'idempotencyKey' | 'body';

/**
 * Requests mostly as a careful client would send them but for one hostile part (so each part's handling is
 * reached), now and then several hostile parts at once, or none.
 */
export function requestArbitrary(operation: Operation, world: FuzzWorld): fc.Arbitrary<FuzzRequest> {
  const pathParts = operation.pathParams.map((p) => pathIdPart(operation, p, world));
  const parts = {
    credential: credentialPart(operation, world),
    path: {
      valid: fc.tuple(...pathParts.map((p) => p.valid)),
      // At least one id hostile (a route without path parameters has none to spoil).
      hostile: pathParts.length
        ? fc
            .tuple(...pathParts.map((p) => fc.oneof(p.valid, p.hostile)))
            .filter((values) => values.some((v, i) => !isKnown(operation, i, v, world)))
        : fc.tuple(),
    },
    query: queryPart(operation, world),
    idempotencyKey: {
      valid: operation.idempotencyKey ? fc.option(fc.uuid(), { freq: 2 }) : fc.constant(null),
      hostile: operation.idempotencyKey ? headerValue : fc.constant(null),
    },
    body: bodyPart(operation, world),
  };
  const hasBody = operation.method !== 'GET' && operation.method !== 'DELETE';
  const foci: { weight: number; hostile: PartName[] }[] = [
    { weight: 1, hostile: [] },
    { weight: 2, hostile: ['credential'] },
    { weight: 1, hostile: ['credential', 'path', 'query', 'idempotencyKey', 'body'] },
  ];
  if (hasBody) foci.push({ weight: operation.body ? 8 : 2, hostile: ['body'] });
  if (operation.pathParams.length) foci.push({ weight: 3, hostile: ['path'] });
  if (operation.query.length || !hasBody)
    foci.push({ weight: operation.query.length ? 4 : 1, hostile: ['query'] });
  if (operation.idempotencyKey) foci.push({ weight: 1, hostile: ['idempotencyKey'] });
  if (hasBody && operation.pathParams.length) foci.push({ weight: 1, hostile: ['path', 'body'] });
  const pick = <T>(name: PartName, focus: PartName[], part: Part<T>) =>
    focus.includes(name) ? part.hostile : part.valid;
  type Parts = {
    hostileParts: string[];
    credential: Credential;
    pathValues: string[];
    query: string;
    idempotencyKey: string | null;
    body: BodyChoice;
  };
  // A known-good request with one or two of its fields spoiled, its text mostly: gets past validation into
  // services, workflows and activities.
  const entries = world.corpus[operationName(operation)] ?? [];
  const fromCorpus: fc.Arbitrary<Parts>[] = entries.length
    ? [
        fc
          .record({
            entry: fc.constantFrom(...entries),
            mutations: fc.array(
              fc.oneof({ weight: 3, arbitrary: textMutation }, { weight: 1, arbitrary: mutation }),
              {
                minLength: 1,
                maxLength: 2,
              },
            ),
            idempotencyKey: parts.idempotencyKey.valid,
          })
          .map(({ entry, mutations, idempotencyKey }) => {
            const value = applyMutations(entry.body ?? {}, mutations);
            return {
              hostileParts: ['fields of a known-good body'],
              credential: entry.credential,
              pathValues: entry.pathValues.map(encodeURIComponent),
              query: '',
              idempotencyKey,
              body: { body: toJsonText(value), contentType: 'application/json', view: value },
            };
          }),
      ]
    : [];
  return fc
    .oneof(
      { withCrossShrink: true },
      ...fromCorpus.map((arbitrary) => ({ weight: 12, arbitrary })),
      ...foci.map(({ weight, hostile }) => ({
        weight,
        arbitrary: fc.record({
          hostileParts: fc.constant(hostile),
          credential: pick('credential', hostile, parts.credential),
          pathValues: pick('path', hostile, parts.path),
          query: pick('query', hostile, parts.query),
          idempotencyKey: pick('idempotencyKey', hostile, parts.idempotencyKey),
          body: pick('body', hostile, parts.body),
        }) as fc.Arbitrary<Parts>,
      })),
    )
    .map(({ hostileParts, credential, pathValues, query, idempotencyKey: key, body }) => {
      let path = operation.path;
      operation.pathParams.forEach((param, i) => {
        path = path.replace(`{${param.name}}`, pathValues[i]);
      });
      const headers: Record<string, string> = {};
      if (credential.authorization !== undefined) headers.authorization = credential.authorization;
      if (body.contentType) headers['content-type'] = body.contentType;
      if (key !== null) headers['idempotency-key'] = key;
      const request: FuzzRequest = {
        method: operation.method,
        url: `${path}${query}`,
        headers,
        body: body.body,
        credential: credential.label,
        bodyView: body.view,
        hostileParts,
      };
      return Object.assign(request, { [fc.toStringMethod]: () => describeRequest(request) });
    });
}

function isKnown(operation: Operation, index: number, encoded: string, world: FuzzWorld): boolean {
  const param = operation.pathParams[index];
  const segments = operation.path.split('/');
  const before = segments[segments.indexOf(`{${param.name}}`) - 1] ?? '';
  const known = [
    ...(world.pathIds[param.name] ?? world.pathIds[before] ?? []),
    ...(param.schema?.enum ?? []),
  ];
  return known.some((id) => encodeURIComponent(String(id)) === encoded);
}

export function describeRequest(request: FuzzRequest): string {
  const url =
    request.url.length > 300 ? `${request.url.slice(0, 300)}…<${request.url.length} chars>` : request.url;
  const headers = Object.entries(request.headers)
    .filter(([name]) => name !== 'authorization')
    .map(([name, value]) => `${name}: ${describeValue(value, 200)}`);
  const lines = [
    `${request.method} ${url}`,
    `  hostile: ${request.hostileParts.join(', ') || 'nothing'}; token: ${request.credential}`,
  ];
  if (headers.length) lines.push(`  headers: ${headers.join('; ')}`);
  if (request.bodyView !== undefined) {
    const view =
      request.bodyView instanceof RawJson
        ? `raw ${describeValue(request.bodyView.text)}`
        : describeValue(request.bodyView);
    lines.push(`  body: ${view}`);
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------------
// Sending

export interface FuzzResponse {
  status: number;
  ms: number;
  text: string;
}

/** Sends the request; a request the client itself refuses (a header it cannot encode) answers undefined. */
export async function sendRequest(
  baseUrl: string,
  request: FuzzRequest,
  abortAfterMs: number,
): Promise<FuzzResponse | undefined> {
  const started = performance.now();
  let response: Response;
  try {
    response = await fetch(`${baseUrl}${request.url}`, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(abortAfterMs),
    });
  } catch (error) {
    const ms = performance.now() - started;
    const cause = (error as { cause?: { code?: string } }).cause;
    // undici refuses some header values and URLs before sending: nothing reached the API. (The error comes
    // from Node's realm, not jest's: compared by name.)
    const refusedByClient = !cause?.code || cause.code === 'UND_ERR_INVALID_ARG';
    if ((error as Error).name === 'TypeError' && refusedByClient) return undefined;
    return {
      status: 0,
      ms,
      text: `no answer: ${(error as Error).name} ${(error as Error).message} ${cause?.code ?? ''}`,
    };
  }
  const text = await response.text().catch((error: Error) => `<body unreadable: ${error.message}>`);
  return { status: response.status, ms: performance.now() - started, text };
}
