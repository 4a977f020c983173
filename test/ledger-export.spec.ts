// 三本台账 as Excel and corrected as new rows: the xlsx export read back with exceljs (Chinese headers, a frozen
// header row, times as dates in China time, masked IDs, only the window and place asked for), each export run
// audited with its filters, and a correction by the county centre that leaves the old row as it was.
// The entries are inserted directly (the workflow activities write them in production) in a year of their own.

import { randomInt, randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { type FiledCase, fileCase } from './support/filed-case';
import { createVillage } from './support/places';
import { ApiClient, type Platform, startPlatform } from './support/platform';
import { createUser } from './support/users';

const YEAR = 2200 + randomInt(0, 700);
const Q1 = `from=${YEAR}-01-01&to=${YEAR}-03-31`;

let platform: Platform;
let village: string;
let otherVillage: string;
const clients: Record<string, ApiClient> = {};
const cases: FiledCase[] = [];
const entry = {
  jan: `jan-${randomUUID()}`,
  mar: `mar-${randomUUID()}`,
  april: `apr-${randomUUID()}`,
  otherVillage: `other-${randomUUID()}`,
};

async function client(username: string): Promise<ApiClient> {
  clients[username] ??= await ApiClient.login(platform.baseUrl, username);
  return clients[username];
}

async function insertEntry(id: string, caseIndex: number, event: string, at: string, body = {}) {
  await platform.dataSource.query(
    `INSERT INTO ledger_entries (id, ledger, case_id, jurisdiction_path, event, entry, recorded_at)
     VALUES ($1, 'identification', $2, $3, $4, $5, $6)`,
    [id, cases[caseIndex].id, cases[caseIndex].path, event, JSON.stringify(body), at],
  );
}

/** The xlsx download read back into a workbook. */
async function workbookOf(username: string, path: string) {
  const download = await (await client(username)).getBytes(path);
  expect(download.status).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(download.bytes as unknown as ArrayBuffer);
  return { workbook, sheet: workbook.worksheets[0], headers: download.headers };
}

const ids = (sheet: ExcelJS.Worksheet) =>
  sheet
    .getColumn(9)
    .values.slice(2)
    .filter((value) => value !== undefined);

async function exportEvents(username: string) {
  return platform.dataSource.query(
    `SELECT after FROM audit_events WHERE action = 'ledger.exported' AND actor_username = $1 ORDER BY id`,
    [username],
  );
}

beforeAll(async () => {
  platform = await startPlatform();
  village = await createVillage(platform.dataSource);
  otherVillage = await createVillage(platform.dataSource);
  for (const place of [village, village, otherVillage]) {
    const caseworker = await client((await createUser(platform.dataSource, 'caseworker', place)).username);
    cases.push(await fileCase(platform, caseworker, place));
  }
  await insertEntry(entry.jan, 0, 'recognised', `${YEAR}-01-05T10:00:00+08:00`, {
    perCapitaIncome: 4400,
    idNumber: cases[0].headIdNumber,
  });
  // 23:30 on 31 March in China: still the first quarter, and the cell shows 23:30, not UTC's 15:30.
  await insertEntry(entry.mar, 1, 'recognised', `${YEAR}-03-31T23:30:00+08:00`, { summary: '认定纳入' });
  await insertEntry(entry.april, 0, 'reviewed', `${YEAR}-04-01T00:10:00+08:00`);
  await insertEntry(entry.otherVillage, 2, 'recognised', `${YEAR}-02-01T09:00:00+08:00`);
});

afterAll(async () => {
  await platform?.stop();
});

describe('ledger export as xlsx', () => {
  it('reads back with Chinese headers, a frozen header row, times as dates and masked IDs', async () => {
    const { sheet, headers } = await workbookOf(
      'tr_dongli',
      `/ledgers/identification/export?format=xlsx&${Q1}&jurisdictionId=${village}`,
    );
    expect(headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(headers.get('content-disposition')).toContain(
      encodeURIComponent(`认定台账_${YEAR}-01-01_${YEAR}-03-31.xlsx`),
    );
    expect(sheet.name).toBe('认定台账');
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      '登记时间',
      '镇(街道)',
      '村(社区)',
      '户主',
      '身份证号',
      '事项',
      '详情',
      '更正',
      '登记编号',
      '案件编号',
    ]);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(7).width).toBe(60);
    expect(ids(sheet)).toEqual([entry.jan, entry.mar]);
    const jan = sheet.getRow(2);
    // Excel has no time zones: the cell holds China's wall-clock time.
    expect(jan.getCell(1).value).toEqual(new Date(`${YEAR}-01-05T10:00:00Z`));
    expect(jan.getCell(1).numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(sheet.getRow(3).getCell(1).value).toEqual(new Date(`${YEAR}-03-31T23:30:00Z`));
    const masked = `${cases[0].headIdNumber.slice(0, 6)}********${cases[0].headIdNumber.slice(-4)}`;
    expect(jan.getCell(2).value).toBe('东里镇');
    expect(jan.getCell(5).value).toBe(masked);
    expect(jan.getCell(6).value).toBe('认定纳入');
    expect(jan.getCell(7).value).toContain('人均收入(元)：4000–5000元');
    expect(jan.getCell(10).value).toBe(cases[0].id);
    const cells = JSON.stringify(sheet.getSheetValues());
    for (const c of cases) expect(cells).not.toContain(c.headIdNumber);
  });

  it('keeps to the period, the place asked for and the user’s subtree', async () => {
    const whole = await workbookOf('co_county', `/ledgers/identification/export?format=xlsx&${Q1}`);
    expect(ids(whole.sheet)).toEqual(expect.arrayContaining([entry.jan, entry.otherVillage, entry.mar]));
    expect(ids(whole.sheet)).not.toContain(entry.april);
    const other = await workbookOf(
      'co_county',
      `/ledgers/identification/export?format=xlsx&${Q1}&jurisdictionId=${otherVillage}`,
    );
    expect(ids(other.sheet)).toEqual([entry.otherVillage]);
    const outside = await workbookOf('tr_yuezhuang', `/ledgers/identification/export?format=xlsx&${Q1}`);
    expect(outside.sheet.rowCount).toBe(1);
    expect((await (await client('tr_dongli')).get('/ledgers/identification/export?format=pdf')).status).toBe(
      400,
    );
  });

  it('audits each export run with its format and filters', async () => {
    const inspector = (await createUser(platform.dataSource, 'inspector', '370323')).username;
    await workbookOf(inspector, `/ledgers/identification/export?format=xlsx&${Q1}&jurisdictionId=${village}`);
    const csv = await (await client(inspector)).getBytes(`/ledgers/identification/export?from=${YEAR}-04-01`);
    expect(csv.status).toBe(200);
    expect((await exportEvents(inspector)).map((row: { after: unknown }) => row.after)).toEqual([
      expect.objectContaining({
        format: 'xlsx',
        from: `${YEAR}-01-01`,
        to: `${YEAR}-03-31`,
        jurisdictionId: village,
        villageId: null,
        scope: '370323',
      }),
      expect.objectContaining({ format: 'csv', from: `${YEAR}-04-01`, to: null, jurisdictionId: null }),
    ]);
  });
});

