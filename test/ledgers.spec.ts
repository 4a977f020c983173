// 三本台账 the three ledgers and the 督查问责 override report, read through the API: scoped to the user's
// subtree, filtered by China-local dates and village, keyset pages, and CSV downloads Excel opens.
// The rows are inserted directly (the workflow activities write them in production) for cases of this
// spec's own village, in a year of their own so no other spec's rows fall in the windows asked for.

import { randomInt, randomUUID } from 'node:crypto';
import { DEMO_PASSWORD } from '../scripts/lib/demo-county';
import { type FiledCase, fileCase } from './support/filed-case';
import { createVillage } from './support/places';
import { ApiClient, type Platform, startPlatform } from './support/platform';
import { createUser } from './support/users';

const YUEZHUANG = '370323105'; // 悦庄镇
const YEAR = 2200 + randomInt(0, 700);
const Q1 = `from=${YEAR}-01-01&to=${YEAR}-03-31`;
const WHOLE_YEAR = `from=${YEAR}-01-01&to=${YEAR}-12-31`;

let platform: Platform;
let village: string;
let villageName: string;
let caseworkerName: string;
const clients: Record<string, ApiClient> = {};
// Two cases of the village, with their household heads' full ID numbers.
const cases: FiledCase[] = [];
const ids = (prefix: string) => `${prefix}-${randomUUID()}`;
// Identification-ledger entries by name, and a support-ledger entry that must not show with them.
const entry = {
  jan: ids('jan'),
  feb: ids('feb'),
  febSameTime: ids('feb'),
  lastMinuteOfQ1: ids('mar'),
  firstMinuteOfQ2: ids('apr'),
  support: ids('support'),
};
const flag = { jan: ids('flag'), feb: ids('flag'), otherKind: ids('flag') };

async function client(username: string): Promise<ApiClient> {
  clients[username] ??= await ApiClient.login(platform.baseUrl, username);
  return clients[username];
}

async function insertEntry(
  id: string,
  ledger: string,
  caseIndex: number,
  event: string,
  at: string,
  body: Record<string, unknown> = {},
) {
  await platform.dataSource.query(
    `INSERT INTO ledger_entries (id, ledger, case_id, jurisdiction_path, event, entry, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [id, ledger, cases[caseIndex].id, cases[caseIndex].path, event, JSON.stringify(body), at],
  );
}

async function insertFlag(id: string, kind: string, caseIndex: number, at: string) {
  const [officer] = await platform.dataSource.query(`SELECT id FROM users WHERE username = 'co_county'`);
  await platform.dataSource.query(
    `INSERT INTO inspection_flags (id, kind, case_id, jurisdiction_path, actor_id, actor_username, actor_role,
       reason, detail, flagged_at)
     VALUES ($1, $2, $3, $4, $5, 'co_county', 'countyOfficer', $6, $7, $8)`,
    [
      id,
      kind,
      cases[caseIndex].id,
      cases[caseIndex].path,
      officer.id,
      '经核实该商品房已于申请前出售',
      JSON.stringify({
        taskId: `${cases[caseIndex].id}:hitReview:1`,
        hits: [
          {
            department: 'housing',
            category: 'commercialHousing',
            detail: '县城商品房一套',
            idNumber: cases[caseIndex].headIdNumber,
          },
        ],
      }),
      at,
    ],
  );
}

/** A CSV download, read as bytes, with the signed-in user's token. */
async function download(username: string, path: string) {
  const login = await ApiClient.anonymous(platform.baseUrl).post('/auth/login', {
    username,
    password: DEMO_PASSWORD,
  });
  const response = await fetch(`${platform.baseUrl}${path}`, {
    headers: { authorization: `Bearer ${login.body.accessToken}` },
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, bytes, text: bytes.toString('utf8') };
}

/** Every item of a list, following nextCursor. */
async function allPages(api: ApiClient, path: string, limit: number) {
  const pages: string[][] = [];
  let cursor: string | null = null;
  do {
    const response: { status: number; body: any } = await api.get(
      `${path}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(response.status).toBe(200);
    pages.push(response.body.items.map((item: { id: string }) => item.id));
    cursor = response.body.nextCursor;
  } while (cursor && pages.length < 20);
  return pages;
}

