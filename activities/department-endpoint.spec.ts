import { createHmac, timingSafeEqual } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { ApplicationFailure } from '@temporalio/common';
import type { AskDepartmentInput } from '@libs/contracts';
import { isInternalAddress } from '@libs/domain';
import {
  askDepartmentEndpoint,
  DEPARTMENT_ANSWER_MALFORMED,
  DEPARTMENT_ANSWER_TOO_LARGE,
  DEPARTMENT_REQUEST_REFUSED,
  type AskDepartmentOptions,
} from './department-endpoint';

// A department's endpoint on 127.0.0.1: each test sets how it answers and sees what it was sent.
type Handler = (body: any, req: IncomingMessage, res: ServerResponse, raw?: string) => void;

let server: Server;
let endpoint: string;
let handler: Handler;
let received: { body: any; headers: IncomingMessage['headers'] }[];

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const body = JSON.parse(raw);
      received.push({ body, headers: req.headers });
      handler(body, req, res, raw);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/data-check`;
});

beforeEach(() => {
  received = [];
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const HEAD = '370323195003071234';
const SPOUSE = '37032319520815222X';

const input = (): AskDepartmentInput => ({
  caseId: '0b7c8a52-5a55-4d8e-a1a4-2f0e1c1d9a10',
  requestId: 'dataCheck-0b7c8a52-5a55-4d8e-a1a4-2f0e1c1d9a10-1:housing',
  department: 'housing',
  endpoint,
  members: [
    { name: '王建国', idNumber: HEAD, relation: 'head' },
    { name: '刘桂兰', idNumber: SPOUSE, relation: 'spouse' },
  ],
});

/** The call as the test platform's worker makes it: NODE_ENV=test, so the loopback department is allowed. */
const ask = (request: AskDepartmentInput, options: AskDepartmentOptions = {}) =>
  askDepartmentEndpoint(request, { environment: 'test', ...options });

function answer(status: number, body: unknown): Handler {
  return (_body, _req, res) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
}

/** The error the call failed with (fails the test if it succeeded). */
async function failure(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    (value) => ({ value }),
    (error: Error) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`expected a failure, got ${JSON.stringify(outcome.value)}`);
  return outcome.error;
}

function expectNonRetryable(error: Error, type: string): void {
  expect(error).toBeInstanceOf(ApplicationFailure);
  expect((error as ApplicationFailure).nonRetryable).toBe(true);
  expect((error as ApplicationFailure).type).toBe(type);
}

function expectRetryable(error: Error): void {
  // A plain Error: Temporal retries it by the activity's retry policy.
  expect(error).not.toBeInstanceOf(ApplicationFailure);
}

const SECRET = 'zjj-shared-secret-0123456789abcdef0123456789';

/** The department's side: answers only a request whose signature it recomputes from the documented formula. */
function verifying(secret: string): Handler {
  return (body, req, res, raw) => {
    const timestamp = String(req.headers['x-changxiao-timestamp'] ?? '');
    const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${raw}`).digest('hex')}`;
    const given = Buffer.from(String(req.headers['x-changxiao-signature'] ?? ''));
    const fresh = Math.abs(Date.now() / 1000 - Number(timestamp)) < 300;
    const valid = given.length === expected.length && timingSafeEqual(given, Buffer.from(expected));
    if (!valid || !fresh) return answer(401, { message: 'bad signature' })(body, req, res, raw);
    answer(200, { requestId: body.requestId, hits: [] })(body, req, res, raw);
  };
}

describe('askDepartmentEndpoint', () => {
  it('signs the request so the department can verify it came from the platform', async () => {
    handler = verifying(SECRET);
    await expect(ask(input(), { secret: SECRET })).resolves.toEqual([]);
    // Signed with another secret, or not at all, the department refuses it.
    const forged = await failure(ask(input(), { secret: `${SECRET}x` }));
    expectNonRetryable(forged, DEPARTMENT_REQUEST_REFUSED);
    expect(forged.message).toContain('HTTP 401');
    expectNonRetryable(await failure(ask(input())), DEPARTMENT_REQUEST_REFUSED);
    expect(received[2].headers['x-changxiao-signature']).toBeUndefined();
  });

  it('stops reading an answer past 1 MiB and fails for good, declared or streamed', async () => {
    handler = (_body, _req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(2 * 1024 * 1024) });
      res.end(Buffer.alloc(2 * 1024 * 1024, 0x20));
    };
    expectNonRetryable(await failure(ask(input())), DEPARTMENT_ANSWER_TOO_LARGE);
    // No length, and no end: only a reader that stops can get past this one.
    handler = (_body, _req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
    };
    const error = await failure(ask(input()));
    expectNonRetryable(error, DEPARTMENT_ANSWER_TOO_LARGE);
    expect(error.message).toContain('超过 1 MB');
  });

  it('posts the documented request with the idempotency key and returns the hits', async () => {
    handler = (body, _req, res) =>
      answer(200, {
        requestId: body.requestId,
        hits: [{ idNumber: SPOUSE, category: 'commercialHousing', detail: ' 名下商品房一套（县城）  ' }],
      })(body, _req, res);

    const hits = await ask(input());

    expect(hits).toEqual([
      { idNumber: SPOUSE, category: 'commercialHousing', detail: '名下商品房一套（县城）' },
    ]);
    expect(received).toHaveLength(1);
    expect(received[0].headers['idempotency-key']).toBe(input().requestId);
    expect(received[0].headers['content-type']).toMatch(/^application\/json/);
    expect(received[0].body).toEqual({
      requestId: input().requestId,
      caseId: input().caseId,
      department: 'housing',
      members: input().members,
    });
  });

  it('returns no hits when the department found nothing', async () => {
    handler = (body, req, res) => answer(200, { requestId: body.requestId, hits: [] })(body, req, res);
    await expect(ask(input())).resolves.toEqual([]);
  });

  it('throws a retryable error on a 5xx answer', async () => {
    handler = answer(500, { message: 'database down' });
    const error = await failure(ask(input()));
    expectRetryable(error);
    expect(error.message).toContain('HTTP 500');
    expect(error.message).toContain('住建局');
  });

  it('throws a retryable error when the department asks to slow down (429)', async () => {
    handler = answer(429, 'too many requests');
    expectRetryable(await failure(ask(input())));
  });

  it('throws a non-retryable failure when the department refuses the request (4xx)', async () => {
    handler = answer(403, { message: 'not allowed' });
    const error = await failure(ask(input()));
    expectNonRetryable(error, DEPARTMENT_REQUEST_REFUSED);
    expect(error.message).toContain('HTTP 403');
  });

  it('throws a non-retryable failure on a redirect instead of following it', async () => {
    handler = (_body, _req, res) => {
      res.writeHead(302, { location: '/elsewhere' });
      res.end();
    };
    expectNonRetryable(await failure(ask(input())), DEPARTMENT_REQUEST_REFUSED);
    expect(received).toHaveLength(1);
  });

  it.each([
    ['not JSON', '<html>ok</html>'],
    ['an array', []],
    ['no hits', { requestId: input().requestId }],
    ['another request id', { requestId: 'someone-else', hits: [] }],
    [
      'an unknown category',
      { requestId: input().requestId, hits: [{ idNumber: HEAD, category: 'yacht', detail: '' }] },
    ],
    [
      'a person who is not a member',
      {
        requestId: input().requestId,
        hits: [{ idNumber: '370323199001011237', category: 'vehicle', detail: '' }],
      },
    ],
    [
      'a hit without an id number',
      { requestId: input().requestId, hits: [{ category: 'vehicle', detail: '' }] },
    ],
    [
      'a detail that is not text',
      { requestId: input().requestId, hits: [{ idNumber: HEAD, category: 'vehicle', detail: 3 }] },
    ],
  ])('throws a non-retryable failure on a malformed answer: %s', async (_what, body) => {
    handler = answer(200, body);
    const error = await failure(ask(input()));
    expectNonRetryable(error, DEPARTMENT_ANSWER_MALFORMED);
    expect(error.message).toContain('不符合比对接口约定');
  });

  it('does not echo a stranger’s full ID number in the error', async () => {
    handler = answer(200, {
      requestId: input().requestId,
      hits: [{ idNumber: '370323199001011237', category: 'vehicle', detail: '' }],
    });
    const error = await failure(ask(input()));
    expect(error.message).toContain('370323********1237');
    expect(error.message).not.toContain('370323199001011237');
  });

  it('throws a retryable error when the department does not answer in time', async () => {
    handler = () => undefined; // never answers
    const started = Date.now();
    const error = await failure(ask(input(), { timeoutMs: 300 }));
    expectRetryable(error);
    expect(error.message).toContain('未应答');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('throws a retryable error when nothing listens at the address', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await failure(ask({ ...input(), endpoint: `http://127.0.0.1:${port}/` }));
    expectRetryable(error);
    expect(error.message).toContain('连接失败');
  });

  it('in production calls no plain-http or internal address, even one a policy of elsewhere holds', async () => {
    for (const endpoint of [input().endpoint, 'https://127.0.0.1/check', 'https://[::1]/check']) {
      const error = await failure(
        askDepartmentEndpoint({ ...input(), endpoint }, { environment: 'production' }),
      );
      expectNonRetryable(error, DEPARTMENT_REQUEST_REFUSED);
    }
    expect(received).toHaveLength(0);
  });

  it('in production calls no host name that resolves to an internal address', async () => {
    // The machine's own name resolves to one of its addresses (here 127.0.0.1 from /etc/hosts).
    const [{ address }] = await lookup(hostname(), { all: true });
    expect(isInternalAddress(address)).toBe(true);
    const error = await failure(
      askDepartmentEndpoint(
        { ...input(), endpoint: `https://${hostname()}:1/check` },
        { environment: 'production' },
      ),
    );
    expectNonRetryable(error, DEPARTMENT_REQUEST_REFUSED);
    expect(error.message).toContain(`解析到本机或内网地址 ${address}`);
  });

  it('throws a non-retryable failure for an address that is not an http(s) URL', async () => {
    const error = await failure(ask({ ...input(), endpoint: 'ftp://dept.example/check' }));
    expectNonRetryable(error, DEPARTMENT_REQUEST_REFUSED);
    expect(received).toHaveLength(0);
  });
});