describe('ledger corrections', () => {
  const path = (id: string) => `/ledgers/identification/entries/${encodeURIComponent(id)}/corrections`;
  const correction = {
    summary: '认定纳入；人均收入(元)：4100',
    reason: '入户调查表收入录入有误，经核实更正',
  };

  it('adds a row that names the old one, which stays as written; the lists say which is which', async () => {
    const officer = await client('co_county');
    const created = await officer.post(path(entry.jan), correction);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ corrects: entry.jan, id: expect.stringMatching(/^correction:/) });
    const [original] = await platform.dataSource.query('SELECT entry FROM ledger_entries WHERE id = $1', [
      entry.jan,
    ]);
    expect(original.entry).toEqual({ perCapitaIncome: 4400, idNumber: cases[0].headIdNumber });

    const list = await officer.get(`/ledgers/identification?jurisdictionId=${village}`);
    const byId = new Map(list.body.items.map((item: { id: string }) => [item.id, item]));
    expect(byId.get(entry.jan)).toMatchObject({ corrects: null, correctedBy: created.body.id });
    expect(byId.get(created.body.id)).toMatchObject({
      corrects: entry.jan,
      correctedBy: null,
      event: 'recognised',
      caseId: cases[0].id,
      entry: expect.objectContaining({
        summary: correction.summary,
        correction: expect.objectContaining({ reason: correction.reason, username: 'co_county' }),
      }),
    });

    const [audit] = await platform.dataSource.query(
      `SELECT actor_username, case_id, reason, before, after FROM audit_events
       WHERE action = 'ledger.corrected' AND entity_id = $1`,
      [created.body.id],
    );
    expect(audit).toMatchObject({
      actor_username: 'co_county',
      case_id: cases[0].id,
      reason: correction.reason,
      before: expect.objectContaining({ id: entry.jan }),
      after: expect.objectContaining({ corrects: entry.jan }),
    });

    const { sheet } = await workbookOf(
      'co_county',
      `/ledgers/identification/export?format=xlsx&jurisdictionId=${village}`,
    );
    const rows = sheet.getSheetValues().slice(2) as ExcelJS.CellValue[][];
    expect(rows.find((row) => row[9] === entry.jan)?.[8]).toBe(`已被更正（见 ${created.body.id}）`);
    expect(rows.find((row) => row[9] === created.body.id)?.[8]).toBe(`更正 ${entry.jan}`);
  });

  it('cannot be edited or deleted by the platform’s database role (grants), only added to', async () => {
    for (const statement of [
      `UPDATE ledger_entries SET event = event WHERE id = '${entry.april}'`,
      `DELETE FROM ledger_entries WHERE id = '${entry.april}'`,
      'TRUNCATE ledger_entries',
    ]) {
      await expect(platform.dataSource.query(statement)).rejects.toThrow(/permission denied/);
    }
  });

  it('corrects a row once: a further correction corrects the newer row', async () => {
    const officer = await client('co_county');
    const first = await officer.post(path(entry.mar), correction);
    expect(first.status).toBe(201);
    const again = await officer.post(path(entry.mar), correction);
    expect(again.status).toBe(409);
    expect(again.body.message).toContain(first.body.id);
    const newer = await officer.post(path(first.body.id), { ...correction, summary: '认定纳入（再次更正）' });
    expect(newer.status).toBe(201);
    expect(newer.body.corrects).toBe(first.body.id);
  });

  it('is for the county centre, within its subtree, with a reason', async () => {
    for (const username of ['tr_dongli', 'inspector', 'sup_dongli']) {
      const refused = await (await client(username)).post(path(entry.april), correction);
      expect([username, refused.status]).toEqual([username, 403]);
    }
    const officer = await client('co_county');
    const noReason = await officer.post(path(entry.april), { summary: correction.summary, reason: ' ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].field).toBe('reason');
    expect((await officer.post(path(`missing-${randomUUID()}`), correction)).status).toBe(404);
    const elsewhere = (await createUser(platform.dataSource, 'countyOfficer', '370323105')).username;
    expect((await (await client(elsewhere)).post(path(entry.april), correction)).status).toBe(404);
  });
});