beforeAll(async () => {
  platform = await startPlatform();
  village = await createVillage(platform.dataSource);
  [{ name: villageName }] = await platform.dataSource.query('SELECT name FROM jurisdictions WHERE id = $1', [
    village,
  ]);
  caseworkerName = (await createUser(platform.dataSource, 'caseworker', village)).username;
  const caseworker = await client(caseworkerName);
  for (let i = 0; i < 2; i++) {
    cases.push(await fileCase(platform, caseworker, village));
  }
  await insertEntry(entry.jan, 'identification', 0, 'recognised', `${YEAR}-01-05T10:00:00+08:00`, {
    perCapitaIncome: 4400,
    povertyLine: 6312,
    reasons: ['家庭人均收入低于相对贫困线'],
    idNumber: cases[0].headIdNumber,
  });
  await insertEntry(entry.feb, 'identification', 1, 'recognised', `${YEAR}-02-10T09:00:00+08:00`);
  await insertEntry(entry.febSameTime, 'identification', 0, 'reEnrolled', `${YEAR}-02-10T09:00:00+08:00`);
  // 23:30 on 31 March in China is still the first quarter there, though it is 15:30 UTC.
  await insertEntry(entry.lastMinuteOfQ1, 'identification', 1, 'recognised', `${YEAR}-03-31T23:30:00+08:00`);
  // 00:10 on 1 April in China is the second quarter, though it is still 31 March in UTC.
  await insertEntry(entry.firstMinuteOfQ2, 'identification', 0, 'laterEvent', `${YEAR}-04-01T00:10:00+08:00`);
  await insertEntry(entry.support, 'support', 0, 'planDrafted', `${YEAR}-01-20T10:00:00+08:00`);
  await insertFlag(flag.jan, 'hitOverride', 0, `${YEAR}-01-15T10:00:00+08:00`);
  await insertFlag(flag.feb, 'hitOverride', 1, `${YEAR}-02-20T10:00:00+08:00`);
  await insertFlag(flag.otherKind, 'otherKind', 1, `${YEAR}-02-21T10:00:00+08:00`);
});

afterAll(async () => {
  await platform?.stop();
});

