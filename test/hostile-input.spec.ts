// Hostile and malformed input on the real API: text PostgreSQL cannot store is refused with a 400 naming the
// field before it reaches a workflow, malformed requests get their 4xx in Chinese rather than a 500, and the
// audit chain verifies whatever text an event carries.

import { SYSTEM_ACTOR } from '@libs/contracts';
import { appendAuditEvent } from '@libs/persistence';
import { syntheticApplication, syntheticIdNumber } from '../scripts/lib/synthetic-households';
import * as forms from './support/forms';
import { createVillage } from './support/places';
import { ApiClient, type ApiResponse, type Platform, startPlatform } from './support/platform';
import { signInNewUser } from './support/users';

const CHINESE = /[\u4e00-\u9fff]/;

let platform: Platform;
let village: string;
let caseworker: ApiClient;
let county: ApiClient;

beforeAll(async () => {
  platform = await startPlatform();
  village = await createVillage(platform.dataSource);
  caseworker = await signInNewUser(platform, 'caseworker', village);
  county = await ApiClient.login(platform.baseUrl, 'co_county');
});

afterAll(async () => {
  await platform?.stop();
});

/** A new case at its home survey: the task's id and a valid approval of it. */
async function newSurvey(body = syntheticApplication(village)) {
  const created = await caseworker.post('/cases', body);
  expect(created.status).toBe(201);
  return {
    caseId: created.body.id as string,
    taskId: `${created.body.id}:homeSurvey:1`,
    approval: { decision: 'approve', form: forms.homeSurvey(body.members) },
  };
}

/** 部门预警: a department's referral of a household of this spec's village with a large expense. */
function referral(detail: string) {
  const { villageId, address, members } = syntheticApplication(village);
  return { villageId, address, members, category: 'largeExpense', detail };
}

async function taskStatus(taskId: string): Promise<string> {
  const [task] = await platform.dataSource.query('SELECT status FROM tasks WHERE id = $1', [taskId]);
  return task.status;
}

/** A refusal with a Chinese message naming exactly `field`. */
function expectFieldRefused(response: ApiResponse, field: string): void {
  expect(response.status).toBe(400);
  expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(CHINESE) });
  expect(response.body.errors).toEqual([{ field, message: expect.stringMatching(CHINESE) }]);
}

