// 留痕检索 the audit search (issue #14): each filter narrows what an inspector sees of their county (actor, case,
// household, a member's ID number, action, place, days), another county's events never appear, a malformed
// filter is a 400 in Chinese, and the export (CSV and xlsx) reads back with the same events, masked, and is
// itself audited.

import ExcelJS from 'exceljs';
import { syntheticApplication } from '../scripts/lib/synthetic-households';
import { createCounty, type TestCounty } from './support/county';
import { Lifecycle } from './support/lifecycle';
import { createVillage } from './support/places';
import { type ApiClient, type ApiResponse, type Platform, startPlatform } from './support/platform';
import { signInNewUser } from './support/users';

interface Event {
  id: number;
  action: string;
  caseId: string | null;
  entityType: string;
  actor: { username: string; jurisdictionId: string };
}

const ID_NUMBER = /\d{17}[\dX]/;
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

let platform: Platform;
let lifecycle: Lifecycle;
let county: TestCounty;
let other: TestCounty;
let secondVillage: string;
let secondCaseworker: ApiClient;
let caseId: string;
let householdId: string;
let spouseIdNumber: string;
let secondCaseId: string;
let otherCaseId: string;

beforeAll(async () => {
  platform = await startPlatform();
  lifecycle = new Lifecycle(platform);
  county = await createCounty(platform.dataSource, platform.baseUrl);
  other = await createCounty(platform.dataSource, platform.baseUrl);
  secondVillage = await createVillage(platform.dataSource, county.townshipId);
  secondCaseworker = await signInNewUser(platform, 'caseworker', secondVillage);

  const first = await lifecycle.apply(county);
  caseId = first.caseId;
  spouseIdNumber = first.application.members[1].idNumber;
  [{ household_id: householdId }] = await platform.dataSource.query(
    'SELECT household_id FROM cases WHERE id = $1',
    [caseId],
  );
  const reveal = await county.officer.get(
    `/cases/${caseId}/personal-data?fields=idNumber&reason=${encodeURIComponent('核实家庭成员身份')}`,
  );
  expect(reveal.status).toBe(200);

  const second = await secondCaseworker.post('/cases', syntheticApplication(secondVillage));
  expect(second.status).toBe(201);
  secondCaseId = second.body.id;
  otherCaseId = (await lifecycle.apply(other)).caseId;
});

afterAll(async () => {
  await platform?.stop();
});

