// 附件 attachments through the API: upload a survey photo to a case, list it, download the same bytes;
// refuse what is not an image or PDF, what is too large, and callers outside the case's jurisdiction.

import { createHash } from 'node:crypto';
import { syntheticApplication } from '../scripts/lib/synthetic-households';
import { DEMO_PASSWORD } from '../scripts/lib/demo-county';
import { createVillage } from './support/places';
import { ApiClient, type Platform, startPlatform } from './support/platform';
import { createUser } from './support/users';

const MB = 1024 * 1024;
// A 1×1 transparent PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

let platform: Platform;
let village: string;
let caseworker: ApiClient;
let caseworkerName: string;
const tokens = new Map<string, string>();

/** A bearer token for a user: ApiClient speaks JSON only, uploads need multipart. */
async function tokenOf(username: string): Promise<string> {
  const response = await fetch(`${platform.baseUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

interface FilePart {
  bytes: Buffer;
  name: string;
  type: string;
}

async function upload(
  as: string,
  caseId: string,
  file: FilePart | undefined,
  fields: Record<string, string> = {},
): Promise<{ status: number; body: any }> {
  const form = new FormData();
  if (file) form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  const response = await fetch(`${platform.baseUrl}/cases/${caseId}/attachments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens.get(as)}` },
    body: form,
  });
  return { status: response.status, body: await response.json() };
}

async function download(as: string, path: string) {
  const response = await fetch(`${platform.baseUrl}${path}`, {
    headers: { authorization: `Bearer ${tokens.get(as)}` },
  });
  return { response, bytes: Buffer.from(await response.arrayBuffer()) };
}

async function newCase(): Promise<string> {
  const created = await caseworker.post('/cases', syntheticApplication(village));
  expect(created.status).toBe(201);
  return created.body.id;
}

async function attachmentCount(caseId: string): Promise<number> {
  const [row] = await platform.dataSource.query(
    'SELECT count(*)::int AS count FROM attachments WHERE case_id = $1',
    [caseId],
  );
  return row.count;
}

beforeAll(async () => {
  platform = await startPlatform();
  // A village of this spec's own in 东里镇, and one in 悦庄镇 for a caseworker outside its scope.
  village = await createVillage(platform.dataSource);
  const otherVillage = await createVillage(platform.dataSource, '370323105');
  caseworkerName = (await createUser(platform.dataSource, 'caseworker', village)).username;
  caseworker = await ApiClient.login(platform.baseUrl, caseworkerName);
  tokens.set('caseworker', await tokenOf(caseworkerName));
  const outsider = await createUser(platform.dataSource, 'caseworker', otherVillage);
  tokens.set('outsider', await tokenOf(outsider.username));
  const inspector = await createUser(platform.dataSource, 'inspector', '370323');
  tokens.set('inspector', await tokenOf(inspector.username));
  const reviewer = await createUser(platform.dataSource, 'townshipReviewer', '370323104');
  tokens.set('reviewer', await tokenOf(reviewer.username));
});

afterAll(async () => {
  await platform?.stop();
});

describe('attachments of a case', () => {
  it('uploads a PNG, lists it, and downloads the same bytes with its Chinese name', async () => {
    const caseId = await newCase();
    const uploaded = await upload('caseworker', caseId, {
      bytes: PNG,
      name: '入户调查 住房(1).png',
      type: 'image/png',
    });
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      caseId,
      fileName: '入户调查 住房(1).png',
      contentType: 'image/png',
      size: PNG.length,
      sha256: sha256(PNG),
      uploadedAt: expect.any(String),
      uploadedBy: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    const [uploader] = await platform.dataSource.query('SELECT id FROM users WHERE username = $1', [
      caseworkerName,
    ]);
    expect(uploaded.body.uploadedBy).toBe(uploader.id);

    const listed = await caseworker.get(`/cases/${caseId}/attachments`);
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([uploaded.body]);

    const { response, bytes } = await download(
      'caseworker',
      `/cases/${caseId}/attachments/${uploaded.body.id}`,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(bytes.equals(PNG)).toBe(true);
    expect(sha256(bytes)).toBe(uploaded.body.sha256);
    const disposition = response.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1])).toBe('入户调查 住房(1).png');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('records the upload in the audit log with the file it took', async () => {
    const caseId = await newCase();
    const uploaded = await upload('reviewer', caseId, {
      bytes: JPEG,
      name: 'evidence.jpg',
      type: 'image/jpeg',
    });
    expect(uploaded.status).toBe(201);
    const events = await platform.dataSource.query(
      `SELECT actor_role, action, entity_type, entity_id, after FROM audit_events
       WHERE case_id = $1 AND action = 'attachment.uploaded'`,
      [caseId],
    );
    expect(events).toEqual([
      {
        actor_role: 'townshipReviewer',
        action: 'attachment.uploaded',
        entity_type: 'attachment',
        entity_id: uploaded.body.id,
        after: {
          fileName: 'evidence.jpg',
          contentType: 'image/jpeg',
          size: JPEG.length,
          sha256: sha256(JPEG),
        },
      },
    ]);
  });

  it('lets an inspector read the list and the file, but not upload', async () => {
    const caseId = await newCase();
    const uploaded = await upload('caseworker', caseId, { bytes: PNG, name: 'photo.png', type: 'image/png' });
    expect(uploaded.status).toBe(201);

    const refused = await upload('inspector', caseId, { bytes: PNG, name: 'photo.png', type: 'image/png' });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('READ_ONLY_ROLE');

    const listed = await download('inspector', `/cases/${caseId}/attachments`);
    expect(listed.response.status).toBe(200);
    expect(JSON.parse(listed.bytes.toString()).map((a: { id: string }) => a.id)).toEqual([uploaded.body.id]);
    const file = await download('inspector', `/cases/${caseId}/attachments/${uploaded.body.id}`);
    expect(file.response.status).toBe(200);
    expect(file.bytes.equals(PNG)).toBe(true);
    expect(await attachmentCount(caseId)).toBe(1);
  });

  it('accepts a file of exactly 10 MB', async () => {
    const caseId = await newCase();
    const bytes = Buffer.alloc(10 * MB);
    PNG.copy(bytes);
    const uploaded = await upload('caseworker', caseId, { bytes, name: 'big.png', type: 'image/png' });
    expect(uploaded.status).toBe(201);
    expect(uploaded.body.size).toBe(10 * MB);
  });
});

describe('refused uploads write nothing', () => {
  let caseId: string;
  let before: number;

  beforeAll(async () => {
    caseId = await newCase();
  });

  // Compared with the count before each test, so one wrongly stored file fails only its own test.
  beforeEach(async () => {
    before = await attachmentCount(caseId);
  });

  afterEach(async () => {
    expect(await attachmentCount(caseId)).toBe(before);
  });

  it('refuses a text file renamed .png with 415', async () => {
    const text = Buffer.from('这不是照片，只是一段文字。');
    const refused = await upload('caseworker', caseId, { bytes: text, name: 'photo.png', type: 'image/png' });
    expect(refused.status).toBe(415);
    expect(refused.body).toMatchObject({
      code: 'UNSUPPORTED_ATTACHMENT_TYPE',
      errors: [{ field: 'file', message: expect.any(String) }],
    });
    expect(refused.body.message).toMatch(/PNG/);
  });

  it('refuses JPEG bytes declared as a PNG with 415', async () => {
    const refused = await upload('caseworker', caseId, { bytes: JPEG, name: 'photo.png', type: 'image/png' });
    expect(refused.status).toBe(415);
    expect(refused.body.code).toBe('ATTACHMENT_TYPE_MISMATCH');
  });

  it('refuses a file over 10 MB with 413', async () => {
    const bytes = Buffer.alloc(10 * MB + 1);
    PNG.copy(bytes);
    const refused = await upload('caseworker', caseId, { bytes, name: 'huge.png', type: 'image/png' });
    expect(refused.status).toBe(413);
    expect(refused.body).toMatchObject({
      code: 'ATTACHMENT_TOO_LARGE',
      message: '附件不能超过 10 MB',
      errors: [{ field: 'file', message: expect.any(String) }],
    });
  });

  it('refuses a form without a file with 400 naming the field', async () => {
    const refused = await upload('caseworker', caseId, undefined, { note: '忘了选文件' });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      code: 'ATTACHMENT_REQUIRED',
      errors: [{ field: 'file', message: '必填' }],
    });
  });

  it('refuses two files with 400', async () => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'a.png');
    form.append('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'b.png');
    const response = await fetch(`${platform.baseUrl}/cases/${caseId}/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.get('caseworker')}` },
      body: form,
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { code: string }).code).toBe('INVALID_UPLOAD');
  });

  it('answers 404 to a caseworker of another village, for upload, list and download', async () => {
    const refused = await upload('outsider', caseId, { bytes: PNG, name: 'photo.png', type: 'image/png' });
    expect(refused.status).toBe(404);
    expect(refused.body.code).toBe('CASE_NOT_FOUND');
    expect(refused.body.message).toMatch(/不在您的管辖范围内/);
    expect((await download('outsider', `/cases/${caseId}/attachments`)).response.status).toBe(404);
  });

  it('answers 404 for an unknown case', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    expect(
      (await upload('caseworker', missing, { bytes: PNG, name: 'a.png', type: 'image/png' })).status,
    ).toBe(404);
    expect(
      (await upload('caseworker', 'not-a-uuid', { bytes: PNG, name: 'a.png', type: 'image/png' })).status,
    ).toBe(404);
  });
});

describe('downloads are bound to their case and its scope', () => {
  it("answers 404 for another case's attachment and for another village's caller", async () => {
    const first = await newCase();
    const second = await newCase();
    const uploaded = await upload('caseworker', first, { bytes: PNG, name: 'photo.png', type: 'image/png' });
    expect(uploaded.status).toBe(201);

    const path = `/cases/${first}/attachments/${uploaded.body.id}`;
    expect((await download('caseworker', path)).response.status).toBe(200);
    const crossed = await download('caseworker', `/cases/${second}/attachments/${uploaded.body.id}`);
    expect(crossed.response.status).toBe(404);
    expect(JSON.parse(crossed.bytes.toString()).code).toBe('ATTACHMENT_NOT_FOUND');
    expect((await download('outsider', path)).response.status).toBe(404);
    expect((await download('caseworker', `/cases/${first}/attachments/not-a-uuid`)).response.status).toBe(
      404,
    );
  });
});

describe('a closed case', () => {
  it('takes no more attachments (409) but still shows the ones it has', async () => {
    const caseId = await newCase();
    const uploaded = await upload('caseworker', caseId, { bytes: PNG, name: 'photo.png', type: 'image/png' });
    expect(uploaded.status).toBe(201);
    // Closed as the workflow would at the end of the case.
    await platform.dataSource.query(`UPDATE cases SET status = 'closed', closed_at = now() WHERE id = $1`, [
      caseId,
    ]);

    const refused = await upload('caseworker', caseId, { bytes: PNG, name: 'late.png', type: 'image/png' });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('CASE_CLOSED');
    expect(await attachmentCount(caseId)).toBe(1);
    expect((await caseworker.get(`/cases/${caseId}/attachments`)).body).toHaveLength(1);
  });
});

describe('the OpenAPI document', () => {
  it('describes the upload as multipart with one file field', async () => {
    const document = (await (await fetch(`${platform.baseUrl}/docs-json`)).json()) as any;
    const upload = document.paths['/cases/{caseId}/attachments'].post;
    expect(Object.keys(upload.requestBody.content)).toEqual(['multipart/form-data']);
    expect(upload.requestBody.content['multipart/form-data'].schema.properties.file).toMatchObject({
      type: 'string',
      format: 'binary',
    });
    expect(document.paths['/cases/{caseId}/attachments/{attachmentId}'].get).toBeDefined();
  });
});
