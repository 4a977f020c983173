// Administration: users, jurisdictions, holiday calendars and 优亲厚友 declarations, each scoped to the
// admin's jurisdiction subtree and audited. Every test makes its own users and ids, and leaves the demo
// users and the 2026/2027 calendars alone.

import { randomInt, randomUUID } from 'node:crypto';
import { idNumberCheckChar } from '@libs/domain';
import { ApiClient, type Platform, startPlatform } from './support/platform';
import { createUser } from './support/users';

const COUNTY = '370323';
const DONGLI = '370323104'; // 东里镇
const YUEZHUANG = '370323105'; // 悦庄镇
const YAONAN = '370323104203'; // 姚南峪村, in 东里镇
const PASSWORD = 'Changxiao2028';

let platform: Platform;
let admin: ApiClient;

beforeAll(async () => {
  platform = await startPlatform();
  admin = await ApiClient.login(platform.baseUrl, 'admin');
});

afterAll(async () => {
  await platform?.stop();
});

const unique = () => randomUUID().replace(/-/g, '').slice(0, 10);

/** A valid 18-digit ID number no other spec uses. */
function idNumber(): string {
  const first17 = `370323198${randomInt(0, 10)}0${randomInt(1, 10)}1${randomInt(0, 10)}${String(randomInt(0, 1000)).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

function newCaseworker(overrides: Record<string, unknown> = {}) {
  return {
    username: `cw_${unique()}`,
    displayName: '测试工作专员',
    password: PASSWORD,
    role: 'caseworker',
    jurisdictionId: YAONAN,
    ...overrides,
  };
}

async function signIn(username: string, password: string) {
  return ApiClient.anonymous(platform.baseUrl).post('/auth/login', { username, password });
}

async function userId(username: string): Promise<string> {
  const [row] = await platform.dataSource.query('SELECT id FROM users WHERE username = $1', [username]);
  return row.id;
}

async function audits(
  entityId: string,
): Promise<{ action: string; before: any; after: any; reason: string | null }[]> {
  return platform.dataSource.query(
    'SELECT action, before, after, reason FROM audit_events WHERE entity_id = $1 ORDER BY id',
    [entityId],
  );
}

function fields(body: { errors?: { field: string }[] }): string[] {
  return (body.errors ?? []).map((error) => error.field);
}

describe('users', () => {
  it('creates a caseworker who can then sign in, never showing the password hash', async () => {
    const input = newCaseworker();
    const created = await admin.post('/admin/users', input);
    expect(created.status).toBe(201);
    expect(created.body).toEqual(
      expect.objectContaining({
        username: input.username,
        role: 'caseworker',
        roleLabel: '村工作专员',
        jurisdictionId: YAONAN,
        jurisdictionName: '姚南峪村',
        department: null,
      }),
    );
    expect(JSON.stringify(created.body)).not.toMatch(/hash|password/i);

    const login = await signIn(input.username, PASSWORD);
    expect(login.status).toBe(200);
    expect(login.body.user.id).toBe(created.body.id);

    const listed = await admin.get(`/admin/users?role=caseworker&jurisdictionId=${YAONAN}&limit=100`);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((u: { id: string }) => u.id)).toContain(created.body.id);
    expect(JSON.stringify(listed.body)).not.toMatch(/hash|password/i);

    const events = await audits(created.body.id);
    expect(events).toEqual([
      expect.objectContaining({ action: 'user.created', before: null, after: expect.any(Object) }),
    ]);
    expect(events[0].after).toEqual(
      expect.objectContaining({ username: input.username, role: 'caseworker' }),
    );
    expect(JSON.stringify(events)).not.toMatch(/hash|password|\$2[aby]\$/i);
  });

  it('pages the user list by username with a cursor', async () => {
    // Usernames from before the naming rule (mixed case) still page.
    const legacy = await createUser(platform.dataSource, 'countyOfficer', COUNTY);
    const pages: string[] = [];
    let cursor: string | null = null;
    do {
      const path: string = `/admin/users?limit=5${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await admin.get(path);
      expect(page.status).toBe(200);
      pages.push(...page.body.items.map((u: { username: string }) => u.username));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(pages).toEqual([...pages].sort());
    expect(new Set(pages).size).toBe(pages.length);
    expect(pages).toEqual(expect.arrayContaining(['admin', 'co_county', 'cw_yuezhuang', legacy.username]));
  });

  it('finds users by a part of the username or name, wildcards taken literally', async () => {
    const tag = unique();
    const byName = await admin.post('/admin/users', newCaseworker({ displayName: `查找${tag}专员` }));
    const byUsername = await admin.post('/admin/users', newCaseworker({ username: `cw_${tag}_x` }));
    const other = await admin.post('/admin/users', newCaseworker());
    const found = await admin.get(`/admin/users?q=${encodeURIComponent(tag.toUpperCase())}&limit=100`);
    expect(found.status).toBe(200);
    expect(found.body.items.map((u: { id: string }) => u.id).sort()).toEqual(
      [byName.body.id, byUsername.body.id].sort(),
    );
    expect(found.body.items.map((u: { id: string }) => u.id)).not.toContain(other.body.id);
    // % and _ match only themselves: no user has a %, and `_` does not stand for the 专 of the name.
    expect((await admin.get('/admin/users?q=%25')).body.items).toEqual([]);
    expect((await admin.get(`/admin/users?q=${tag}_员`)).body.items).toEqual([]);
    expect((await admin.get(`/admin/users?q=${tag}_x`)).body.items).toHaveLength(1);
    expect((await admin.get(`/admin/users?q=${'长'.repeat(51)}`)).status).toBe(400);
  });

  it('refuses a username already taken with 409', async () => {
    const input = newCaseworker();
    expect((await admin.post('/admin/users', input)).status).toBe(201);
    const again = await admin.post('/admin/users', { ...input, displayName: '另一个人' });
    expect(again.status).toBe(409);
    expect(again.body).toEqual(
      expect.objectContaining({ code: 'USERNAME_TAKEN', message: expect.stringContaining('已被使用') }),
    );
    const demo = await admin.post('/admin/users', newCaseworker({ username: 'cw_dongli_east' }));
    expect(demo.status).toBe(409);
    expect(fields(demo.body)).toEqual(['username']);
  });

  it('refuses bad input with 400 naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [newCaseworker({ isSuperuser: true }), 'isSuperuser'],
      [newCaseworker({ password: 'onlyletterspassword' }), 'password'],
      [newCaseworker({ password: 'short1' }), 'password'],
      [newCaseworker({ username: 'Bad Name' }), 'username'],
      [newCaseworker({ role: 'mayor' }), 'role'],
      [newCaseworker({ role: 'departmentOfficer', jurisdictionId: COUNTY }), 'department'],
      [newCaseworker({ department: 'civilAffairs' }), 'department'],
      // A caseworker's inbox is a village's: a township is the wrong level.
      [newCaseworker({ jurisdictionId: DONGLI }), 'jurisdictionId'],
    ];
    for (const [body, field] of cases) {
      const response = await admin.post('/admin/users', body);
      expect({ field, status: response.status }).toEqual({ field, status: 400 });
      expect(fields(response.body)).toContain(field);
      expect(response.body.message).toMatch(/[\u4e00-\u9fff]/);
      const [row] = await platform.dataSource.query('SELECT 1 FROM users WHERE username = $1', [
        body.username,
      ]);
      expect(row).toBeUndefined();
    }
  });

  it('refuses a role other than admin with 403', async () => {
    const officer = await ApiClient.login(platform.baseUrl, 'co_county');
    const created = await officer.post('/admin/users', newCaseworker());
    expect(created.status).toBe(403);
    expect(created.body.code).toBe('FORBIDDEN_ROLE');
    expect((await officer.get('/admin/users')).status).toBe(403);
  });

  it('updates a user and resets the password, each audited without a hash', async () => {
    const input = newCaseworker();
    const { body: created } = await admin.post('/admin/users', input);

    const moved = await admin.request<any>('PATCH', `/admin/users/${created.id}`, {
      displayName: '改名后的专员',
      jurisdictionId: '370323104202',
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toEqual(
      expect.objectContaining({ displayName: '改名后的专员', jurisdictionName: '东里西村' }),
    );

    const noDepartment = await admin.request<any>('PATCH', `/admin/users/${created.id}`, {
      role: 'departmentOfficer',
      jurisdictionId: COUNTY,
    });
    expect(noDepartment.status).toBe(400);
    expect(fields(noDepartment.body)).toEqual(['department']);

    const officer = await admin.request<any>('PATCH', `/admin/users/${created.id}`, {
      role: 'departmentOfficer',
      jurisdictionId: COUNTY,
      department: 'civilAffairs',
    });
    expect(officer.status).toBe(200);
    expect(officer.body).toEqual(
      expect.objectContaining({
        role: 'departmentOfficer',
        department: 'civilAffairs',
        jurisdictionId: COUNTY,
      }),
    );

    const weak = await admin.post(`/admin/users/${created.id}/password`, { password: 'short' });
    expect(weak.status).toBe(400);
    expect(fields(weak.body)).toEqual(['password']);
    const reset = await admin.post(`/admin/users/${created.id}/password`, { password: 'NewPassword2029' });
    expect(reset.status).toBe(204);
    expect((await signIn(input.username, PASSWORD)).status).toBe(401);
    expect((await signIn(input.username, 'NewPassword2029')).status).toBe(200);

    const events = await audits(created.id);
    expect(events.map((e) => e.action)).toEqual([
      'user.created',
      'user.updated',
      'user.updated',
      'user.passwordReset',
    ]);
    expect(events[1].before).toEqual(expect.objectContaining({ jurisdictionId: YAONAN }));
    expect(events[1].after).toEqual(
      expect.objectContaining({ jurisdictionId: '370323104202', displayName: '改名后的专员' }),
    );
    expect(events[2].after).toEqual(
      expect.objectContaining({ role: 'departmentOfficer', department: 'civilAffairs' }),
    );
    expect(JSON.stringify(events)).not.toMatch(/hash|NewPassword|\$2[aby]\$/i);
  });

  it('does not let an admin change their own role', async () => {
    const other = await createUser(platform.dataSource, 'admin', COUNTY);
    const self = await ApiClient.login(platform.baseUrl, other.username);
    const response = await self.request<any>('PATCH', `/admin/users/${other.id}`, { role: 'caseworker' });
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('SELF_CHANGE');
  });

  it('answers 404 for an id that is not a user', async () => {
    expect((await admin.get(`/admin/users/${randomUUID()}`)).status).toBe(404);
    expect((await admin.get('/admin/users/not-a-uuid')).status).toBe(404);
  });
});

