// 案件查询 GET /cases: every filter, keyset pages, the caller's scope (another township or county sees
// nothing, a department only its business), 我发起的 and its tab count, the search by ID number (exact,
// lower-case x, audited) and bad input refused in Chinese naming the field.

import { idNumberCheckChar } from '@libs/domain';
import { syntheticApplication, syntheticIdNumber } from '../scripts/lib/synthetic-households';
import { createCounty, type TestCounty } from './support/county';
import { Lifecycle } from './support/lifecycle';
import { type ApiClient, type Platform, startPlatform } from './support/platform';
import { signInNewUser } from './support/users';

type Item = {
  id: string;
  householdHead: string;
  householdHeadIdNumber: string;
  villageId: string;
  villageName: string;
  townshipName: string;
  stage: string;
  stageLabel: string;
  status: string;
  urgent: boolean;
  memberCount: number;
  createdAt: string;
  enteredBy: { id: string; name: string };
  openTasks: { kind: string; kindLabel: string; dueAt: string }[];
};

let platform: Platform;
let county: TestCounty;
let elsewhere: TestCounty;
let township2: string;
let village2: string;
let caseworker2: ApiClient;
let reviewer2: ApiClient;
// Cases by role in the spec: a and d share a head's name, b is urgent, c was entered by the township, e is
// withdrawn, d lies in the second township, far in the other county.
const ids: Record<'a' | 'b' | 'c' | 'd' | 'e' | 'far', string> = {} as never;
let xIdNumber: string; // a member of case a whose ID number ends in X
let spouseOfB: string;
let caseworkerId: string;

/** The same region and birth date with another sequence number: a valid ID number of someone else. */
function otherNumberOf(idNumber: string): string {
  const sequence = (Number(idNumber.slice(14, 17)) + 1) % 1000;
  const first17 = idNumber.slice(0, 14) + String(sequence).padStart(3, '0');
  return first17 + idNumberCheckChar(first17);
}

/** A valid ID number ending in X (about one in eleven do). */
function idNumberEndingInX(): string {
  for (;;) {
    const id = syntheticIdNumber(1960);
    if (id.endsWith('X')) return id;
  }
}

async function apply(
  client: ApiClient,
  villageId: string,
  head: string,
  overrides: Record<string, unknown> = {},
) {
  const application = syntheticApplication(villageId, overrides);
  application.members[0].name = head;
  const created = await client.post('/cases', application);
  if (created.status !== 201) throw new Error(JSON.stringify(created.body));
  return { id: created.body.id as string, application };
}

const list = async (client: ApiClient, query = ''): Promise<Item[]> => {
  const response = await client.get(`/cases?limit=100${query ? `&${query}` : ''}`);
  expect(response.status).toBe(200);
  return response.body.items;
};
const idsOf = (items: { id: string }[]) => items.map((item) => item.id);
const chinaToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const chinaDay = (offset: number) =>
  new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  platform = await startPlatform();
  county = await createCounty(platform.dataSource, platform.baseUrl, {
    departments: [{ department: 'civilAffairs', connector: 'inbox' }],
  });
  elsewhere = await createCounty(platform.dataSource, platform.baseUrl);
  // A second township and village of the same county, with their own people.
  township2 = `${county.countyId}102`;
  village2 = `${township2}202`;
  await platform.dataSource.query(
    `INSERT INTO jurisdictions (id, name, level, parent_id, path) VALUES
       ($1, '第二镇', 'township', $2, $3), ($4, '第二村', 'village', $1, $5)`,
    [
      township2,
      county.countyId,
      `${county.countyId}.${township2}`,
      village2,
      `${county.countyId}.${township2}.${village2}`,
    ],
  );
  caseworker2 = await signInNewUser(platform, 'caseworker', village2);
  reviewer2 = await signInNewUser(platform, 'townshipReviewer', township2);
  xIdNumber = idNumberEndingInX();
  const a = await apply(county.caseworker, county.villageId, '张三丰');
  ids.a = a.id;
  // Case a's third member takes the ID number ending in X (written as the platform writes it, upper case).
  await platform.dataSource.query(
    `UPDATE household_members SET id_number = $1
     WHERE household_id = (SELECT household_id FROM cases WHERE id = $2) AND id_number = $3`,
    [xIdNumber, ids.a, a.application.members[2].idNumber],
  );
  const b = await apply(county.caseworker, county.villageId, '李四', { urgent: true });
  ids.b = b.id;
  spouseOfB = b.application.members[1].idNumber;
  ids.c = (await apply(county.reviewer, county.villageId, '张小五')).id;
  ids.d = (await apply(caseworker2, village2, '张三丰')).id;
  ids.e = (await apply(county.caseworker, county.villageId, '赵六')).id;
  // Withdrawn once 民政's data-check request is open: withdrawn sooner, none would open (the case is closed)
  // and 民政 would have no business with it.
  await new Lifecycle(platform).openTask(ids.e, 'dataCheckAnswer', 'civilAffairs');
  const withdrawn = await county.caseworker.post(`/cases/${ids.e}/withdraw`, {
    reason: '申请人家庭收入已好转，本人申请撤回',
  });
  expect(withdrawn.status).toBe(200);
  ids.far = (await apply(elsewhere.caseworker, elsewhere.villageId, '张三丰')).id;
  [{ created_by: caseworkerId }] = await platform.dataSource.query(
    'SELECT created_by FROM cases WHERE id = $1',
    [ids.a],
  );
});