/** A raw request, for bodies and headers the JSON client would not send. */
async function raw(
  method: string,
  path: string,
  init: { body?: string; contentType?: string; token?: string } = {},
): Promise<ApiResponse> {
  const response = await fetch(`${platform.baseUrl}${path}`, {
    method,
    headers: {
      ...(init.contentType ? { 'content-type': init.contentType } : {}),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    body: init.body,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function tokenOf(username: string): Promise<string> {
  const login = await ApiClient.anonymous(platform.baseUrl).post('/auth/login', {
    username,
    password: 'Demo@2026',
  });
  return login.body.accessToken;
}

describe('text that cannot be stored', () => {
  it('refuses a NUL in a decision reason with a 400 naming reason, and the task stays decidable', async () => {
    const { taskId, approval } = await newSurvey();
    const refused = await caseworker.post(`/tasks/${taskId}/complete`, {
      ...approval,
      reason: 'ok\u0000bad',
    });
    expectFieldRefused(refused, 'reason');
    expect(refused.body.errors[0].message).toContain('U+0000');
    expect(await taskStatus(taskId)).toBe('open');

    const decided = await caseworker.post(`/tasks/${taskId}/complete`, { ...approval, reason: '核实无误' });
    expect(decided.status).toBe(200);
    expect(await taskStatus(taskId)).toBe('completed');
  });

  it('refuses a lone surrogate in a reason and inside a form, naming the field', async () => {
    const { taskId, approval } = await newSurvey();
    expectFieldRefused(
      await caseworker.post(`/tasks/${taskId}/complete`, { ...approval, reason: 'x\ud800y' }),
      'reason',
    );
    const form = { ...approval.form, notes: '入户\udc00核实' };
    expectFieldRefused(
      await caseworker.post(`/tasks/${taskId}/complete`, { ...approval, form }),
      'form.notes',
    );
    expect(await taskStatus(taskId)).toBe('open');
    expect((await caseworker.post(`/tasks/${taskId}/complete`, approval)).status).toBe(200);
  });

  it('refuses control characters and direction overrides anywhere in a body, by their path', async () => {
    const application = syntheticApplication(village);
    application.members[1].name = '刘\u202E兰';
    expectFieldRefused(await caseworker.post('/cases', application), 'members[1].name');
    expectFieldRefused(
      await caseworker.post('/cases', { ...syntheticApplication(village), address: '东里\u001B镇' }),
      'address',
    );
  });

  it('refuses NUL in a query string and in the login username', async () => {
    expectFieldRefused(await county.get('/tasks?villageId=%00'), 'villageId');
    expectFieldRefused(
      await ApiClient.anonymous(platform.baseUrl).post('/auth/login', {
        username: 'admin\u0000',
        password: 'x',
      }),
      'username',
    );
  });
});

describe('malformed requests', () => {
  it('answers a body declared as latin1 with 415', async () => {
    const response = await raw('POST', '/auth/login', {
      body: JSON.stringify({ username: 'admin', password: 'x' }),
      contentType: 'application/json; charset=latin1',
    });
    expect(response.status).toBe(415);
    expect(response.body.message).toMatch(CHINESE);
  });

  it('answers 5,000 nested arrays with 400', async () => {
    const { taskId } = await newSurvey();
    const body = `{"decision":"approve","form":{"notes":${'['.repeat(5000)}${']'.repeat(5000)}}}`;
    const response = await raw('POST', `/tasks/${taskId}/complete`, {
      body,
      contentType: 'application/json',
      token: await tokenOf('co_county'),
    });
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(/嵌套层级过深/);
    expect(await taskStatus(taskId)).toBe('open');
  });

  it('answers a body over 100 KiB with 413, and still takes an upload larger than that', async () => {
    const response = await county.post('/cases/referrals', referral('大'.repeat(60_000)));
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      message: expect.stringMatching(CHINESE),
    });

    const { caseId } = await newSurvey();
    const form = new FormData();
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(150 * 1024)]);
    form.append('file', new Blob([png], { type: 'image/png' }), '房屋.png');
    const upload = await caseworker.postForm(`/cases/${caseId}/attachments`, form);
    expect(upload.status).toBe(201);
  });

  it('answers an amount in exponent notation on a referral with 400 naming it', async () => {
    const body = referral('住院自付 8.6 万元');
    body.members[0].annualIncome = 1e-308;
    const response = await county.post('/cases/referrals', body);
    expectFieldRefused(response, 'members[0].annualIncome');
  });

  it('answers a claim version beyond a PostgreSQL integer, and a null form, with 400 naming them', async () => {
    const { taskId, approval } = await newSurvey();
    expectFieldRefused(
      await caseworker.post(`/tasks/${taskId}/claim`, '{"version":9007199254740993}'),
      'version',
    );
    expectFieldRefused(
      await caseworker.post(`/tasks/${taskId}/complete`, { decision: approval.decision, form: null }),
      'form',
    );
    expect(await taskStatus(taskId)).toBe('open');
  });

  it('answers NUL in a path id with 400 and an unknown id with 400 or 404, on every route with an id', async () => {
    const supervisor = await ApiClient.login(platform.baseUrl, 'sup_county');
    const admin = await ApiClient.login(platform.baseUrl, 'admin');
    const reason = { reason: '理由说明' };
    const routes: [ApiClient, string, string, unknown?][] = [
      [county, 'GET', '/tasks/:id'],
      [county, 'POST', '/tasks/:id/claim', {}],
      [county, 'POST', '/tasks/:id/unclaim', {}],
      [supervisor, 'POST', '/tasks/:id/assign', { userId: '00000000-0000-4000-8000-000000000000' }],
      [county, 'POST', '/tasks/:id/delegate', { userId: '00000000-0000-4000-8000-000000000000' }],
      [county, 'POST', '/tasks/:id/complete', { decision: 'approve' }],
      [county, 'GET', '/tasks/:id/notice-sheet'],
      [county, 'GET', '/cases/:id'],
      [county, 'GET', '/cases/:id/history'],
      [county, 'POST', '/cases/:id/withdraw', reason],
      [county, 'POST', '/cases/:id/relapse', reason],
      [county, 'POST', '/cases/:id/objections', { objector: '村民', content: '情况不实' }],
      [county, 'GET', '/cases/:id/attachments'],
      [county, 'GET', '/cases/:id/attachments/:id'],
      [county, 'POST', '/notifications/:id/read'],
      [supervisor, 'POST', '/supervision/cases/:id/mark-urgent', reason],
      [supervisor, 'POST', '/supervision/tasks/:id/escalate-now', reason],
      [supervisor, 'GET', '/supervision/tasks/:id/assignees'],
      [admin, 'GET', '/admin/users/:id'],
      [admin, 'PATCH', '/admin/users/:id', { displayName: '张三' }],
      [admin, 'POST', '/admin/users/:id/password', { password: 'Changxiao2026' }],
      [admin, 'GET', '/admin/jurisdictions/:id'],
      [admin, 'PATCH', '/admin/jurisdictions/:id', { name: '张庄' }],
      [admin, 'GET', '/admin/policies/:id'],
      [admin, 'GET', '/admin/holiday-calendars/:id'],
      [county, 'DELETE', '/me/relatives/:id'],
      [county, 'GET', '/ledgers/:id'],
      [
        county,
        'POST',
        '/ledgers/identification/entries/:id/corrections',
        { summary: '更正后的登记内容', reason: '理由说明' },
      ],
    ];
    for (const [client, method, route, body] of routes) {
      const withNul = await client.request<{ message: string }>(
        method,
        route.replace(/:id/g, 'abc%00def'),
        body,
      );
      expect({ route, status: withNul.status }).toEqual({ route, status: 400 });
      expect(withNul.body.message).toMatch(CHINESE);
      const unknown = await client.request<{ message: string }>(method, route.replace(/:id/g, 'abc'), body);
      expect({ route, status: [400, 404].includes(unknown.status) }).toEqual({ route, status: true });
      expect(unknown.body.message).toMatch(CHINESE);
    }
  });
});

