// The OpenAPI document the web UI's client is generated from: the committed copy
// (apps/web/src/api/openapi.json, written by `npm run openapi`) is what the API serves, every operation says
// what it answers, and answers hold what the document promises.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_PASSWORD } from '../scripts/lib/demo-county';
import { syntheticApplication } from '../scripts/lib/synthetic-households';
import { createCounty } from './support/county';
import * as forms from './support/forms';
import { ApiClient, type ApiResponse, type Platform, startPlatform } from './support/platform';
import { createUser } from './support/users';

const COMMITTED_FILE = join(__dirname, '..', 'apps', 'web', 'src', 'api', 'openapi.json');
const STALE_MESSAGE =
  'The API serves a different OpenAPI document than apps/web/src/api/openapi.json: run `npm run openapi` ' +
  'and commit openapi.json and schema.d.ts with the change.';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = { [key: string]: any };

/** Where two JSON values differ, as JSON pointers with both sides, at most `limit` of them. */
function differences(served: Json, committed: Json, limit = 10, at = ''): string[] {
  if (Object.is(served, committed)) return [];
  const bothObjects =
    typeof served === 'object' && served !== null && typeof committed === 'object' && committed !== null;
  if (!bothObjects || Array.isArray(served) !== Array.isArray(committed)) {
    const show = (value: Json) => (value === undefined ? '(absent)' : JSON.stringify(value).slice(0, 120));
    return [`${at || '/'}: served ${show(served)}, committed ${show(committed)}`];
  }
  const a = served as Record<string, Json>;
  const b = committed as Record<string, Json>;
  const found: string[] = [];
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (found.length >= limit) break;
    const pointer = `${at}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
    found.push(...differences(a[key], b[key], limit - found.length, pointer));
  }
  return found;
}

/**
 * What in `value` the schema does not allow: a missing required property, one the schema does not name, a
 * value of another type or outside its enum. Enough of JSON Schema for the documents Nest writes.
 */
function violations(document: Schema, schema: Schema, value: unknown, at = 'body'): string[] {
  if (schema.$ref) {
    const name = String(schema.$ref).replace('#/components/schemas/', '');
    return violations(
      document,
      { ...document.components.schemas[name], nullable: schema.nullable },
      value,
      at,
    );
  }
  if (schema.allOf) {
    const { allOf, ...rest } = schema;
    return [
      ...(allOf as Schema[]).flatMap((part) =>
        violations(document, { ...part, nullable: schema.nullable }, value, at),
      ),
      ...(Object.keys(rest).some((key) => key !== 'nullable' && key !== 'description' && key !== 'type')
        ? violations(document, rest, value, at)
        : []),
    ];
  }
  if (value === null) return schema.nullable ? [] : [`${at} is null`];
  if (schema.enum && !schema.enum.includes(value)) return [`${at} ${JSON.stringify(value)} not in enum`];
  switch (schema.type) {
    case 'string':
      return typeof value === 'string' ? [] : [`${at} should be a string`];
    case 'number':
      return typeof value === 'number' ? [] : [`${at} should be a number`];
    case 'integer':
      return Number.isInteger(value) ? [] : [`${at} should be an integer`];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${at} should be a boolean`];
    case 'array':
      return Array.isArray(value)
        ? value.flatMap((item, index) => violations(document, schema.items ?? {}, item, `${at}[${index}]`))
        : [`${at} should be an array`];
  }
  if (schema.type === 'object' || schema.properties) {
    if (typeof value !== 'object' || Array.isArray(value)) return [`${at} should be an object`];
    const properties: Record<string, Schema> = schema.properties ?? {};
    const body = value as Record<string, unknown>;
    return [
      ...((schema.required ?? []) as string[])
        .filter((key) => !(key in body))
        .map((key) => `${at}.${key} is required but absent`),
      ...Object.entries(body).flatMap(([key, inner]) =>
        key in properties
          ? violations(document, properties[key], inner, `${at}.${key}`)
          : schema.additionalProperties
            ? []
            : [`${at}.${key} is not in the document`],
      ),
    ];
  }
  return [];
}