describe('ledgers', () => {
  it('lists a ledger newest first, with the village, the household head (masked ID) and Chinese labels', async () => {
    const response = await (await client('tr_dongli')).get(`/ledgers/identification?${WHOLE_YEAR}`);
    expect(response.status).toBe(200);
    expect(response.body.ledgerLabel).toBe('认定台账');
    const items = response.body.items;
    const sameTime = [entry.feb, entry.febSameTime].sort().reverse();
    expect(items.map((i: { id: string }) => i.id)).toEqual([
      entry.firstMinuteOfQ2,
      entry.lastMinuteOfQ1,
      ...sameTime,
      entry.jan,
    ]);
    const jan = items[items.length - 1];
    expect(jan).toEqual({
      id: entry.jan,
      ledger: 'identification',
      ledgerLabel: '认定台账',
      event: 'recognised',
      eventLabel: '认定纳入',
      caseId: cases[0].id,
      townshipId: '370323104',
      townshipName: '东里镇',
      villageId: village,
      villageName,
      householdHead: '王建国',
      householdHeadIdNumber: `${cases[0].headIdNumber.slice(0, 6)}********${cases[0].headIdNumber.slice(-4)}`,
      entry: {
        perCapitaIncome: '4000–5000元', // an income band: exact incomes are shown only by the reveal endpoint
        povertyLine: 6312,
        reasons: ['家庭人均收入低于相对贫困线'],
        idNumber: `${cases[0].headIdNumber.slice(0, 6)}********${cases[0].headIdNumber.slice(-4)}`,
      },
      recordedAt: new Date(`${YEAR}-01-05T10:00:00+08:00`).toISOString(),
      corrects: null,
      correctedBy: null,
    });
    // An event this build has no label for shows as itself.
    expect(items[0]).toMatchObject({ event: 'laterEvent', eventLabel: 'laterEvent' });
    const support = await (await client('tr_dongli')).get(`/ledgers/support?${WHOLE_YEAR}`);
    expect(support.body.items.map((i: { id: string }) => i.id)).toEqual([entry.support]);
    expect(support.body.items[0].eventLabel).toBe('制定帮扶计划');
  });

  it("shows a ledger only inside the user's subtree, and only to the roles that keep or check it", async () => {
    for (const username of ['co_county', 'sup_dongli', 'inspector', 'admin', caseworkerName]) {
      const response = await (await client(username)).get(`/ledgers/identification?${WHOLE_YEAR}`);
      expect([username, response.status, response.body.items.length]).toEqual([username, 200, 5]);
    }
    for (const username of ['tr_yuezhuang', 'cw_dongli_east']) {
      const response = await (await client(username)).get(`/ledgers/identification?${WHOLE_YEAR}`);
      expect([username, response.status, response.body.items]).toEqual([username, 200, []]);
    }
    const byVillage = await (
      await client('tr_yuezhuang')
    ).get(`/ledgers/identification?${WHOLE_YEAR}&villageId=${village}`);
    expect(byVillage.body.items).toEqual([]);
    expect((await (await client('dept_civil')).get(`/ledgers/identification?${WHOLE_YEAR}`)).status).toBe(
      403,
    );
  });

  it('filters by China-local dates and by village', async () => {
    const reviewer = await client('tr_dongli');
    const q1 = await reviewer.get(`/ledgers/identification?${Q1}`);
    expect(q1.body.items.map((i: { id: string }) => i.id)).toContain(entry.lastMinuteOfQ1);
    expect(q1.body.items.map((i: { id: string }) => i.id)).not.toContain(entry.firstMinuteOfQ2);
    expect(q1.body.items).toHaveLength(4);
    const april = await reviewer.get(`/ledgers/identification?from=${YEAR}-04-01&to=${YEAR}-04-01`);
    expect(april.body.items.map((i: { id: string }) => i.id)).toEqual([entry.firstMinuteOfQ2]);
    const mine = await reviewer.get(`/ledgers/identification?${WHOLE_YEAR}&villageId=${village}`);
    expect(mine.body.items).toHaveLength(5);
    const other = await reviewer.get(`/ledgers/identification?${WHOLE_YEAR}&villageId=370323104203`);
    expect(other.body.items).toEqual([]);
  });

  it('refuses an unknown ledger, an impossible date and a window that ends before it starts', async () => {
    const reviewer = await client('tr_dongli');
    const unknown = await reviewer.get('/ledgers/poverty');
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ field: 'ledger', message: expect.stringContaining('认定台账') }]);
    expect((await reviewer.get('/ledgers/poverty/export')).status).toBe(400);
    const impossible = await reviewer.get(`/ledgers/identification?from=${YEAR}-02-30`);
    expect(impossible.status).toBe(400);
    expect(impossible.body.errors[0].field).toBe('from');
    const backwards = await reviewer.get(`/ledgers/identification?from=${YEAR}-03-01&to=${YEAR}-02-01`);
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors[0].field).toBe('to');
    expect((await reviewer.get('/ledgers/identification?cursor=nonsense')).status).toBe(400);
    expect((await reviewer.get('/ledgers/identification?limit=101')).status).toBe(400);
  });

  it('pages with nextCursor: every entry once, in order, then a null cursor', async () => {
    const reviewer = await client('tr_dongli');
    const full = await reviewer.get(`/ledgers/identification?${WHOLE_YEAR}`);
    const pages = await allPages(reviewer, `/ledgers/identification?${WHOLE_YEAR}`, 2);
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(pages.flat()).toEqual(full.body.items.map((i: { id: string }) => i.id));
  });

  it('exports a quarter as CSV for Excel: BOM, Chinese headers, masked IDs, oldest first', async () => {
    const csv = await download('tr_dongli', `/ledgers/identification/export?${Q1}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    const fileName = `认定台账_${YEAR}-01-01_${YEAR}-03-31.csv`;
    expect(csv.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent(fileName)}`,
    );
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.text.slice(1).split('\r\n');
    expect(lines[0]).toBe('登记时间,镇(街道),村(社区),户主,身份证号,事项,详情,案件编号');
    expect(lines.at(-1)).toBe('');
    const rows = lines.slice(1, -1);
    expect(rows).toHaveLength(4);
    const masked = `${cases[0].headIdNumber.slice(0, 6)}********${cases[0].headIdNumber.slice(-4)}`;
    expect(
      rows[0].startsWith(`${YEAR}-01-05 10:00:00,东里镇,${villageName},王建国,${masked},认定纳入,`),
    ).toBe(true);
    expect(rows[0]).toContain('人均收入(元)：4000–5000元');
    expect(rows[0].endsWith(`,${cases[0].id}`)).toBe(true);
    expect(rows[3].startsWith(`${YEAR}-03-31 23:30:00,`)).toBe(true);
    for (const c of cases) expect(csv.text).not.toContain(c.headIdNumber);
  });

  it('exports only what the user may see', async () => {
    const csv = await download('tr_yuezhuang', `/ledgers/identification/export?${Q1}`);
    expect(csv.status).toBe(200);
    expect(csv.text.slice(1)).toBe('登记时间,镇(街道),村(社区),户主,身份证号,事项,详情,案件编号\r\n');
  });
});