afterAll(async () => {
  await platform?.stop();
});

describe('the case list', () => {
  it("lists the caller's scope newest first, with each case's head, place, stage, status, members, entry and open tasks", async () => {
    const items = await list(county.officer);
    expect(idsOf(items)).toEqual([ids.e, ids.d, ids.c, ids.b, ids.a]);
    const createdAt = items.map((item) => item.createdAt);
    expect(createdAt).toEqual([...createdAt].sort().reverse());
    const a = items.find((item) => item.id === ids.a)!;
    expect(a).toMatchObject({
      householdHead: '张三丰',
      villageId: county.villageId,
      villageName: '测试村',
      townshipName: '测试镇',
      stage: 'dataCheck',
      stageLabel: '大数据比对',
      status: 'open',
      statusLabel: '在办',
      urgent: false,
      memberCount: 3,
      channel: 'application',
      enteredBy: { id: caseworkerId },
    });
    expect(a.enteredBy.name).toMatch(/^测试用户/);
    expect(a.openTasks).toEqual([
      { kind: 'dataCheckAnswer', kindLabel: '部门比对反馈', dueAt: expect.any(String) },
    ]);
    expect(items.find((item) => item.id === ids.d)).toMatchObject({
      villageName: '第二村',
      townshipName: '第二镇',
    });
    expect(items.find((item) => item.id === ids.e)).toMatchObject({
      stage: 'withdrawn',
      status: 'closed',
      openTasks: [],
    });
  });

  it('masks the head’s ID number (the PersonalDataInterceptor), and no ID number appears in full anywhere', async () => {
    const response = await county.officer.get('/cases?limit=100');
    for (const item of response.body.items as Item[]) {
      expect(item.householdHeadIdNumber).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    }
    expect(JSON.stringify(response.body)).not.toMatch(/\d{17}[\dX]/);
  });

  it('finds heads whose name contains the text, trimmed, taking % and _ literally', async () => {
    expect(idsOf(await list(county.officer, `headName=${encodeURIComponent(' 张三 ')}`))).toEqual([
      ids.d,
      ids.a,
    ]);
    expect(idsOf(await list(county.officer, `headName=${encodeURIComponent('张')}`))).toEqual([
      ids.d,
      ids.c,
      ids.a,
    ]);
    expect(await list(county.officer, `headName=${encodeURIComponent('%')}`)).toEqual([]);
    expect(await list(county.officer, `headName=${encodeURIComponent('张_丰')}`)).toEqual([]);
  });

  it('narrows to a village, or to any jurisdiction inside the scope with what lies under it', async () => {
    expect(idsOf(await list(county.officer, `villageId=${village2}`))).toEqual([ids.d]);
    expect(idsOf(await list(county.officer, `jurisdictionId=${township2}`))).toEqual([ids.d]);
    expect(idsOf(await list(county.officer, `jurisdictionId=${county.townshipId}`))).toEqual([
      ids.e,
      ids.c,
      ids.b,
      ids.a,
    ]);
    expect(idsOf(await list(county.officer, `jurisdictionId=${county.villageId}`))).toHaveLength(4);
    // Another county's place, or one that does not exist, holds nothing of this scope.
    expect(await list(county.officer, `jurisdictionId=${elsewhere.countyId}`)).toEqual([]);
    expect(await list(county.officer, `villageId=${elsewhere.villageId}`)).toEqual([]);
    expect(await list(county.officer, 'jurisdictionId=123456789')).toEqual([]);
  });

  it('filters by stage, status and urgency', async () => {
    expect(idsOf(await list(county.officer, 'stage=withdrawn'))).toEqual([ids.e]);
    expect(idsOf(await list(county.officer, 'stage=dataCheck'))).toEqual([ids.d, ids.c, ids.b, ids.a]);
    expect(await list(county.officer, 'stage=homeSurvey')).toEqual([]);
    expect(idsOf(await list(county.officer, 'status=closed'))).toEqual([ids.e]);
    expect(idsOf(await list(county.officer, 'status=open'))).toEqual([ids.d, ids.c, ids.b, ids.a]);
    expect(idsOf(await list(county.officer, 'urgent=true'))).toEqual([ids.b]);
    expect(idsOf(await list(county.officer, 'urgent=false'))).toEqual([ids.e, ids.d, ids.c, ids.a]);
  });

  it('filters by the China-local day of entry, both ends included', async () => {
    const today = chinaToday();
    expect(await list(county.officer, `createdFrom=${today}&createdTo=${today}`)).toHaveLength(5);
    expect(await list(county.officer, `createdFrom=${chinaDay(1)}`)).toEqual([]);
    expect(await list(county.officer, `createdTo=${chinaDay(-1)}`)).toEqual([]);
    // Cases entered before a time are outside a window that starts after them.
    await platform.dataSource.query(
      `UPDATE cases SET created_at = created_at - interval '3 days' WHERE id = $1`,
      [ids.c],
    );
    try {
      expect(idsOf(await list(county.officer, `createdFrom=${today}`))).not.toContain(ids.c);
      expect(idsOf(await list(county.officer, `createdTo=${chinaDay(-1)}`))).toEqual([ids.c]);
    } finally {
      await platform.dataSource.query(
        `UPDATE cases SET created_at = created_at + interval '3 days' WHERE id = $1`,
        [ids.c],
      );
    }
  });

  it('lists 我发起的 (initiatedByMe=true), and the inbox tab counts its open cases', async () => {
    expect(idsOf(await list(county.caseworker, 'initiatedByMe=true'))).toEqual([ids.e, ids.b, ids.a]);
    expect(idsOf(await list(county.reviewer, 'initiatedByMe=true'))).toEqual([ids.c]);
    // false is no filter.
    expect(await list(county.caseworker, 'initiatedByMe=false')).toHaveLength(4);
    const open = await list(county.caseworker, 'initiatedByMe=true&status=open');
    const counts = await county.caseworker.get('/tasks/counts');
    expect(counts.status).toBe(200);
    expect(counts.body.initiated).toBe(open.length);
    expect(counts.body.initiated).toBe(2);
    expect((await county.reviewer.get('/tasks/counts')).body.initiated).toBe(1);
    expect((await county.officer.get('/tasks/counts')).body.initiated).toBe(0);
  });

  it('pages newest first through every case once, without gaps, whatever the page size', async () => {
    const all = idsOf(await list(county.officer));
    for (const limit of [1, 2, 3]) {
      const paged: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const response: { status: number; body: { items: Item[]; nextCursor: string | null } } =
          await county.officer.get(
            `/cases?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          );
        expect(response.status).toBe(200);
        expect(response.body.items.length).toBeLessThanOrEqual(limit);
        paged.push(...idsOf(response.body.items));
        cursor = response.body.nextCursor;
        pages += 1;
      } while (cursor && pages < 20);
      expect(paged).toEqual(all);
    }
  });

  it('pages through cases entered in the same instant by their ids', async () => {
    const saved: { id: string; created_at: Date }[] = await platform.dataSource.query(
      'SELECT id, created_at FROM cases WHERE id = ANY($1)',
      [[ids.a, ids.b, ids.c]],
    );
    const instant = new Date(Date.now() - 60_000).toISOString();
    await platform.dataSource.query('UPDATE cases SET created_at = $2 WHERE id = ANY($1)', [
      [ids.a, ids.b, ids.c],
      instant,
    ]);
    try {
      const all = idsOf(await list(county.officer, `jurisdictionId=${county.villageId}&status=open`));
      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const response: { status: number; body: { items: Item[]; nextCursor: string | null } } =
          await county.officer.get(
            `/cases?limit=1&jurisdictionId=${county.villageId}&status=open${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          );
        paged.push(...idsOf(response.body.items));
        cursor = response.body.nextCursor;
      } while (cursor);
      expect(paged).toEqual(all);
      expect([...paged].sort()).toEqual([ids.a, ids.b, ids.c].sort());
      // Same instant: newest first is then by id, descending.
      expect(paged).toEqual([...paged].sort().reverse());
    } finally {
      for (const row of saved) {
        await platform.dataSource.query('UPDATE cases SET created_at = $2 WHERE id = $1', [
          row.id,
          row.created_at,
        ]);
      }
    }
  });
});