describe('the reason for a change', () => {
  it('is kept, trimmed, on the audit event of each change to a user or a place', async () => {
    const input = newCaseworker({ reason: '  新聘村工作专员  ' });
    const { body: created } = await admin.post('/admin/users', input);
    const patch = (body: object) => admin.request<any>('PATCH', `/admin/users/${created.id}`, body);
    expect((await patch({ enabled: false, reason: '长期病假' })).status).toBe(200);
    expect((await patch({ enabled: true })).status).toBe(200);
    const reset = { password: 'NewPassword2029', reason: '本人忘记密码，电话核实身份' };
    expect((await admin.post(`/admin/users/${created.id}/password`, reset)).status).toBe(204);
    await platform.dataSource.query(
      `UPDATE users SET failed_logins = 5, locked_until = now() + interval '30 minutes' WHERE id = $1`,
      [created.id],
    );
    const unlock = await admin.post(`/admin/users/${created.id}/unlock`, { reason: '本人来电确认' });
    expect(unlock.status).toBe(200);
    expect((await audits(created.id)).map(({ action, reason }) => [action, reason])).toEqual([
      ['user.created', '新聘村工作专员'],
      ['user.updated', '长期病假'],
      ['user.updated', null],
      ['user.passwordReset', '本人忘记密码，电话核实身份'],
      ['user.unlocked', '本人来电确认'],
    ]);

    const id = `${DONGLI}${randomInt(100_000, 1_000_000)}`;
    const place = { id, name: '新设村', level: 'village', parentId: DONGLI, reason: '县政府批复新设' };
    expect((await admin.post('/admin/jurisdictions', place)).status).toBe(201);
    const rename = { name: '新设村（更名）', reason: '民政局区划名称变更通知' };
    expect((await admin.request<any>('PATCH', `/admin/jurisdictions/${id}`, rename)).status).toBe(200);
    expect((await audits(id)).map(({ action, reason }) => [action, reason])).toEqual([
      ['jurisdiction.created', '县政府批复新设'],
      ['jurisdiction.updated', '民政局区划名称变更通知'],
    ]);
  });

  it.each([
    ['of 201 characters', '理'.repeat(201), '不超过 200 个字'],
    ['with a NUL', '调动\u0000说明', '含有不可见的控制字符 U+0000'],
    ['with a control character', '调动\u001B[31m说明', '含有不可见的控制字符 U+001B'],
    ['of spaces only', '   ', '不能只有空格；不说明理由时省略此项'],
  ])(
    'refuses a reason %s on every change to a user or a place, in Chinese naming the field, and changes nothing',
    async (_what, reason, message) => {
      const { body: user } = await admin.post('/admin/users', newCaseworker());
      const refused = newCaseworker({ reason });
      const place = `${DONGLI}${randomInt(100_000, 1_000_000)}`;
      const changes: [string, string, object][] = [
        ['POST', '/admin/users', refused],
        ['PATCH', `/admin/users/${user.id}`, { displayName: '改名', enabled: false, reason }],
        ['POST', `/admin/users/${user.id}/password`, { password: 'NewPassword2029', reason }],
        ['POST', `/admin/users/${user.id}/unlock`, { reason }],
        [
          'POST',
          '/admin/jurisdictions',
          { id: place, name: '新设村', level: 'village', parentId: DONGLI, reason },
        ],
        ['PATCH', `/admin/jurisdictions/${YAONAN}`, { name: '改名村', reason }],
        ['PUT', '/admin/holiday-calendars/2028', { holidays: ['2028-05-02'], adjustedWorkdays: [], reason }],
      ];
      const calendars = (await admin.get('/admin/holiday-calendars')).body;
      for (const [method, path, body] of changes) {
        const response = await admin.request<any>(method, path, body);
        expect({ path, status: response.status }).toEqual({ path, status: 400 });
        expect(response.body.errors).toEqual([{ field: 'reason', message }]);
        expect(response.body.message).toContain(`reason ${message}`);
      }
      expect(await admin.get(`/admin/users/${user.id}`)).toEqual(
        expect.objectContaining({
          body: expect.objectContaining({ displayName: '测试工作专员', enabled: true }),
        }),
      );
      expect((await signIn(user.username, PASSWORD)).status).toBe(200);
      expect((await admin.get(`/admin/jurisdictions/${place}`)).status).toBe(404);
      expect((await admin.get(`/admin/jurisdictions/${YAONAN}`)).body.name).toBe('姚南峪村');
      expect((await admin.get('/admin/holiday-calendars')).body).toEqual(calendars);
      expect(
        await platform.dataSource.query('SELECT 1 FROM users WHERE username = $1', [refused.username]),
      ).toEqual([]);
      expect(await audits(user.id)).toHaveLength(1);
      expect(await audits(place)).toEqual([]);
    },
  );
});