describe('OpenAPI document', () => {
  let platform: Platform;
  let served: Schema;

  /** What in a response the served document does not promise for that operation and status. */
  function undocumented(method: string, path: string, response: ApiResponse): string[] {
    const [route] = path.split('?');
    const template = Object.keys(served.paths).find((candidate) =>
      new RegExp(`^${candidate.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(route),
    );
    const operation = template && served.paths[template][method.toLowerCase()];
    if (!operation) return [`${method} ${route} is not in the document`];
    const documented = operation.responses[String(response.status)];
    if (!documented) {
      return [
        `${method} ${route} answered ${response.status}: ${JSON.stringify(response.body).slice(0, 300)}`,
      ];
    }
    const schema = documented.content?.['application/json']?.schema;
    return schema ? violations(served, schema, response.body, `${method} ${route}`) : [];
  }

  beforeAll(async () => {
    platform = await startPlatform();
    const response = await fetch(`${platform.baseUrl}/docs-json`);
    expect(response.status).toBe(200);
    served = (await response.json()) as Schema;
  });

  afterAll(async () => {
    await platform?.stop();
  });

  it('served by the API is the committed apps/web/src/api/openapi.json', () => {
    const committed = JSON.parse(readFileSync(COMMITTED_FILE, 'utf8'));
    const found = differences(served, committed);
    if (found.length > 0) throw new Error(`${STALE_MESSAGE}\nFirst differences:\n${found.join('\n')}`);
  });

  it('says for every operation what a success answers: a body with its schema, or 204 and none', () => {
    const undescribed: string[] = [];
    for (const [path, operations] of Object.entries<Schema>(served.paths)) {
      for (const [method, operation] of Object.entries<Schema>(operations)) {
        const successes = Object.entries<Schema>(operation.responses ?? {}).filter(([status]) =>
          /^2\d\d$/.test(status),
        );
        const described = successes.some(
          ([status, response]) =>
            status === '204' ||
            Object.values<Schema>(response.content ?? {}).some((content) => content.schema !== undefined),
        );
        if (!described) undescribed.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(undescribed).toEqual([]);
  });

  it('describes the sign-in and /auth/me answers as they are, with the jurisdiction and role names', async () => {
    const county = await createCounty(platform.dataSource, platform.baseUrl);
    const { username } = await createUser(platform.dataSource, 'caseworker', county.villageId);
    const login = await ApiClient.anonymous(platform.baseUrl).post('/auth/login', {
      username,
      password: DEMO_PASSWORD,
    });
    expect(login.status).toBe(200);
    expect(login.body.user).toEqual(
      expect.objectContaining({ jurisdictionName: '测试村', roleLabel: '村工作专员' }),
    );
    const schemaOf = (path: string, method: string) =>
      served.paths[path][method].responses['200'].content['application/json'].schema;
    expect(violations(served, schemaOf('/auth/login', 'post'), login.body)).toEqual([]);

    const me = await ApiClient.withToken(platform.baseUrl, login.body.accessToken).get('/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toEqual(
      expect.objectContaining({
        username,
        jurisdictionId: county.villageId,
        jurisdictionName: '测试村',
        role: 'caseworker',
        roleLabel: '村工作专员',
      }),
    );
    expect(violations(served, schemaOf('/auth/me', 'get'), me.body)).toEqual([]);
  });

  it('describes what the routes answer: each body holds what its schema promises, nothing missing or extra', async () => {
    const county = await createCounty(platform.dataSource, platform.baseUrl);
    const problems: string[] = [];
    const check = async (client: ApiClient, method: string, path: string, body?: unknown) => {
      const response = await client.request<any>(method, path, body);
      problems.push(...undocumented(method, path, response));
      return response;
    };

    const application = syntheticApplication(county.villageId);
    const created = await check(county.caseworker, 'POST', '/cases', application);
    const caseId = created.body.id as string;
    await check(county.caseworker, 'GET', `/cases/${caseId}/attachments`);
    await check(county.caseworker, 'GET', `/cases/${caseId}`);
    await check(county.caseworker, 'GET', `/cases/${caseId}/history`);
    await check(
      county.caseworker,
      'GET',
      `/cases/${caseId}/personal-data?fields=idNumber,phone,income,health&reason=${encodeURIComponent('核对接口文档')}`,
    );
    const inbox = await check(county.caseworker, 'GET', '/tasks?kind=homeSurvey');
    const taskId = encodeURIComponent(inbox.body.items[0].id);
    await check(county.caseworker, 'GET', '/tasks/counts');
    await check(county.caseworker, 'GET', `/tasks/${taskId}`);
    await check(county.caseworker, 'POST', `/tasks/${taskId}/claim`, {});
    await check(county.caseworker, 'POST', '/tasks/bulk-claim', { taskIds: [decodeURIComponent(taskId)] });
    await check(county.caseworker, 'POST', `/tasks/${taskId}/unclaim`, {});
    await check(county.caseworker, 'POST', `/tasks/${taskId}/complete`, {
      decision: 'approve',
      form: forms.homeSurvey(application.members),
    });
    const decided = await check(county.caseworker, 'GET', `/cases/${caseId}`);
    const next = decided.body.tasks.find((task: { status: string }) => task.status === 'open');
    await check(county.supervisor, 'POST', `/supervision/tasks/${encodeURIComponent(next.id)}/escalate-now`, {
      reason: '核对接口文档',
    });
    await check(county.supervisor, 'GET', `/supervision/tasks/${encodeURIComponent(next.id)}/assignees`);

    const other = await check(county.caseworker, 'POST', '/cases', syntheticApplication(county.villageId));
    await check(county.caseworker, 'POST', `/cases/${other.body.id}/withdraw`, {
      reason: '申请人本人申请撤回',
    });
    const notifications = await check(county.caseworker, 'GET', '/notifications');
    if (notifications.body.items.length > 0) {
      await check(county.caseworker, 'POST', `/notifications/${notifications.body.items[0].id}/read`);
    }
    await check(county.caseworker, 'GET', '/notifications/unread-count');
    await check(county.caseworker, 'POST', '/notifications/read-all');
    const relative = syntheticApplication().members[0].idNumber;
    await check(county.caseworker, 'POST', '/me/relatives', {
      idNumber: relative,
      name: '王某',
      relation: 'sibling',
    });
    await check(county.caseworker, 'GET', '/me/relatives');
    await check(county.caseworker, 'DELETE', `/me/relatives/${relative}`, { reason: '申报有误，撤回' });

    await check(county.supervisor, 'GET', '/supervision/summary');
    await check(county.supervisor, 'GET', '/supervision/breaches');
    await check(county.supervisor, 'GET', '/supervision/trend');
    await check(county.supervisor, 'GET', '/incidents');
    await check(county.supervisor, 'POST', `/supervision/cases/${caseId}/mark-urgent`, {
      reason: '核对接口文档',
    });
    await check(county.inspector, 'GET', `/audit/events?caseId=${caseId}`);
    await check(county.inspector, 'GET', '/inspection/overrides');
    await check(county.inspector, 'GET', '/ledgers/identification');
    await check(county.inspector, 'GET', '/audit/verify');
    await check(county.admin, 'GET', '/admin/jurisdictions');
    await check(county.admin, 'GET', `/admin/jurisdictions/${county.villageId}`);
    await check(county.admin, 'GET', '/admin/users');
    const village = `${county.townshipId}202`;
    await check(county.admin, 'POST', '/admin/jurisdictions', {
      id: village,
      name: '新设村',
      level: 'village',
      parentId: county.townshipId,
    });
    await check(county.admin, 'PATCH', `/admin/jurisdictions/${village}`, { name: '新设村（更名）' });
    const user = await check(county.admin, 'POST', '/admin/users', {
      username: `cw_${village}`,
      displayName: '新设村工作专员',
      password: 'Openapi-check-2026',
      role: 'caseworker',
      jurisdictionId: village,
    });
    await check(county.admin, 'GET', `/admin/users/${user.body.id}`);
    await check(county.admin, 'PATCH', `/admin/users/${user.body.id}`, { displayName: '新设村专员' });
    await check(county.admin, 'POST', `/admin/users/${user.body.id}/unlock`);
    await check(county.admin, 'POST', `/admin/users/${user.body.id}/password`, {
      password: 'Openapi-reset-2026',
    });
    const policy = await check(county.admin, 'GET', `/admin/policies/${county.countyId}`);
    await check(county.admin, 'PUT', `/admin/policies/${county.countyId}`, policy.body.policy);
    await check(county.admin, 'GET', '/admin/poverty-lines');
    await check(county.admin, 'PUT', '/admin/poverty-lines', {
      jurisdictionId: county.countyId,
      year: 2020,
      area: 'urban',
      basis: 'median',
      baseIncome: 30000,
      ratio: 0.4,
      reason: '核对接口文档',
    });
    await check(county.admin, 'POST', '/admin/poverty-lines/reevaluate', {
      jurisdictionId: county.countyId,
      reason: '核对接口文档',
    });
    await check(county.admin, 'GET', '/admin/holiday-calendars');
    await check(ApiClient.anonymous(platform.baseUrl), 'GET', '/health');
    expect(problems).toEqual([]);
  });
});