describe('scope', () => {
  it("shows a village's caseworker its village only, another township's people their township only", async () => {
    expect(idsOf(await list(county.caseworker))).toEqual([ids.e, ids.c, ids.b, ids.a]);
    expect(idsOf(await list(caseworker2))).toEqual([ids.d]);
    expect(idsOf(await list(reviewer2))).toEqual([ids.d]);
    expect(idsOf(await list(county.reviewer))).toEqual([ids.e, ids.c, ids.b, ids.a]);
    // A village outside the caller's scope asked for by name finds nothing.
    expect(await list(caseworker2, `villageId=${county.villageId}`)).toEqual([]);
  });

  it("shows another county none of this county's cases, and this county none of its", async () => {
    expect(idsOf(await list(elsewhere.officer))).toEqual([ids.far]);
    expect(idsOf(await list(elsewhere.officer, `headName=${encodeURIComponent('张三丰')}`))).toEqual([
      ids.far,
    ]);
    expect(idsOf(await list(county.officer))).not.toContain(ids.far);
  });

  it('shows a department officer only the cases its department has business with, and only its own tasks', async () => {
    // 民政 has a data-check request in each case of the county (the withdrawn one's was cancelled).
    const civil = await list(county.department('civilAffairs'));
    expect(idsOf(civil)).toEqual([ids.e, ids.d, ids.c, ids.b, ids.a]);
    expect(civil.find((item) => item.id === ids.a)!.openTasks).toHaveLength(1);
    expect(await list(county.department('humanResources'))).toEqual([]);
    // An officer whose department is not recorded has business with no case.
    const nobody = await signInNewUser(platform, 'departmentOfficer', county.countyId);
    expect(await list(nobody)).toEqual([]);
  });
});