describe('a township admin', () => {
  let township: ApiClient;

  beforeAll(async () => {
    const user = await createUser(platform.dataSource, 'admin', DONGLI);
    township = await ApiClient.login(platform.baseUrl, user.username);
  });

  it('sees only 东里镇: other users and jurisdictions are 404', async () => {
    // Targets of its own, so a scope bug could never touch the demo users.
    const others = [
      await createUser(platform.dataSource, 'caseworker', '370323105201'),
      await createUser(platform.dataSource, 'countyOfficer', COUNTY),
    ];
    for (const { id } of [...others, { id: await userId('admin') }]) {
      expect((await township.get(`/admin/users/${id}`)).status).toBe(404);
    }
    for (const { id, username } of others) {
      expect(
        (await township.request<any>('PATCH', `/admin/users/${id}`, { displayName: '越权' })).status,
      ).toBe(404);
      expect((await township.post(`/admin/users/${id}/password`, { password: 'Overreach2028' })).status).toBe(
        404,
      );
      expect((await signIn(username, 'Overreach2028')).status).toBe(401);
    }
    const [untouched] = await platform.dataSource.query('SELECT display_name FROM users WHERE id = $1', [
      others[0].id,
    ]);
    expect(untouched.display_name).not.toBe('越权');
    expect((await township.get(`/admin/users/${await userId('cw_dongli_east')}`)).status).toBe(200);

    const yuezhuangVillage = `${YUEZHUANG}${randomInt(100_000, 1_000_000)}`;
    await admin.post('/admin/jurisdictions', {
      id: yuezhuangVillage,
      name: '悦庄测试村',
      level: 'village',
      parentId: YUEZHUANG,
    });
    for (const id of [YUEZHUANG, '370323105201', COUNTY, yuezhuangVillage]) {
      expect((await township.get(`/admin/jurisdictions/${id}`)).status).toBe(404);
    }
    const rename = await township.request<any>('PATCH', `/admin/jurisdictions/${yuezhuangVillage}`, {
      name: '越权',
    });
    expect(rename.status).toBe(404);
    const tree = await township.get('/admin/jurisdictions');
    expect(tree.body.length).toBeGreaterThanOrEqual(4);
    for (const j of tree.body)
      expect(j.path === `${COUNTY}.${DONGLI}` || j.path.startsWith(`${COUNTY}.${DONGLI}.`)).toBe(true);

    const users = await township.get('/admin/users?limit=100');
    expect(users.status).toBe(200);
    const usernames = users.body.items.map((u: { username: string }) => u.username);
    expect(usernames).toEqual(expect.arrayContaining(['cw_dongli_east', 'tr_dongli']));
    expect(usernames).not.toContain('cw_yuezhuang');
    expect((await township.get(`/admin/users?jurisdictionId=${YUEZHUANG}`)).status).toBe(404);
  });

  it('creates users and villages in 东里镇 but not under 悦庄镇', async () => {
    const outside = await township.post('/admin/users', newCaseworker({ jurisdictionId: '370323105201' }));
    expect(outside.status).toBe(404);
    expect(fields(outside.body)).toEqual(['jurisdictionId']);
    const village = await township.post('/admin/jurisdictions', {
      id: `${YUEZHUANG}${randomInt(100_000, 1_000_000)}`,
      name: '越权村',
      level: 'village',
      parentId: YUEZHUANG,
    });
    expect(village.status).toBe(404);
    expect(fields(village.body)).toEqual(['parentId']);

    expect((await township.post('/admin/users', newCaseworker())).status).toBe(201);
  });

  it('may read the holiday calendars but not change them', async () => {
    expect((await township.get('/admin/holiday-calendars/2026')).status).toBe(200);
    const put = await township.request<any>('PUT', '/admin/holiday-calendars/2028', {
      holidays: ['2028-01-01'],
      adjustedWorkdays: [],
    });
    expect(put.status).toBe(403);
  });
});

