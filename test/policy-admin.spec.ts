// The county's lifecycle policy and the 相对贫困线 poverty lines, administered through the API: defaults,
// validation with field names, scope, audit, the computed line, and re-evaluating open cases.
// Policies are changed only on a county this spec creates; poverty lines only on its own villages, in a
// year of their own, so the demo county and other specs are unaffected.

import { randomInt } from 'node:crypto';
import { createApi } from '@api/create-api';
import { DEFAULT_LIFECYCLE_POLICY } from '@libs/domain';
import { loadLifecyclePolicy, loadPovertyLineRules } from '@libs/persistence';
import { syntheticApplication } from '../scripts/lib/synthetic-households';
import { createVillage } from './support/places';
import { ApiClient, type Platform, startPlatform, testLogger } from './support/platform';
import { createUser } from './support/users';

const DEMO_COUNTY = '370323';
const YEAR = 2090 + randomInt(0, 10);

let platform: Platform;
let county: string;
let township: string;
let admin: ApiClient;
let countyAdmin: ApiClient;
let countyOfficer: ApiClient;
let townshipAdmin: ApiClient;

const VALID_POLICY = {
  publicNotice: 'P10D',
  reviewInterval: 'P3M',
  supportLimit: 'P1Y',
  observation: 'P6M',
  minimumLivingStandard: 7200,
  dataCheckDepartments: [
    { department: 'housing', connector: 'http', endpoint: 'https://zjj.example.gov.cn/data-check' },
    { department: 'civilAffairs', connector: 'inbox' },
  ],
};

const put = (client: ApiClient, path: string, body: unknown) => client.request<any>('PUT', path, body);

async function audits(
  entityId: string,
): Promise<{ action: string; before: any; after: any; reason: string }[]> {
  return platform.dataSource.query(
    'SELECT action, before, after, reason FROM audit_events WHERE entity_id = $1 ORDER BY id',
    [entityId],
  );
}

async function login(role: 'admin' | 'countyOfficer' | 'caseworker', jurisdictionId: string) {
  return ApiClient.login(
    platform.baseUrl,
    (await createUser(platform.dataSource, role, jurisdictionId)).username,
  );
}

/** A village of its own under 东里镇 with `count` open cases; answers the village and the cases' workflow ids. */
async function villageWithCases(count: number): Promise<{ village: string; workflowIds: string[] }> {
  const village = await createVillage(platform.dataSource);
  const caseworker = await login('caseworker', village);
  const workflowIds: string[] = [];
  for (let i = 0; i < count; i++) {
    const created = await caseworker.post('/cases', syntheticApplication(village));
    expect(created.status).toBe(201);
    const [row] = await platform.dataSource.query('SELECT workflow_id FROM cases WHERE id = $1', [
      created.body.id,
    ]);
    workflowIds.push(row.workflow_id);
  }
  return { village, workflowIds };
}

beforeAll(async () => {
  platform = await startPlatform();
  // A county of this spec's own (not under 沂源县), with one township.
  county = `99${randomInt(100_000, 1_000_000)}`;
  township = `${county}001`;
  await platform.dataSource.query(
    `INSERT INTO jurisdictions (id, name, level, parent_id, path) VALUES
       ($1::varchar, '测试县', 'county', NULL, $1::varchar),
       ($2::varchar, '测试镇', 'township', $1::varchar, $1::varchar || '.' || $2::varchar)`,
    [county, township],
  );
  admin = await ApiClient.login(platform.baseUrl, 'admin');
  countyAdmin = await login('admin', county);
  countyOfficer = await login('countyOfficer', county);
  townshipAdmin = await login('admin', township);
});

afterAll(async () => {
  await platform?.stop();
});