describe('search by ID number', () => {
  async function searches(actorUsername: string) {
    return platform.dataSource.query(
      `SELECT actor_id, actor_username, actor_role, actor_jurisdiction_id, entity_type, entity_id, after
       FROM audit_events WHERE action = 'case.searchedByIdNumber' AND actor_username = $1 ORDER BY id`,
      [actorUsername],
    );
  }

  it('finds the case of the household with that member exactly, and audits who searched, the masked number and the matches', async () => {
    const username = (await county.officer.get('/auth/me')).body.username;
    const before = (await searches(username)).length;
    const found = await list(county.officer, `idNumber=${spouseOfB}`);
    expect(idsOf(found)).toEqual([ids.b]);
    const audited = await searches(username);
    expect(audited).toHaveLength(before + 1);
    const masked = `${spouseOfB.slice(0, 6)}********${spouseOfB.slice(-4)}`;
    expect(audited[audited.length - 1]).toMatchObject({
      actor_role: 'countyOfficer',
      actor_jurisdiction_id: county.countyId,
      entity_type: 'caseSearch',
      entity_id: masked,
      after: { idNumber: masked, matched: 1, caseIds: [ids.b], page: 'first' },
    });
    expect(JSON.stringify(audited)).not.toContain(spouseOfB);
    // Exact: another valid number of the same region and birth date finds nothing, and is audited as such.
    expect(await list(county.officer, `idNumber=${otherNumberOf(spouseOfB)}`)).toEqual([]);
    expect((await searches(username)).slice(-1)[0].after).toMatchObject({ matched: 0, caseIds: [] });
  });

  it('takes a lower-case x as the X it stands for', async () => {
    expect(idsOf(await list(county.caseworker, `idNumber=${xIdNumber.slice(0, 17)}x`))).toEqual([ids.a]);
    expect(idsOf(await list(county.caseworker, `idNumber=${xIdNumber}`))).toEqual([ids.a]);
  });

  it('finds nothing outside the scope and audits that search too, with no match', async () => {
    const username = (await elsewhere.officer.get('/auth/me')).body.username;
    expect(await list(elsewhere.officer, `idNumber=${spouseOfB}`)).toEqual([]);
    const [last] = (await searches(username)).slice(-1);
    expect(last).toMatchObject({ actor_role: 'countyOfficer', after: { matched: 0, caseIds: [] } });
  });

  it('combines with the other filters', async () => {
    expect(await list(county.officer, `idNumber=${spouseOfB}&urgent=false`)).toEqual([]);
    expect(idsOf(await list(county.officer, `idNumber=${spouseOfB}&status=open`))).toEqual([ids.b]);
  });
});