/** Every event the search answers for the query, following nextCursor. */
async function search(client: ApiClient, query: string): Promise<Event[]> {
  const items: Event[] = [];
  let cursor: string | null = null;
  do {
    const response: ApiResponse<{ items: Event[]; nextCursor: string | null }> = await client.get(
      `/audit/events?limit=100&${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(response.status).toBe(200);
    items.push(...response.body.items);
    cursor = response.body.nextCursor;
  } while (cursor);
  return items;
}

const caseIdsOf = (events: Event[]) => [...new Set(events.map((e) => e.caseId))].sort();

describe('the filters', () => {
  it('each narrow the county to what they name', async () => {
    const all = await search(county.inspector, '');
    expect(caseIdsOf(all)).toEqual(expect.arrayContaining([caseId, secondCaseId].sort()));
    expect(all.map((e) => e.caseId)).not.toContain(otherCaseId);

    const me = await county.caseworker.get('/auth/me');
    const byActor = await search(county.inspector, `actor=${me.body.username}`);
    expect(byActor.length).toBeGreaterThan(0);
    expect(byActor.every((e) => e.actor.username === me.body.username)).toBe(true);
    expect(byActor.length).toBeLessThan(all.length);

    const byCase = await search(county.inspector, `caseId=${caseId}`);
    expect(caseIdsOf(byCase)).toEqual([caseId]);

    // The household's cases, and the reveal of its members' personal data.
    const byHousehold = await search(county.inspector, `householdId=${householdId}`);
    expect(caseIdsOf(byHousehold)).toEqual([caseId]);
    expect(byHousehold.map((e) => e.action)).toEqual(
      expect.arrayContaining(['case.created', 'personalData.revealed']),
    );

    const byAction = await search(county.inspector, 'action=case.created');
    expect(byAction.every((e) => e.action === 'case.created')).toBe(true);
    expect(caseIdsOf(byAction)).toEqual([caseId, secondCaseId].sort());

    // The second village: its case, and what its own people did without a case.
    const byPlace = await search(county.inspector, `jurisdictionId=${secondVillage}`);
    expect(byPlace.length).toBeGreaterThan(0);
    for (const e of byPlace) {
      if (e.caseId) expect(e.caseId).toBe(secondCaseId);
      else expect(e.actor.jurisdictionId).toBe(secondVillage);
    }
    // Another county's place, named by this county's inspector: nothing, not an error.
    expect(await search(county.inspector, `jurisdictionId=${other.villageId}`)).toEqual([]);

    expect((await search(county.inspector, `caseId=${caseId}&from=${today()}&to=${today()}`)).length).toBe(
      byCase.length,
    );
    expect(await search(county.inspector, `caseId=${caseId}&from=2000-01-01&to=2000-12-31`)).toEqual([]);
  });

  it("finds a person's household by a member's ID number, never shows the number, and audits the search", async () => {
    const response = await county.inspector.get(`/audit/events?limit=100&idNumber=${spouseIdNumber}`);
    expect(response.status).toBe(200);
    expect(caseIdsOf(response.body.items)).toEqual([caseId]);
    expect(JSON.stringify(response.body)).not.toMatch(ID_NUMBER);

    const [recorded] = await platform.dataSource.query(
      `SELECT actor_role, after FROM audit_events WHERE action = 'audit.searchedByIdNumber'
         AND actor_jurisdiction_id = $1 ORDER BY id DESC LIMIT 1`,
      [county.countyId],
    );
    expect(recorded.actor_role).toBe('inspector');
    expect(recorded.after.filters.idNumber).toBe(
      `${spouseIdNumber.slice(0, 6)}********${spouseIdNumber.slice(-4)}`,
    );
    expect(JSON.stringify(recorded)).not.toContain(spouseIdNumber);
  });

  it("shows another county's inspector none of these events, whatever the filter", async () => {
    for (const query of [
      `caseId=${caseId}`,
      `householdId=${householdId}`,
      `idNumber=${spouseIdNumber}`,
      `jurisdictionId=${county.villageId}`,
    ]) {
      expect({ query, items: await search(other.inspector, query) }).toEqual({ query, items: [] });
    }
    const theirs = await search(other.inspector, '');
    expect(theirs.map((e) => e.caseId)).not.toContain(caseId);
    expect(theirs.map((e) => e.caseId)).not.toContain(secondCaseId);
  });

  it('refuses a malformed filter with a 400 naming it in Chinese', async () => {
    // The check character of a valid number, changed.
    const last = spouseIdNumber.slice(-1);
    const badCheck = `${spouseIdNumber.slice(0, 17)}${last === '0' ? '1' : '0'}`;
    const cases: [string, string][] = [
      [`idNumber=${badCheck}`, 'idNumber'],
      ['idNumber=12345', 'idNumber'],
      ['householdId=not-a-uuid', 'householdId'],
      ['caseId=1%27%20OR%201%3D1', 'caseId'],
      ['jurisdictionId=..%2F..', 'jurisdictionId'],
      ['action=%3Cscript%3E', 'action'],
      ['from=2026-02-30', 'from'],
    ];
    for (const [query, field] of cases) {
      const response = await county.inspector.get(`/audit/events?${query}`);
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
      expect(response.body.message).toMatch(/[\u4e00-\u9fff]/);
      expect(JSON.stringify(response.body.errors ?? response.body)).toContain(field);
    }
    const badFormat = await county.inspector.get('/audit/events/export?format=pdf');
    expect(badFormat.status).toBe(400);
    expect(badFormat.body.message).toContain('csv 或 xlsx');
  });
});

describe('the export', () => {
  it('reads back as CSV and as xlsx with the search’s events, masked, and each export is audited', async () => {
    const events = await search(county.inspector, `caseId=${caseId}`);

    const csv = await county.inspector.getBytes(`/audit/events/export?caseId=${caseId}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = csv.bytes.toString('utf8');
    expect(text.startsWith('\uFEFF时间,操作人账号,角色,操作人辖区,操作,操作代码')).toBe(true);
    const lines = text.trim().split('\r\n');
    // Header and one line an event (no text of these events holds a line break).
    expect(lines).toHaveLength(events.length + 1);
    expect(lines[1]).toContain('登记案件');
    expect(text).not.toMatch(ID_NUMBER);

    const xlsx = await county.inspector.getBytes(`/audit/events/export?caseId=${caseId}&format=xlsx`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).getCell(1).value).toBe('时间');
    expect(sheet.getRow(1).getCell(5).value).toBe('操作');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.rowCount).toBe(events.length + 1);
    expect(sheet.getRow(2).getCell(1).value).toBeInstanceOf(Date);
    expect(sheet.getRow(2).getCell(6).value).toBe('case.created');
    const cells: string[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value))));
    expect(cells.join('\n')).not.toMatch(ID_NUMBER);

    const exports = await platform.dataSource.query(
      `SELECT actor_role, after FROM audit_events WHERE action = 'audit.exported' AND actor_jurisdiction_id = $1
       ORDER BY id`,
      [county.countyId],
    );
    expect(exports.map((e: { after: { format: string } }) => e.after.format)).toEqual(['csv', 'xlsx']);
    expect(exports[0]).toMatchObject({ actor_role: 'inspector', after: { filters: { caseId } } });
  });

  it("is the inspectors' and admins' only", async () => {
    expect((await county.supervisor.getBytes('/audit/events/export')).status).toBe(403);
    expect((await county.admin.getBytes('/audit/events/export')).status).toBe(200);
  });
});