describe('county lifecycle policy', () => {
  it('answers the defaults for a county that has set nothing', async () => {
    const response = await countyAdmin.get(`/admin/policies/${county}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      countyId: county,
      countyName: '测试县',
      isDefault: true,
      policy: DEFAULT_LIFECYCLE_POLICY,
      updatedBy: null,
    });
  });

  it('stores a valid policy, audits it before/after, and answers it to those who work in the county', async () => {
    const saved = await put(countyAdmin, `/admin/policies/${county}`, VALID_POLICY);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ countyId: county, isDefault: false, policy: VALID_POLICY });
    expect(saved.body.updatedBy.displayName).toMatch(/^测试用户/);

    for (const client of [countyOfficer, townshipAdmin]) {
      const read = await client.get(`/admin/policies/${county}`);
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ isDefault: false, policy: VALID_POLICY });
    }
    // Stored whole: the task deadlines the admin left out are the defaults.
    const stored = {
      ...VALID_POLICY,
      taskSlaWorkingDays: DEFAULT_LIFECYCLE_POLICY.taskSlaWorkingDays,
      urgentTaskSlaHours: DEFAULT_LIFECYCLE_POLICY.urgentTaskSlaHours,
    };
    expect(await loadLifecyclePolicy(platform.dataSource, county)).toEqual(stored);
    expect(await audits(county)).toEqual([
      { action: 'lifecyclePolicy.updated', before: null, after: stored, reason: null },
    ]);

    // The same policy again changes and audits nothing; a change records what it replaced.
    expect((await put(countyAdmin, `/admin/policies/${county}`, VALID_POLICY)).status).toBe(200);
    expect(await audits(county)).toHaveLength(1);
    const longerNotice = { ...VALID_POLICY, publicNotice: 'P14D' };
    const reason = '县民政局通知：公示期延长至 14 天';
    const longer = await put(countyAdmin, `/admin/policies/${county}`, {
      ...longerNotice,
      reason: ` ${reason} `,
    });
    expect(longer.body.policy.publicNotice).toBe('P14D');
    expect(longer.body.policy).not.toHaveProperty('reason');
    expect((await audits(county))[1]).toMatchObject({ before: stored, after: longerNotice, reason });
    expect((await audits(county))[1].after).not.toHaveProperty('reason');
    const quickSurvey = await put(countyAdmin, `/admin/policies/${county}`, {
      ...VALID_POLICY,
      taskSlaWorkingDays: { homeSurvey: 3 },
    });
    expect(quickSurvey.body.policy.taskSlaWorkingDays).toMatchObject({
      homeSurvey: 3,
      democraticAppraisal: 7,
    });
    expect((await put(countyAdmin, `/admin/policies/${county}`, VALID_POLICY)).status).toBe(200);
  });

  it.each([
    ['a duration that is not ISO 8601', { publicNotice: '7 days' }, 'publicNotice'],
    ['a zero duration', { observation: 'P0D' }, 'observation'],
    [
      'a task deadline of no working days',
      { taskSlaWorkingDays: { homeSurvey: 0 } },
      'taskSlaWorkingDays.homeSurvey',
    ],
    [
      'a deadline for an unknown kind of task',
      { urgentTaskSlaHours: { survey: 24 } },
      'urgentTaskSlaHours.survey',
    ],
    ['a living standard that is not positive', { minimumLivingStandard: 0 }, 'minimumLivingStandard'],
    [
      'an http connector without its endpoint',
      { dataCheckDepartments: [{ department: 'housing', connector: 'http' }] },
      'dataCheckDepartments[0].endpoint',
    ],
    [
      'an endpoint that is not http(s)',
      { dataCheckDepartments: [{ department: 'housing', connector: 'http', endpoint: 'ftp://zjj/check' }] },
      'dataCheckDepartments[0].endpoint',
    ],
    [
      'an unknown department',
      { dataCheckDepartments: [{ department: 'police', connector: 'inbox' }] },
      'dataCheckDepartments[0].department',
    ],
    [
      'a department listed twice',
      {
        dataCheckDepartments: [
          { department: 'housing', connector: 'inbox' },
          { department: 'housing', connector: 'excel' },
        ],
      },
      'dataCheckDepartments[1].department',
    ],
    ['an extra field', { autoApprove: true }, 'autoApprove'],
    ['a reason of 201 characters', { publicNotice: 'P20D', reason: '理'.repeat(201) }, 'reason'],
    ['a reason with a NUL', { publicNotice: 'P20D', reason: '公示期\u0000延长' }, 'reason'],
    ['a reason with a control character', { publicNotice: 'P20D', reason: '公示期\u0007延长' }, 'reason'],
    [
      'an extra field in a department',
      { dataCheckDepartments: [{ department: 'housing', connector: 'inbox', token: 'x' }] },
      'dataCheckDepartments[0].token',
    ],
  ])('refuses %s, naming the field in Chinese', async (_what, change, field) => {
    const before = (await countyAdmin.get(`/admin/policies/${county}`)).body.policy;
    const response = await put(countyAdmin, `/admin/policies/${county}`, { ...VALID_POLICY, ...change });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual(
      expect.arrayContaining([{ field, message: expect.stringMatching(/[\u4e00-\u9fff]/) }]),
    );
    expect(response.body.message).toMatch(/[\u4e00-\u9fff]/);
    expect((await countyAdmin.get(`/admin/policies/${county}`)).body.policy).toEqual(before);
  });

  it("keeps other counties' people out and lets only the county's own admins change it", async () => {
    // Another county's admin and officer: as if the county did not exist.
    expect((await put(admin, `/admin/policies/${county}`, VALID_POLICY)).status).toBe(404);
    expect((await countyAdmin.get(`/admin/policies/${DEMO_COUNTY}`)).status).toBe(404);
    const demoOfficer = await ApiClient.login(platform.baseUrl, 'co_county');
    expect((await demoOfficer.get(`/admin/policies/${county}`)).status).toBe(404);
    // A township's admin reads the county's policy but does not set it.
    expect((await put(townshipAdmin, `/admin/policies/${county}`, VALID_POLICY)).status).toBe(403);
    // Policies are set per county.
    const onTownship = await put(countyAdmin, `/admin/policies/${township}`, VALID_POLICY);
    expect(onTownship.status).toBe(400);
    expect(onTownship.body.errors).toEqual([{ field: 'countyId', message: expect.any(String) }]);
    // Only admins write; an officer, a supervisor and an inspector of the demo county read.
    expect((await put(countyOfficer, `/admin/policies/${county}`, VALID_POLICY)).status).toBe(403);
    for (const username of ['sup_dongli', 'inspector', 'co_county']) {
      const reader = await ApiClient.login(platform.baseUrl, username);
      expect([username, (await reader.get(`/admin/policies/${DEMO_COUNTY}`)).status]).toEqual([
        username,
        200,
      ]);
    }
    const caseworker = await ApiClient.login(platform.baseUrl, 'cw_dongli_east');
    expect((await caseworker.get(`/admin/policies/${DEMO_COUNTY}`)).status).toBe(403);
  });
});

describe('department endpoints', () => {
  const SECRET = 'zjj-shared-secret-0123456789abcdef0123456789';
  const http = (endpoint: string, secret?: string) => ({
    ...VALID_POLICY,
    dataCheckDepartments: [
      { department: 'housing', connector: 'http', endpoint, ...(secret ? { secret } : {}) },
      { department: 'civilAffairs', connector: 'inbox' },
    ],
  });
  let own: string; // a county of this describe's own
  let ownAdmin: ApiClient;

  beforeAll(async () => {
    own = `98${randomInt(100_000, 1_000_000)}`;
    await platform.dataSource.query(
      `INSERT INTO jurisdictions (id, name, level, parent_id, path) VALUES ($1::varchar, '接口县', 'county', NULL, $1::varchar)`,
      [own],
    );
    ownAdmin = await login('admin', own);
  });

  it('keeps a signing secret apart from the policy: never answered, kept when not given, dropped with http', async () => {
    const saved = await put(
      ownAdmin,
      `/admin/policies/${own}`,
      http('https://zjj.example.gov.cn/check', SECRET),
    );
    expect(saved.status).toBe(200);
    expect(saved.body.endpointSecrets).toEqual([{ department: 'housing', updatedAt: expect.any(String) }]);
    const read = await ownAdmin.get(`/admin/policies/${own}`);
    expect(JSON.stringify(read.body)).not.toContain(SECRET);
    expect(JSON.stringify(await loadLifecyclePolicy(platform.dataSource, own))).not.toContain(SECRET);
    // What GET answered, PUT back (a notice changed): the secret stays.
    const again = await put(ownAdmin, `/admin/policies/${own}`, { ...read.body.policy, publicNotice: 'P9D' });
    expect(again.body.endpointSecrets).toHaveLength(1);
    const [row] = await platform.dataSource.query(
      'SELECT secret FROM department_endpoint_secrets WHERE county_id = $1',
      [own],
    );
    expect(row.secret).toBe(SECRET);
    const inbox = { ...VALID_POLICY, dataCheckDepartments: [{ department: 'housing', connector: 'inbox' }] };
    expect((await put(ownAdmin, `/admin/policies/${own}`, inbox)).body.endpointSecrets).toEqual([]);
    const changes = (await audits(own)).filter((e) => e.action === 'departmentEndpoint.secretsChanged');
    expect(changes.map((e) => e.after)).toEqual([
      { set: ['housing'], removed: [] },
      { set: [], removed: ['housing'] },
    ]);
    expect(JSON.stringify(await audits(own))).not.toContain(SECRET);
  });

  it('refuses a secret for a department that is not on http, or one too short', async () => {
    const inboxWithSecret = {
      ...VALID_POLICY,
      dataCheckDepartments: [{ department: 'civilAffairs', connector: 'inbox', secret: SECRET }],
    };
    const refused = await put(ownAdmin, `/admin/policies/${own}`, inboxWithSecret);
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'dataCheckDepartments[0].secret',
    ]);
    const short = await put(
      ownAdmin,
      `/admin/policies/${own}`,
      http('https://zjj.example.gov.cn/check', 'short'),
    );
    expect(short.status).toBe(400);
  });

  it('in development and test accepts a loopback http endpoint (the specs’ test departments)', async () => {
    expect((await put(ownAdmin, `/admin/policies/${own}`, http('http://127.0.0.1:8080/check'))).status).toBe(
      200,
    );
  });

  describe('in production', () => {
    let production: Awaited<ReturnType<typeof createApi>>;
    let prodAdmin: ApiClient;

    beforeAll(async () => {
      production = await createApi({
        config: { ...platform.config, env: 'production' },
        jwtSecret: platform.config.jwt.secret!,
        dataSource: platform.dataSource,
        temporal: platform.temporal,
        logger: testLogger,
      });
      await production.listen(0, '127.0.0.1');
      const { port } = production.getHttpServer().address() as { port: number };
      const { username } = await createUser(platform.dataSource, 'admin', own);
      prodAdmin = await ApiClient.login(`http://127.0.0.1:${port}/api`, username);
    });

    afterAll(async () => {
      await production?.close();
    });

    it.each([
      ['plain http', 'http://zjj.example.gov.cn/check', 'https://'],
      ['loopback', 'https://127.0.0.1/check', '127.0.0.1'],
      ['loopback by name', 'https://localhost:8443/check', 'localhost'],
      ['a private network', 'https://10.1.2.3/check', '10.1.2.3'],
      ['a private network (172.16/12)', 'https://172.20.0.5/check', '172.20.0.5'],
      ['a home network', 'https://192.168.1.10/check', '192.168.1.10'],
      ['the metadata address', 'https://169.254.169.254/latest/meta-data', '169.254.169.254'],
      ['IPv6 loopback', 'https://[::1]/check', '::1'],
      ['an IPv6 unique-local address', 'https://[fd00::1]/check', 'fd00::1'],
    ])('refuses %s', async (_what, endpoint, shown) => {
      const refused = await put(prodAdmin, `/admin/policies/${own}`, http(endpoint, SECRET));
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([
        { field: 'dataCheckDepartments[0].endpoint', message: expect.stringContaining(shown) },
      ]);
    });

    it('needs a signing secret for an https endpoint, then takes it', async () => {
      const endpoint = 'https://zjj.example.gov.cn/check';
      const unsigned = await put(prodAdmin, `/admin/policies/${own}`, http(endpoint));
      expect(unsigned.status).toBe(400);
      expect(unsigned.body.errors).toEqual([
        { field: 'dataCheckDepartments[0].secret', message: expect.stringContaining('签名密钥') },
      ]);
      expect((await put(prodAdmin, `/admin/policies/${own}`, http(endpoint, SECRET))).status).toBe(200);
      // Stored now: the same entry without it is fine.
      expect((await put(prodAdmin, `/admin/policies/${own}`, http(endpoint))).status).toBe(200);
    });
  });
});

