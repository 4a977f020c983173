// 统计 the reporting rhythm's figures for a county of this spec's own with known cases: households and people
// enrolled, recognised, in support, exited and relapsed by township, causes, measures and SLA compliance in a
// quarter (its edges in China time); another county's cases are not counted, nor shown to this county.
// The read model is written directly (the workflow activities write it in production).

import { randomInt, randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { ApiClient, type Platform, startPlatform } from './support/platform';
import { createUser } from './support/users';

const YEAR = 2200 + randomInt(0, 700);
const PERIOD = `${YEAR}Q2`;
const at = (date: string) => `${YEAR}-${date}+08:00`;

let platform: Platform;
let officer: ApiClient;
let officerId: string;

interface Place {
  county: string;
  townships: [string, string];
  villages: [string, string];
}

/** A county with two townships of one village each; ids of its own, under a province code no demo uses. */
async function createCounty(name: string): Promise<Place> {
  const county = `99${randomInt(1000, 10_000)}`;
  const rows: [string, string, string, string | null, string][] = [[county, name, 'county', null, county]];
  const townships: string[] = [];
  const villages: string[] = [];
  for (const n of [1, 2]) {
    const township = `${county}10${n}`;
    const village = `${township}201`;
    rows.push([township, `${name}${n}镇`, 'township', county, `${county}.${township}`]);
    rows.push([village, `${name}${n}村`, 'village', township, `${county}.${township}.${village}`]);
    townships.push(township);
    villages.push(village);
  }
  for (const row of rows) {
    await platform.dataSource.query(
      'INSERT INTO jurisdictions (id, name, level, parent_id, path) VALUES ($1, $2, $3, $4, $5)',
      row,
    );
  }
  return {
    county,
    townships: townships as [string, string],
    villages: villages as [string, string],
  };
}

interface CaseSeed {
  village: string;
  path: string;
  people: number;
  causes?: string[];
  createdAt: string;
  recognisedAt?: string;
  closedAt?: string;
}

let idSerial = 0;
const idNumber = () =>
  `99${String(randomInt(0, 1e9)).padStart(9, '0')}${String(++idSerial).padStart(6, '0')}X`;

/** A household of `people` members and its case. */
async function insertCase(seed: CaseSeed): Promise<string> {
  const household = randomUUID();
  const caseId = randomUUID();
  await platform.dataSource.query(
    `INSERT INTO households (id, village_id, address) VALUES ($1, $2, '测试地址')`,
    [household, seed.village],
  );
  for (let i = 0; i < seed.people; i++) {
    await platform.dataSource.query(
      `INSERT INTO household_members (id, household_id, name, id_number, relation) VALUES ($1, $2, $3, $4, $5)`,
      [randomUUID(), household, `成员${i}`, idNumber(), i === 0 ? 'head' : 'child'],
    );
  }
  await platform.dataSource.query(
    `INSERT INTO cases (id, household_id, workflow_id, channel, stage, status, village_id, jurisdiction_path,
       per_capita_income, application, created_by, created_at, recognised_at, closed_at)
     VALUES ($1, $2, $3, 'application', 'inSupport', $4, $5, $6, 4000, $7, $8, $9, $10, $11)`,
    [
      caseId,
      household,
      `statistics-${caseId}`,
      seed.closedAt ? 'closed' : 'open',
      seed.village,
      seed.path,
      JSON.stringify({ povertyCauses: seed.causes ?? [] }),
      officerId,
      seed.createdAt,
      seed.recognisedAt ?? null,
      seed.closedAt ?? null,
    ],
  );
  return caseId;
}

async function insertLedgerEntry(
  caseId: string,
  path: string,
  ledger: string,
  event: string,
  recordedAt: string,
) {
  const id = `${caseId}:${event}`;
  await platform.dataSource.query(
    `INSERT INTO ledger_entries (id, ledger, case_id, jurisdiction_path, event, entry, recorded_at)
     VALUES ($1, $2, $3, $4, $5, '{}', $6)`,
    [id, ledger, caseId, path, event, recordedAt],
  );
  return id;
}

async function insertTask(caseId: string, place: Place, kind: string, dueAt: string, closedAt: string) {
  await platform.dataSource.query(
    `INSERT INTO tasks (id, case_id, kind, stage, status, candidate_role, jurisdiction_id, jurisdiction_path,
       village_id, township_id, county_id, due_at, opened_at, closed_at, decision)
     VALUES ($1, $2, $3, 'homeSurvey', 'completed', 'caseworker', $4, $5, $4, $6, $7, $8, $9, $10, 'approve')`,
    [
      `${caseId}:${kind}:${randomUUID()}`,
      caseId,
      kind,
      place.villages[0],
      `${place.county}.${place.townships[0]}.${place.villages[0]}`,
      place.townships[0],
      place.county,
      dueAt,
      at('01-01T08:00:00'),
      closedAt,
    ],
  );
}

async function insertMeasure(caseId: string, department: string, status: string, updatedAt: string) {
  await platform.dataSource.query(
    `INSERT INTO support_measures (id, case_id, label, department, item, status, updated_at)
     VALUES ($1, $2, '低保', $3, '{}', $4, $5)`,
    [`${caseId}:measure:${randomUUID()}`, caseId, department, status, updatedAt],
  );
}

let county: Place;
let other: Place;

beforeAll(async () => {
  platform = await startPlatform();
  county = await createCounty('统计县');
  other = await createCounty('邻县');
  const user = await createUser(platform.dataSource, 'countyOfficer', county.county);
  officerId = user.id;
  officer = await ApiClient.login(platform.baseUrl, user.username);
  const [v1, v2] = county.villages;
  const path1 = `${county.county}.${county.townships[0]}.${v1}`;
  const path2 = `${county.county}.${county.townships[1]}.${v2}`;

  // Township 1: one household recognised in the quarter (in support at its end), two enrolled in it (the
  // last at 23:30 on 30 June China time), one enrolled at 00:10 on 1 July (the next quarter).
  const recognised = await insertCase({
    village: v1,
    path: path1,
    people: 3,
    causes: ['illness', 'schooling'],
    createdAt: at('02-01T09:00:00'),
    recognisedAt: at('04-10T10:00:00'),
  });
  await insertCase({
    village: v1,
    path: path1,
    people: 2,
    causes: ['illness'],
    createdAt: at('05-01T09:00:00'),
  });
  await insertCase({ village: v1, path: path1, people: 2, createdAt: at('06-30T23:30:00') });
  await insertCase({ village: v1, path: path1, people: 5, createdAt: at('07-01T00:10:00') });

  // Township 2: a household that exited in the quarter, and one that exited before it and relapsed in it.
  const exited = await insertCase({
    village: v2,
    path: path2,
    people: 4,
    causes: ['disability'],
    createdAt: at('01-05T09:00:00'),
    recognisedAt: at('02-01T09:00:00'),
  });
  await insertLedgerEntry(exited, path2, 'exit', 'exited', at('05-20T10:00:00'));
  const relapsed = await insertCase({
    village: v2,
    path: path2,
    people: 1,
    causes: ['accident'],
    createdAt: `${YEAR - 1}-01-05T09:00:00+08:00`,
    recognisedAt: `${YEAR - 1}-02-01T09:00:00+08:00`,
    closedAt: at('06-05T10:00:00'),
  });
  await insertLedgerEntry(relapsed, path2, 'exit', 'exited', `${YEAR - 1}-09-01T10:00:00+08:00`);
  await insertLedgerEntry(relapsed, path2, 'exit', 'reEnrolled', at('06-05T10:00:00'));

  await insertMeasure(recognised, 'civilAffairs', 'done', at('05-02T10:00:00'));
  await insertMeasure(recognised, 'civilAffairs', 'done', at('05-03T10:00:00'));
  await insertMeasure(recognised, 'humanResources', 'accepted', at('06-02T10:00:00'));
  await insertMeasure(recognised, 'education', 'done', at('07-02T10:00:00')); // next quarter

  await insertTask(recognised, county, 'homeSurvey', at('04-05T18:00:00'), at('04-05T17:00:00'));
  await insertTask(recognised, county, 'homeSurvey', at('04-05T18:00:00'), at('04-07T09:00:00'));
  await insertTask(recognised, county, 'recognition', at('04-20T18:00:00'), at('04-10T10:00:00'));
  await insertTask(recognised, county, 'recognition', at('03-20T18:00:00'), at('03-25T10:00:00')); // Q1

  // The other county: a household recognised in the same quarter, which this county must not count.
  const [ov] = other.villages;
  const otherCase = await insertCase({
    village: ov,
    path: `${other.county}.${other.townships[0]}.${ov}`,
    people: 6,
    causes: ['illness'],
    createdAt: at('04-02T09:00:00'),
    recognisedAt: at('04-03T09:00:00'),
  });
  await insertMeasure(otherCase, 'civilAffairs', 'done', at('05-02T10:00:00'));
});

afterAll(async () => {
  await platform?.stop();
});

const count = (households: number, people: number) => ({ households, people });
const none = count(0, 0);

describe('statistics', () => {
  it('counts the quarter by township: enrolled, recognised, in support, exited, relapsed', async () => {
    const response = await officer.get(`/statistics?period=${PERIOD}`);
    expect(response.status).toBe(200);
    const body = response.body;
    expect(body.period).toEqual({
      code: PERIOD,
      label: `${YEAR}年第二季度`,
      from: `${YEAR}-04-01`,
      to: `${YEAR}-06-30`,
    });
    expect(body.jurisdiction).toEqual({ id: county.county, name: '统计县', level: 'county' });
    expect(body.places).toEqual([
      {
        id: county.townships[0],
        name: '统计县1镇',
        enrolled: count(2, 4),
        recognised: count(1, 3),
        inSupport: count(1, 3),
        exited: none,
        relapsed: none,
      },
      {
        id: county.townships[1],
        name: '统计县2镇',
        enrolled: none,
        recognised: none,
        inSupport: none,
        exited: count(1, 4),
        relapsed: count(1, 1),
      },
    ]);
    expect(body.total).toMatchObject({
      id: county.county,
      enrolled: count(2, 4),
      recognised: count(1, 3),
      inSupport: count(1, 3),
      exited: count(1, 4),
      relapsed: count(1, 1),
    });
  });

  it('counts causes, measures by department and status, and tasks closed on time by kind', async () => {
    const { body } = await officer.get(`/statistics?period=${PERIOD}`);
    expect(body.causes).toEqual([
      { cause: 'illness', households: 1 },
      { cause: 'schooling', households: 1 },
    ]);
    expect(body.measures).toEqual([
      {
        department: 'civilAffairs',
        departmentLabel: '民政局',
        status: 'done',
        statusLabel: '已完成',
        measures: 2,
      },
      {
        department: 'humanResources',
        departmentLabel: expect.any(String),
        status: 'accepted',
        statusLabel: '已受理',
        measures: 1,
      },
    ]);
    expect(body.sla).toEqual([
      { kind: 'homeSurvey', label: expect.any(String), closed: 2, onTime: 1, rate: 50 },
      { kind: 'recognition', label: expect.any(String), closed: 1, onTime: 1, rate: 100 },
      { kind: 'all', label: '合计', closed: 3, onTime: 2, rate: 66.7 },
    ]);
  });

  it('reads a half-year and a year, and a township by its villages', async () => {
    const half = await officer.get(`/statistics?period=${YEAR}H1`);
    // The half-year holds the first quarter too: the exited household was recognised in it.
    expect(half.body.total.recognised).toEqual(count(2, 7));
    const year = await officer.get(`/statistics?period=${YEAR}`);
    expect(year.body.total.enrolled).toEqual(count(5, 16));
    const township = await officer.get(`/statistics?period=${PERIOD}&jurisdictionId=${county.townships[0]}`);
    expect(township.body.places.map((p: { id: string }) => p.id)).toEqual([county.villages[0]]);
    expect(township.body.total.enrolled).toEqual(count(2, 4));
    const village = await officer.get(`/statistics?period=${PERIOD}&jurisdictionId=${county.villages[1]}`);
    expect(village.body.places).toEqual([
      expect.objectContaining({ id: county.villages[1], exited: count(1, 4) }),
    ]);
  });

  it("counts nothing of another county and keeps to the user's subtree and roles", async () => {
    const { body } = await officer.get(`/statistics?period=${PERIOD}`);
    expect(body.measures.find((m: { department: string }) => m.department === 'civilAffairs').measures).toBe(
      2,
    );
    expect((await officer.get(`/statistics?period=${PERIOD}&jurisdictionId=${other.county}`)).status).toBe(
      404,
    );
    const inspector = await ApiClient.login(
      platform.baseUrl,
      (await createUser(platform.dataSource, 'inspector', other.county)).username,
    );
    const theirs = await inspector.get(`/statistics?period=${PERIOD}`);
    expect(theirs.body.total.recognised).toEqual(count(1, 6));
    // An inspector's report is on record; the county centre's screen is not.
    const viewed = await platform.dataSource.query(
      `SELECT actor_role, after FROM audit_events WHERE action = 'statistics.viewed' AND entity_id = ANY($1)`,
      [[county.county, other.county]],
    );
    expect(viewed).toEqual([
      { actor_role: 'inspector', after: { period: PERIOD, jurisdictionId: other.county } },
    ]);
    const caseworker = await ApiClient.login(
      platform.baseUrl,
      (await createUser(platform.dataSource, 'caseworker', county.villages[0])).username,
    );
    expect((await caseworker.get(`/statistics?period=${PERIOD}`)).status).toBe(403);
    expect((await officer.get(`/statistics?period=${YEAR}H3`)).status).toBe(400);
    expect((await officer.get('/statistics?period=Q2')).status).toBe(400);
  });

  it('exports the figures as an xlsx report, audited', async () => {
    const download = await officer.getBytes(`/statistics/export?period=${PERIOD}`);
    expect(download.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(download.bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      '户数人数',
      '致贫原因',
      '帮扶措施',
      '按时办结',
      '说明',
    ]);
    const places = workbook.getWorksheet('户数人数')!;
    expect(places.getRow(1).getCell(3).value).toBe('申请受理(户)');
    expect(places.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(places.getRow(2).values).toEqual([
      undefined,
      county.townships[0],
      '统计县1镇',
      2,
      4,
      1,
      3,
      1,
      3,
      0,
      0,
      0,
      0,
    ]);
    expect(places.getRow(4).getCell(2).value).toBe('统计县合计');
    expect(workbook.getWorksheet('致贫原因')!.getRow(2).values).toEqual([undefined, '因病', 1]);
    const sla = workbook.getWorksheet('按时办结')!;
    expect(sla.getRow(4).values).toEqual([undefined, '合计', 3, 2, 66.7]);
    const [audit] = await platform.dataSource.query(
      `SELECT after FROM audit_events WHERE action = 'statistics.exported' AND entity_id = $1`,
      [county.county],
    );
    expect(audit.after).toMatchObject({ period: PERIOD, jurisdictionId: county.county });
  });
});