describe('bad input', () => {
  const cases: [string, string, RegExp][] = [
    ['headName', `headName=${'张'.repeat(51)}`, /过长/],
    ['headName', 'headName=a&headName=b', /应为字符串/],
    ['idNumber', 'idNumber=370323195001011234', /身份证号码无效/],
    ['idNumber', 'idNumber=12345', /身份证号码无效/],
    ['stage', 'stage=finished', /不是已知的案件阶段/],
    ['status', 'status=pending', /open（在办）或 closed（已办结）/],
    ['urgent', 'urgent=yes', /布尔值/],
    ['initiatedByMe', 'initiatedByMe=1', /布尔值/],
    ['villageId', 'villageId=abc', /区划代码/],
    ['jurisdictionId', "jurisdictionId=1'; --", /区划代码/],
    ['createdFrom', 'createdFrom=2026/01/01', /YYYY-MM-DD/],
    ['createdFrom', 'createdFrom=2026-02-30', /不是有效日期/],
    ['createdTo', 'createdFrom=2026-03-02&createdTo=2026-03-01', /不能早于 createdFrom/],
    ['limit', 'limit=0', /过小/],
    ['limit', 'limit=101', /过大/],
    ['cursor', 'cursor=not-a-cursor', /无效/],
    [
      'cursor',
      `cursor=${Buffer.from(JSON.stringify(['2026-01-01T00:00:00Z', 'x'])).toString('base64url')}`,
      /无效/,
    ],
    ['foo', 'foo=1', /不允许的字段/],
  ];

  it.each(cases)('refuses %s (%s) with a 400 naming the field in Chinese', async (field, query, message) => {
    const response = await county.officer.get(`/cases?${query}`);
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    expect(response.body.message).toMatch(/[\u4e00-\u9fff]/);
    expect(JSON.stringify(response.body)).toMatch(message);
  });

  it('audits no search whose ID number was refused', async () => {
    const [{ n }] = await platform.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'case.searchedByIdNumber' AND entity_id LIKE '12345%'`,
    );
    expect(n).toBe(0);
  });

  it('needs a sign-in', async () => {
    const response = await fetch(`${platform.baseUrl}/cases`);
    expect(response.status).toBe(401);
  });
});