describe('poverty lines', () => {
  const rule = (jurisdictionId: string, change: Record<string, unknown> = {}) => ({
    jurisdictionId,
    year: YEAR,
    area: 'rural',
    basis: 'perCapitaDisposable',
    baseIncome: 19128,
    ratio: 0.33,
    reason: '按沂源县上年农村居民人均可支配收入的33%确定',
    ...change,
  });

  it('sets a line as base × ratio (19128 × 33% = 6312), audits it and counts the open cases it reaches', async () => {
    const { village } = await villageWithCases(1);
    const saved = await put(admin, '/admin/poverty-lines', rule(village));
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      jurisdictionId: village,
      year: YEAR,
      area: 'rural',
      basis: 'perCapitaDisposable',
      baseIncome: 19128,
      ratio: 0.33,
      line: 6312,
      changed: true,
      openCasesAffected: 1,
    });
    expect(saved.body.message).toContain('1 件在办案件');
    expect(saved.body.message).toContain('重新评估');
    const key = `${village}:${YEAR}:rural`;
    expect(await audits(key)).toEqual([
      {
        action: 'povertyLine.updated',
        before: null,
        after: { basis: 'perCapitaDisposable', baseIncome: 19128, ratio: 0.33, line: 6312 },
        reason: '按沂源县上年农村居民人均可支配收入的33%确定',
      },
    ]);
    expect(await loadPovertyLineRules(platform.dataSource, [DEMO_COUNTY, village])).toContainEqual({
      jurisdictionId: village,
      year: YEAR,
      area: 'rural',
      basis: 'perCapitaDisposable',
      baseIncome: 19128,
      ratio: 0.33,
    });

    // The same rule again changes nothing; a new ratio is audited with what it replaced.
    const again = await put(admin, '/admin/poverty-lines', rule(village));
    expect(again.body).toMatchObject({ changed: false, line: 6312 });
    expect(await audits(key)).toHaveLength(1);
    const forty = await put(
      admin,
      '/admin/poverty-lines',
      rule(village, { ratio: 0.4, reason: '按40%调整' }),
    );
    expect(forty.body).toMatchObject({ changed: true, line: 7651 });
    expect((await audits(key))[1]).toMatchObject({
      before: { line: 6312 },
      after: { ratio: 0.4, line: 7651 },
    });

    const listed = await admin.get(`/admin/poverty-lines?jurisdictionId=${village}&year=${YEAR}`);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({ jurisdictionId: village, area: 'rural', areaLabel: '农村', line: 7651 }),
    ]);
    // Another township's people do not see a village rule outside their subtree.
    const outside = await ApiClient.login(platform.baseUrl, 'tr_yuezhuang');
    expect((await outside.get(`/admin/poverty-lines?jurisdictionId=${village}`)).body.items).toEqual([]);
  });

  it('pages the rules in scope, newest year first', async () => {
    const village = await createVillage(platform.dataSource);
    for (const area of ['urban', 'rural']) {
      expect((await put(admin, '/admin/poverty-lines', rule(village, { area }))).status).toBe(200);
    }
    const first = await admin.get(`/admin/poverty-lines?jurisdictionId=${village}&limit=1`);
    expect(first.body.items.map((i: { area: string }) => i.area)).toEqual(['rural']);
    const second = await admin.get(
      `/admin/poverty-lines?jurisdictionId=${village}&limit=1&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.items.map((i: { area: string }) => i.area)).toEqual(['urban']);
    expect(second.body.nextCursor).toBeNull();
  });

  it.each([
    ['a ratio above 1', { ratio: 1.5 }, 'ratio'],
    ['a ratio of 0', { ratio: 0 }, 'ratio'],
    ['a negative base income', { baseIncome: -1 }, 'baseIncome'],
    ['an unknown area', { area: 'suburb' }, 'area'],
    ['an unknown basis', { basis: 'mean' }, 'basis'],
    ['no reason', { reason: undefined }, 'reason'],
    ['an extra field', { line: 5000 }, 'line'],
  ])('refuses %s', async (_what, change, field) => {
    const response = await put(admin, '/admin/poverty-lines', rule('370323104201', change));
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });

  it('refuses a jurisdiction outside the admin subtree, and anyone but admins', async () => {
    const outside = await put(countyAdmin, '/admin/poverty-lines', rule('370323104201'));
    expect(outside.status).toBe(404);
    expect(outside.body.errors).toEqual([{ field: 'jurisdictionId', message: expect.any(String) }]);
    expect((await put(countyOfficer, '/admin/poverty-lines', rule(county))).status).toBe(403);
  });

  it('asks every open case in the subtree to re-evaluate, skipping workflows that have ended, audited once', async () => {
    const { village, workflowIds } = await villageWithCases(2);
    await platform.temporal.workflow.getHandle(workflowIds[1]).terminate('ended for the re-evaluation spec');
    const response = await admin.post('/admin/poverty-lines/reevaluate', {
      jurisdictionId: village,
      reason: '相对贫困线调整，立即重新评估',
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ jurisdictionId: village, signalled: 1, skipped: 1 });
    expect(await audits(village)).toEqual([
      {
        action: 'povertyLine.reevaluationRequested',
        before: null,
        after: { signalled: 1, skipped: 1, failed: 0 },
        reason: '相对贫困线调整，立即重新评估',
      },
    ]);
    const running = await platform.temporal.workflow.getHandle(workflowIds[0]).describe();
    expect(running.status.name).toBe('RUNNING');

    expect(
      (
        await countyAdmin.post('/admin/poverty-lines/reevaluate', {
          jurisdictionId: village,
          reason: '越权测试',
        })
      ).status,
    ).toBe(404);
    const inspector = await ApiClient.login(platform.baseUrl, 'inspector');
    expect(
      (
        await inspector.post('/admin/poverty-lines/reevaluate', {
          jurisdictionId: village,
          reason: '只读测试',
        })
      ).status,
    ).toBe(403);
  });
});