describe('inspection: overridden data-check hits', () => {
  it('lists the overrides in scope newest first: who, when, why, which hits, which case', async () => {
    const response = await (await client('inspector')).get(`/inspection/overrides?${WHOLE_YEAR}`);
    expect(response.status).toBe(200);
    expect(response.body.items.map((i: { id: string }) => i.id)).toEqual([flag.feb, flag.jan]);
    const masked = `${cases[1].headIdNumber.slice(0, 6)}********${cases[1].headIdNumber.slice(-4)}`;
    expect(response.body.items[0]).toMatchObject({
      kind: 'hitOverride',
      caseId: cases[1].id,
      villageId: village,
      villageName,
      townshipName: '东里镇',
      householdHead: '王建国',
      householdHeadIdNumber: masked,
      actor: { username: 'co_county', role: 'countyOfficer', roleLabel: '县相对贫困服务中心' },
      reason: '经核实该商品房已于申请前出售',
      hits: [
        { department: 'housing', category: 'commercialHousing', detail: '县城商品房一套', idNumber: masked },
      ],
      summary: '住建局：商品房（县城商品房一套）',
      flaggedAt: new Date(`${YEAR}-02-20T10:00:00+08:00`).toISOString(),
    });
    expect(response.body.items[0].actor.displayName).toBe('陈刚（县相对贫困服务中心）');
  });

  it("keeps the report inside the user's subtree and to the roles that inspect", async () => {
    for (const username of ['sup_dongli', 'co_county', 'admin']) {
      const response = await (await client(username)).get(`/inspection/overrides?${WHOLE_YEAR}`);
      expect([username, response.status, response.body.items.length]).toEqual([username, 200, 2]);
    }
    const yuezhuangSupervisor = (await createUser(platform.dataSource, 'supervisor', YUEZHUANG)).username;
    const outside = await (await client(yuezhuangSupervisor)).get(`/inspection/overrides?${WHOLE_YEAR}`);
    expect(outside.body.items).toEqual([]);
    for (const username of ['tr_dongli', caseworkerName, 'dept_housing']) {
      const response = await (await client(username)).get(`/inspection/overrides?${WHOLE_YEAR}`);
      expect([username, response.status]).toEqual([username, 403]);
    }
  });

  it('pages and filters the report', async () => {
    const inspector = await client('inspector');
    expect(await allPages(inspector, `/inspection/overrides?${WHOLE_YEAR}`, 1)).toEqual([
      [flag.feb],
      [flag.jan],
    ]);
    const january = await inspector.get(`/inspection/overrides?from=${YEAR}-01-01&to=${YEAR}-01-31`);
    expect(january.body.items.map((i: { id: string }) => i.id)).toEqual([flag.jan]);
  });

  it('exports the report as CSV with the hits described in Chinese and IDs masked', async () => {
    const csv = await download('inspector', `/inspection/overrides/export?${WHOLE_YEAR}`);
    expect(csv.status).toBe(200);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent(`比对命中排除记录_${YEAR}-01-01_${YEAR}-12-31.csv`)}`,
    );
    const lines = csv.text.slice(1).split('\r\n');
    expect(lines[0]).toBe(
      '排除时间,镇(街道),村(社区),户主,身份证号,操作人,账号,角色,排除理由,被排除的比对命中,案件编号',
    );
    expect(lines.slice(1, -1)).toHaveLength(2);
    expect(lines[1]).toContain(
      `,陈刚（县相对贫困服务中心）,co_county,县相对贫困服务中心,经核实该商品房已于申请前出售,住建局：商品房（县城商品房一套）,${cases[0].id}`,
    );
    for (const c of cases) expect(csv.text).not.toContain(c.headIdNumber);
    expect((await download('tr_dongli', `/inspection/overrides/export?${WHOLE_YEAR}`)).status).toBe(403);
  });
});