describe('jurisdictions', () => {
  it('adds a village under a township with its path, refuses the same id again, renames it, audited', async () => {
    const id = `${DONGLI}${randomInt(100_000, 1_000_000)}`;
    const created = await admin.post('/admin/jurisdictions', {
      id,
      name: '新建村',
      level: 'village',
      parentId: DONGLI,
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id,
      name: '新建村',
      level: 'village',
      levelLabel: '村(社区)',
      parentId: DONGLI,
      path: `${COUNTY}.${DONGLI}.${id}`,
    });
    const again = await admin.post('/admin/jurisdictions', {
      id,
      name: '重复村',
      level: 'village',
      parentId: DONGLI,
    });
    expect(again.status).toBe(409);
    expect(fields(again.body)).toEqual(['id']);

    const renamed = await admin.request<any>('PATCH', `/admin/jurisdictions/${id}`, {
      name: '新建村（更名）',
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('新建村（更名）');

    const events = await audits(id);
    expect(events.map((e) => e.action)).toEqual(['jurisdiction.created', 'jurisdiction.updated']);
    expect(events[1]).toEqual(
      expect.objectContaining({
        before: expect.objectContaining({ name: '新建村' }),
        after: expect.objectContaining({ name: '新建村（更名）' }),
      }),
    );

    // Its caseworker can be created there at once.
    expect((await admin.post('/admin/users', newCaseworker({ jurisdictionId: id }))).status).toBe(201);
  });

  it('requires each level to be exactly one below its parent', async () => {
    const attempts: [string, string, string][] = [
      ['village', COUNTY, '镇(街道)'],
      ['township', DONGLI, '村(社区)'],
      ['county', DONGLI, '村(社区)'],
      ['village', '370323104201', '不能再设下级'],
    ];
    for (const [level, parentId, hint] of attempts) {
      const id = await unusedJurisdictionId(parentId);
      const response = await admin.post('/admin/jurisdictions', { id, name: '错层级', level, parentId });
      expect({ level, parentId, status: response.status }).toEqual({ level, parentId, status: 400 });
      expect(fields(response.body)).toEqual(['level']);
      expect(response.body.message).toContain(hint);
      const [row] = await platform.dataSource.query('SELECT 1 FROM jurisdictions WHERE id = $1', [id]);
      expect(row).toBeUndefined();
    }
    const badId = await admin.post('/admin/jurisdictions', {
      id: '12ab',
      name: '坏代码',
      level: 'village',
      parentId: DONGLI,
    });
    expect(badId.status).toBe(400);
    expect(fields(badId.body)).toEqual(['id']);
  });

  it('lets every role read its own subtree and only an admin add to it', async () => {
    const caseworker = await ApiClient.login(platform.baseUrl, 'cw_dongli_east');
    const mine = await caseworker.get('/admin/jurisdictions');
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual([
      expect.objectContaining({ id: '370323104201', name: '东里东村', level: 'village' }),
    ]);
    const county = await admin.get('/admin/jurisdictions');
    expect(county.body[0]).toEqual(expect.objectContaining({ id: COUNTY, level: 'county', parentId: null }));
    expect(county.body.length).toBeGreaterThanOrEqual(14);

    const reviewer = await ApiClient.login(platform.baseUrl, 'tr_dongli');
    const refused = await reviewer.post('/admin/jurisdictions', {
      id: `${DONGLI}${randomInt(100_000, 1_000_000)}`,
      name: '无权村',
      level: 'village',
      parentId: DONGLI,
    });
    expect(refused.status).toBe(403);
  });
});

describe('holiday calendars', () => {
  it('refuses a calendar with a bad date, naming each problem in Chinese, and changes nothing', async () => {
    const before = await admin.get('/admin/holiday-calendars');
    const response = await admin.request<any>('PUT', '/admin/holiday-calendars/2028', {
      holidays: ['2028-02-30', '2027-12-31'],
      adjustedWorkdays: ['2028-02-14'],
    });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('CALENDAR_INVALID');
    expect(response.body.errors).toEqual([
      { field: 'holidays', message: '放假日期「2028-02-30」不是有效日期（应为 YYYY-MM-DD）' },
      { field: 'holidays', message: '放假日期 2027-12-31 不在 2028 年内' },
      { field: 'adjustedWorkdays', message: '调休上班日 2028-02-14 不是周六或周日' },
    ]);
    expect(response.body.message).toContain('不是有效日期');
    expect((await admin.get('/admin/holiday-calendars')).body).toEqual(before.body);

    const shape = await admin.request<any>('PUT', '/admin/holiday-calendars/2028', {
      holidays: '2028-01-01',
    });
    expect(shape.status).toBe(400);
    expect(fields(shape.body)).toEqual(expect.arrayContaining(['holidays', 'adjustedWorkdays']));
    expect((await admin.get('/admin/holiday-calendars/20x8')).status).toBe(400);
  });

  it('enters 2028, shows it to every role, and audits the change', async () => {
    const calendar = {
      holidays: ['2028-10-02', '2028-01-01', '2028-10-03'],
      adjustedWorkdays: ['2028-10-07'],
    };
    const put = await admin.request<any>('PUT', '/admin/holiday-calendars/2028', {
      ...calendar,
      reason: '国务院办公厅 2028 年部分节假日安排',
    });
    expect(put.status).toBe(200);
    expect(put.body).toEqual(
      expect.objectContaining({
        year: 2028,
        holidays: ['2028-01-01', '2028-10-02', '2028-10-03'],
        adjustedWorkdays: ['2028-10-07'],
        updatedBy: expect.objectContaining({ displayName: '系统管理员' }),
      }),
    );

    const officer = await ApiClient.login(platform.baseUrl, 'co_county');
    const read = await officer.get('/admin/holiday-calendars/2028');
    expect(read.status).toBe(200);
    expect(read.body.holidays).toEqual(['2028-01-01', '2028-10-02', '2028-10-03']);
    const years = (await officer.get('/admin/holiday-calendars')).body.map((c: { year: number }) => c.year);
    expect(years).toEqual(expect.arrayContaining([2026, 2027, 2028]));
    expect((await officer.request<any>('PUT', '/admin/holiday-calendars/2028', calendar)).status).toBe(403);

    const [event] = await platform.dataSource.query(
      `SELECT actor_username, after, reason FROM audit_events
       WHERE action = 'holidayCalendar.updated' AND entity_type = 'holidayCalendar' AND entity_id = '2028'
       ORDER BY id DESC LIMIT 1`,
    );
    expect(event).toEqual({
      actor_username: 'admin',
      after: { holidays: put.body.holidays, adjustedWorkdays: ['2028-10-07'] },
      reason: '国务院办公厅 2028 年部分节假日安排',
    });
    const [row] = await platform.dataSource.query(
      'SELECT updated_by FROM holiday_calendars WHERE year = 2028',
    );
    expect(row.updated_by).toBe(await userId('admin'));
  });

  it('answers 404 for a year not entered', async () => {
    const response = await admin.get('/admin/holiday-calendars/2088');
    expect(response.status).toBe(404);
    expect(response.body.message).toContain('2088');
  });
});

describe('declared relatives', () => {
  it('declares, lists masked, corrects and withdraws a relative, each audited with the number masked', async () => {
    const me = await createUser(platform.dataSource, 'caseworker', YAONAN);
    const caseworker = await ApiClient.login(platform.baseUrl, me.username);
    const number = idNumber();
    const masked = `${number.slice(0, 6)}********${number.slice(-4)}`;

    const declared = await caseworker.post('/me/relatives', {
      name: '李桂芝',
      idNumber: number,
      relation: 'parent',
    });
    expect(declared.status).toBe(201);
    expect(declared.body).toEqual(
      expect.objectContaining({
        idNumber: masked,
        name: '李桂芝',
        relation: 'parent',
        relationLabel: '父母',
      }),
    );

    const corrected = await caseworker.post('/me/relatives', {
      name: '李桂芝',
      idNumber: number,
      relation: 'inLaw',
    });
    expect(corrected.status).toBe(201);
    const listed = await caseworker.get('/me/relatives');
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([expect.objectContaining({ idNumber: masked, relation: 'inLaw' })]);
    expect(JSON.stringify(listed.body)).not.toContain(number);

    // A withdrawal needs its reason; the declaration is kept, marked withdrawn.
    const unexplained = await caseworker.request<any>('DELETE', `/me/relatives/${number}`);
    expect(unexplained.status).toBe(400);
    expect(fields(unexplained.body)).toEqual(['reason']);
    const reason = { reason: '申报有误，此人不是本人亲属' };
    expect((await caseworker.request<any>('DELETE', `/me/relatives/${number}`, reason)).status).toBe(204);
    expect((await caseworker.get('/me/relatives')).body).toEqual([]);
    expect(
      await platform.dataSource.query(
        'SELECT relation, withdrawn_reason FROM user_relatives WHERE user_id = $1 AND withdrawn_at IS NOT NULL',
        [me.id],
      ),
    ).toEqual([{ relation: 'inLaw', withdrawn_reason: reason.reason }]);
    const gone = await caseworker.request<any>('DELETE', `/me/relatives/${number}`, reason);
    expect(gone.status).toBe(404);
    expect(gone.body.message).not.toContain(number);

    const events = await audits(me.id);
    expect(events.map((e) => e.action)).toEqual([
      'relative.declared',
      'relative.declared',
      'relative.withdrawn',
    ]);
    expect(events[0].after).toEqual({ idNumber: masked, name: '李桂芝', relation: 'parent' });
    expect(events[1].before).toEqual(expect.objectContaining({ relation: 'parent' }));
    expect(events[2]).toEqual(
      expect.objectContaining({
        before: { idNumber: masked, name: '李桂芝', relation: 'inLaw' },
        after: { idNumber: masked, name: '李桂芝', relation: 'inLaw', withdrawn: true },
        reason: reason.reason,
      }),
    );
    expect(JSON.stringify(events)).not.toContain(number);
  });

  it('refuses an invalid ID number or relation, naming the field', async () => {
    const me = await createUser(platform.dataSource, 'townshipReviewer', DONGLI);
    const reviewer = await ApiClient.login(platform.baseUrl, me.username);
    const valid = idNumber();
    const wrongCheck = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    const badNumber = await reviewer.post('/me/relatives', {
      name: '张三',
      idNumber: wrongCheck,
      relation: 'sibling',
    });
    expect(badNumber.status).toBe(400);
    expect(badNumber.body.errors).toEqual([{ field: 'idNumber', message: '身份证号码无效：校验码不正确' }]);
    const badRelation = await reviewer.post('/me/relatives', {
      name: '张三',
      idNumber: valid,
      relation: 'friend',
    });
    expect(badRelation.status).toBe(400);
    expect(fields(badRelation.body)).toEqual(['relation']);
    expect((await reviewer.get('/me/relatives')).body).toEqual([]);
  });
});

/** An id under the parent that no jurisdiction has yet (the demo county's and other specs' places included). */
async function unusedJurisdictionId(parentId: string): Promise<string> {
  for (;;) {
    const id = `${parentId}${randomInt(100, 1000)}`;
    const [row] = await platform.dataSource.query('SELECT 1 FROM jurisdictions WHERE id = $1', [id]);
    if (!row) return id;
  }
}