describe('the audit search', () => {
  it('answers hostile filters of the search and its export with a 400 naming the filter, never a 500', async () => {
    const inspector = await ApiClient.login(platform.baseUrl, 'inspector');
    const idNumber = syntheticIdNumber(1960);
    const hostile: [string, string][] = [
      ['idNumber', '%00'],
      ['idNumber', `${idNumber.slice(0, 17)}${idNumber.endsWith('0') ? '1' : '0'}`],
      ['idNumber', encodeURIComponent(`${idNumber}' OR '1'='1`)],
      ['householdId', encodeURIComponent("' OR 1=1--")],
      ['householdId', 'a'.repeat(5000)],
      ['caseId', '%E2%80%AE'],
      ['jurisdictionId', encodeURIComponent('370323%')],
      ['action', encodeURIComponent('case.created;DROP TABLE audit_events')],
      ['actor', 'a%00b'],
      ['actor', 'x'.repeat(65)],
      ['from', '2026-13-01'],
    ];
    for (const route of ['/audit/events', '/audit/events/export']) {
      for (const [field, value] of hostile) {
        const response = await inspector.get(`${route}?${field}=${value}`);
        expect({ route, field, value: value.slice(0, 40), status: response.status }).toEqual({
          route,
          field,
          value: value.slice(0, 40),
          status: 400,
        });
        expect(response.body.message).toMatch(CHINESE);
        expect(JSON.stringify(response.body.errors)).toContain(field);
      }
    }
    expectFieldRefused(await inspector.get('/audit/events/export?format=xlsx%00'), 'format');
  });
});

describe('ID numbers', () => {
  it('accepts a lower-case x as the check character and stores it as X', async () => {
    let idNumber = syntheticIdNumber(1960);
    while (!idNumber.endsWith('X')) idNumber = syntheticIdNumber(1960);
    const application = syntheticApplication(village);
    application.members[0].idNumber = idNumber.toLowerCase();
    const created = await caseworker.post('/cases', application);
    expect(created.status).toBe(201);
    const stored = await platform.dataSource.query(
      `SELECT m.id_number FROM household_members m JOIN cases c ON c.household_id = m.household_id
       WHERE c.id = $1 AND m.relation = 'head'`,
      [created.body.id],
    );
    expect(stored).toEqual([{ id_number: idNumber }]);
  });
});

describe('the audit chain', () => {
  it('verifies after events whose text PostgreSQL stores differently (lone surrogates, NUL)', async () => {
    // Text that reaches an activity other than through the API (a department's workbook or endpoint).
    const eventKey = `hostile-${Date.now()}`;
    await platform.dataSource.transaction((manager) =>
      appendAuditEvent(manager, {
        eventKey,
        actor: SYSTEM_ACTOR,
        action: 'dataCheck.answered',
        entityType: 'task',
        entityId: 'x\ud800',
        reason: '部门\u0000反馈\udc00',
        after: { hits: [{ detail: '名下\ud83d房产', ['k\u0000']: 1 }] },
      }),
    );
    const [row] = await platform.dataSource.query(
      'SELECT entity_id, reason, after FROM audit_events WHERE event_key = $1',
      [eventKey],
    );
    expect(row).toEqual({
      entity_id: 'x\ufffd',
      reason: '部门\ufffd反馈\ufffd',
      after: { hits: [{ detail: '名下\ufffd房产', ['k\ufffd']: 1 }] },
    });

    const inspector = await ApiClient.login(platform.baseUrl, 'inspector');
    const report = await inspector.get('/audit/verify');
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ ok: true });
  });
});
