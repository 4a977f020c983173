// The API's log as an operator reads it: one JSON line per request with its id (the caller's X-Request-Id or a
// new one, answered back), the user once signed in, the case the path names, the status; lines written
// while a request runs carry the same id; no ID number, phone or token in any line, even when the request
// searched by an ID number or failed on one.

import { Writable } from 'node:stream';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createApi } from '@api/create-api';
import { createLogger } from '@libs/logging';
import { syntheticApplication } from '../scripts/lib/synthetic-households';
import { createVillage } from './support/places';
import { ApiClient, type Platform, startPlatform } from './support/platform';
import { createUser } from './support/users';

let platform: Platform;
let api: NestExpressApplication;
let baseUrl: string;
const lines: Record<string, any>[] = [];

beforeAll(async () => {
  platform = await startPlatform();
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  api = await createApi({
    config: platform.config,
    jwtSecret: platform.config.jwt.secret!,
    dataSource: platform.dataSource,
    temporal: platform.temporal,
    logger: createLogger('api', { level: 'info', destination }),
  });
  await api.listen(0, '127.0.0.1');
  baseUrl = `http://127.0.0.1:${(api.getHttpServer().address() as { port: number }).port}/api`;
});

afterAll(async () => {
  await api?.close();
  await platform?.stop();
});

const requestLine = (requestId: string) =>
  lines.find((line) => line.requestId === requestId && line.res !== undefined);

it('logs each request as a JSON line with its id, user, case and status, and nothing personal', async () => {
  const village = await createVillage(platform.dataSource);
  const caseworker = await createUser(platform.dataSource, 'caseworker', village);
  const client = await ApiClient.login(baseUrl, caseworker.username);
  const application = syntheticApplication(village);
  const created = await client.post('/cases', application);
  expect(created.status).toBe(201);
  const caseId = created.body.id as string;
  const head = application.members[0].idNumber;

  // The caller's request id is kept and answered; the case and the user are on the line.
  const viewed = await fetch(`${baseUrl}/cases/${caseId}`, {
    headers: { authorization: `Bearer ${client.token!}`, 'x-request-id': 'probe-1' },
  });
  expect(viewed.status).toBe(200);
  expect(viewed.headers.get('x-request-id')).toBe('probe-1');
  expect(requestLine('probe-1')).toMatchObject({
    process: 'api',
    level: 'info',
    caseId,
    userId: caseworker.id,
    role: 'caseworker',
    req: { method: 'GET', url: `/api/cases/${caseId}` },
    res: { statusCode: 200 },
  });

  // A search by ID number: the path is logged masked. A refused request is a warning.
  const search = await fetch(`${baseUrl}/cases?idNumber=${head}`, {
    headers: { authorization: `Bearer ${client.token!}`, 'x-request-id': 'probe-2' },
  });
  expect(search.status).toBe(200);
  expect(requestLine('probe-2')?.req.url).toContain(`${head.slice(0, 6)}********${head.slice(-4)}`);
  const duplicate = await fetch(`${baseUrl}/cases`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${client.token!}`,
      'content-type': 'application/json',
      'x-request-id': 'probe-3',
    },
    body: JSON.stringify(application),
  });
  expect(duplicate.status).toBe(409);
  expect(requestLine('probe-3')).toMatchObject({ level: 'warn', res: { statusCode: 409 } });

  // A request id that is not a sane one is replaced by a new one.
  const odd = await fetch(`${baseUrl}/health`, { headers: { 'x-request-id': 'a b\tc'.repeat(30) } });
  expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

  const text = JSON.stringify(lines);
  for (const member of application.members) expect(text).not.toContain(member.idNumber);
  expect(text).not.toContain(client.token!);
  expect(text.toLowerCase()).not.toContain('authorization');
});
