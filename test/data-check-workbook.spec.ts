// 大数据比对 by Excel through the API: a department downloads its open requests as a workbook and uploads
// it back filled in. The dataCheck workflow is not involved here: the request tasks are written straight
// into the read model for cases of this spec's own county, as openTask writes them.

import { randomInt } from 'node:crypto';
import ExcelJS from 'exceljs';
import { DEMO_PASSWORD } from '../scripts/lib/demo-county';
import { syntheticApplication } from '../scripts/lib/synthetic-households';
import { createVillage } from './support/places';
import { ApiClient, type Platform, startPlatform } from './support/platform';
import { createUser } from './support/users';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface Member {
  name: string;
  idNumber: string;
  relation: string;
}

interface CreatedCase {
  id: string;
  members: Member[];
}

let platform: Platform;
let county: string;
let village: string;
let housing: string; // tokens
let vehicles: string;
let noDepartment: string;
let caseworker: ApiClient;
let housingOfficerId: string;
let first: CreatedCase;
let second: CreatedCase;
// Open housing requests for both cases, an open vehicles request, and a housing request already answered.
let housingFirst: string;
let housingSecond: string;
let vehiclesFirst: string;
let housingClosed: string;

beforeAll(async () => {
  platform = await startPlatform();
  // A county of this spec's own: department officers sit at county level and see their whole county.
  county = `99${randomInt(1000, 10_000)}`;
  const township = `${county}001`;
  await platform.dataSource.query(
    `INSERT INTO jurisdictions (id, name, level, parent_id, path) VALUES
       ($1::varchar, '比对测试县' || $1::varchar, 'county', NULL, $1::varchar),
       ($2::varchar, '比对测试镇', 'township', $1::varchar, $1::varchar || '.' || $2::varchar)`,
    [county, township],
  );
  village = await createVillage(platform.dataSource, township);
  caseworker = await ApiClient.login(
    platform.baseUrl,
    (await createUser(platform.dataSource, 'caseworker', village)).username,
  );
  const officer = async (department: string | null) => {
    const user = await createUser(platform.dataSource, 'departmentOfficer', county);
    await platform.dataSource.query('UPDATE users SET department = $2 WHERE id = $1', [user.id, department]);
    return { ...user, token: await login(user.username) };
  };
  const housingOfficer = await officer('housing');
  housingOfficerId = housingOfficer.id;
  housing = housingOfficer.token;
  vehicles = (await officer('vehicles')).token;
  noDepartment = (await officer(null)).token;

  first = await newCase();
  second = await newCase();
  housingFirst = await insertRequest(first, 'housing');
  housingSecond = await insertRequest(second, 'housing');
  vehiclesFirst = await insertRequest(first, 'vehicles');
  housingClosed = await insertRequest(second, 'housing', 'closed');
});

afterAll(async () => {
  await platform?.stop();
});

async function login(username: string): Promise<string> {
  const response = await ApiClient.anonymous(platform.baseUrl).post('/auth/login', {
    username,
    password: DEMO_PASSWORD,
  });
  expect(response.status).toBe(200);
  return response.body.accessToken;
}

async function newCase(): Promise<CreatedCase> {
  const body = syntheticApplication(village);
  const created = await caseworker.post('/cases', body);
  expect(created.status).toBe(201);
  return {
    id: created.body.id,
    members: body.members.map(({ name, idNumber, relation }) => ({ name, idNumber, relation })),
  };
}

/** A dataCheckAnswer task as the dataCheck workflow opens it, for a workflow that does not exist. */
async function insertRequest(
  of: CreatedCase,
  department: string,
  status: 'open' | 'closed' = 'open',
): Promise<string> {
  const id = `${of.id}:dataCheckAnswer:${department}:spec-${status}`;
  const head = of.members.find((m) => m.relation === 'head')!;
  await platform.dataSource.query(
    `INSERT INTO tasks (id, case_id, kind, stage, status, candidate_role, jurisdiction_id, jurisdiction_path,
       urgent, priority, due_at, village_id, township_id, county_id, household_head, household_head_id_number,
       workflow_id, department, payload, closed_at, decision, completion_key)
     SELECT $1, $2, 'dataCheckAnswer', 'dataCheck', $3, 'departmentOfficer', c.id, c.path,
       false, 0, now() + interval '5 days', v.id, split_part(v.path, '.', 2), c.id, $4, $5,
       $6, $7, $8, CASE WHEN $3::varchar = 'completed' THEN now() END, CASE WHEN $3::varchar = 'completed' THEN 'approve' END,
       CASE WHEN $3::varchar = 'completed' THEN 'answered-in-inbox' END
     FROM jurisdictions v, jurisdictions c WHERE v.id = $9 AND c.id = $10`,
    [
      id,
      of.id,
      status === 'open' ? 'open' : 'completed',
      head.name,
      head.idNumber,
      `dataCheck-${of.id}-spec-missing`,
      department,
      JSON.stringify({ department, connector: 'excel', members: of.members, round: 1 }),
      village,
      county,
    ],
  );
  return id;
}

async function download(token: string): Promise<Response> {
  return fetch(`${platform.baseUrl}/data-checks/workbook`, { headers: { authorization: `Bearer ${token}` } });
}

async function workbookOf(response: Response): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ExcelJS.Buffer);
  return workbook;
}

/** The request sheet's data rows as header → text. */
function sheetRows(workbook: ExcelJS.Workbook): Record<string, string>[] {
  const sheet = workbook.getWorksheet('比对请求')!;
  const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, string>[] = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    rows.push(Object.fromEntries(headers.map((h, i) => [h, row.getCell(i + 1).text])));
  });
  return rows;
}

async function upload(token: string, content: Buffer | string, fileName = '比对结果.xlsx') {
  const form = new FormData();
  form.append('file', new Blob([content], { type: XLSX }), fileName);
  const response = await fetch(`${platform.baseUrl}/data-checks/workbook`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  return { status: response.status, body: (await response.json()) as any };
}

const masked = (idNumber: string) => `${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`;

describe('downloading the request workbook', () => {
  it('lists every member of the department’s open requests with the full ID number, one row each', async () => {
    const response = await download(housing);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(XLSX);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const disposition = response.headers.get('content-disposition')!;
    const fileName = decodeURIComponent(disposition.split("filename*=UTF-8''")[1]);
    expect(fileName).toMatch(/^比对请求_住建局_\d{4}-\d{2}-\d{2}\.xlsx$/);

    const workbook = await workbookOf(response);
    const rows = sheetRows(workbook);
    const expected = [
      ...first.members.map((m) => ({ taskId: housingFirst, member: m })),
      ...second.members.map((m) => ({ taskId: housingSecond, member: m })),
    ];
    expect(rows).toHaveLength(expected.length);
    expect(rows).toEqual(
      expect.arrayContaining(
        expected.map(({ taskId, member }) => ({
          任务编号: taskId,
          '镇(街道)': '比对测试镇',
          '村(社区)': `测试村${village.slice(-6)}`,
          户主: '王建国',
          姓名: member.name,
          身份证号: member.idNumber,
          与户主关系: { head: '户主', spouse: '配偶', child: '子女' }[member.relation],
          比对结果: '',
          命中类别: '',
          情况说明: '',
        })),
      ),
    );
    expect(workbook.getWorksheet('说明')).toBeDefined();
  });

  it('holds only the officer’s own department, only open requests, only in their county', async () => {
    const vehicleRows = sheetRows(await workbookOf(await download(vehicles)));
    expect(new Set(vehicleRows.map((r) => r.任务编号))).toEqual(new Set([vehiclesFirst]));

    // 住建局 of the demo county: same department, another county.
    const elsewhere = sheetRows(await workbookOf(await download(await login('dept_housing'))));
    const ids = elsewhere.map((r) => r.任务编号);
    for (const id of [housingFirst, housingSecond, housingClosed]) expect(ids).not.toContain(id);
  });

  it('records who took which requests in the audit log', async () => {
    const before = await platform.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'dataCheck.workbookExported' AND actor_id = $1`,
      [housingOfficerId],
    );
    expect((await download(housing)).status).toBe(200);
    const events = await platform.dataSource.query(
      `SELECT entity_type, after FROM audit_events WHERE action = 'dataCheck.workbookExported' AND actor_id = $1
       ORDER BY id`,
      [housingOfficerId],
    );
    expect(events).toHaveLength(before[0].n + 1);
    const last = events[events.length - 1];
    expect(last.entity_type).toBe('dataCheckWorkbook');
    expect([...last.after.taskIds].sort()).toEqual([housingFirst, housingSecond].sort());
    expect(last.after).toMatchObject({ department: 'housing', members: 6 });
    expect(last.after.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is for department officers with a department only', async () => {
    const byCaseworker = await caseworker.get('/data-checks/workbook');
    expect(byCaseworker.status).toBe(403);
    const unassigned = await download(noDepartment);
    expect(unassigned.status).toBe(403);
    expect(((await unassigned.json()) as any).code).toBe('DEPARTMENT_NOT_SET');
  });
});

describe('uploading the filled-in workbook', () => {
  /** The housing workbook filled in: the first household fully, the second one member short, plus bad rows. */
  async function filledWorkbook(): Promise<{ content: Buffer; rowsOf: (id: string) => number }> {
    const workbook = await workbookOf(await download(housing));
    const sheet = workbook.getWorksheet('比对请求')!;
    const rowOf = new Map<string, number>();
    sheet.eachRow((row, number) => {
      if (number > 1) rowOf.set(`${row.getCell(1).text}|${row.getCell(6).text}`, number);
    });
    const fill = (taskId: string, member: Member, result: string, category = '', detail = '') => {
      const row = sheet.getRow(rowOf.get(`${taskId}|${member.idNumber}`)!);
      row.getCell(8).value = result;
      row.getCell(9).value = category;
      row.getCell(10).value = detail;
    };
    const [head, spouse, child] = first.members;
    fill(housingFirst, head, '无');
    fill(housingFirst, spouse, '有', '商品房', '县城商品房一套，120平方米');
    fill(housingFirst, child, '无');
    fill(housingSecond, second.members[0], '无');
    fill(housingSecond, second.members[1], '无');
    // second.members[2] left empty: the second household is incomplete.
    const added = (cells: string[]) => {
      const row = sheet.addRow(cells);
      row.getCell(6).numFmt = '@';
      return row.number;
    };
    const rows = {
      [vehiclesFirst]: added([vehiclesFirst, '', '', '', head.name, head.idNumber, '户主', '无']),
      stranger: added([housingFirst, '', '', '', '陌生人', '370323199001011237', '', '无']),
      badCategory: added([housingFirst, '', '', '', head.name, head.idNumber, '户主', '有', '游艇', '']),
      // The answered request, filled in again: nothing to do but say so.
      ...Object.fromEntries(
        second.members.map((m, i) => [
          `closed${i}`,
          added([housingClosed, '', '', '', m.name, m.idNumber, '', '无']),
        ]),
      ),
    };
    return {
      content: Buffer.from(await workbook.xlsx.writeBuffer()),
      rowsOf: (id: string) => (rows as Record<string, number>)[id],
    };
  }

  it('answers complete households, reports incomplete ones and rows it cannot match', async () => {
    const { content, rowsOf } = await filledWorkbook();
    const result = await upload(housing, content);
    expect(result.status).toBe(200);
    const { answered, closed, failed, incomplete, unmatched } = result.body;

    // The first household is complete, so it was sent to its workflow, which does not exist here: the
    // platform reports the request as closed or failed, never as answered.
    expect(answered).toEqual([]);
    expect([...closed, ...failed.map((f: { taskId: string }) => f.taskId)].sort()).toEqual(
      [housingFirst, housingClosed].sort(),
    );
    expect(closed).toContain(housingClosed);

    expect(incomplete).toEqual([
      {
        taskId: housingSecond,
        householdHead: '王建国',
        missing: [{ name: second.members[2].name, idNumber: masked(second.members[2].idNumber) }],
        reason: '1 名成员未填写比对结果，该户暂不办结',
      },
    ]);

    expect(unmatched).toEqual(
      expect.arrayContaining([
        {
          row: rowsOf(vehiclesFirst),
          idNumber: masked(first.members[0].idNumber),
          reason: '任务编号不存在、不是本部门的比对请求或不在您的管辖范围内',
        },
        {
          row: rowsOf('stranger'),
          idNumber: '370323********1237',
          reason: '身份证号不是该比对请求所列的家庭成员',
        },
        {
          row: rowsOf('badCategory'),
          idNumber: masked(first.members[0].idNumber),
          reason: '命中类别「游艇」不在可选范围内，请从下拉列表中选择',
        },
      ]),
    );
    expect(unmatched).toHaveLength(3);
    // No full ID number anywhere in the report.
    expect(JSON.stringify(result.body)).not.toContain(first.members[0].idNumber);

    const statuses = await platform.dataSource.query(
      'SELECT id, status FROM tasks WHERE id = ANY($1) ORDER BY id',
      [[housingFirst, housingSecond, vehiclesFirst]],
    );
    expect(statuses.map((t: { status: string }) => t.status)).toEqual(['open', 'open', 'open']);

    const [audit] = await platform.dataSource.query(
      `SELECT after FROM audit_events WHERE action = 'dataCheck.workbookImported' AND actor_id = $1
       ORDER BY id DESC LIMIT 1`,
      [housingOfficerId],
    );
    expect(audit.after).toMatchObject({
      department: 'housing',
      fileName: '比对结果.xlsx',
      incomplete: [housingSecond],
    });
  });

  it('uploading the same file again changes nothing', async () => {
    const { content } = await filledWorkbook();
    const once = await upload(housing, content);
    const twice = await upload(housing, content);
    expect(twice.status).toBe(200);
    expect(twice.body.answered).toEqual(once.body.answered);
    expect(twice.body.incomplete).toEqual(once.body.incomplete);
    expect(twice.body.unmatched).toEqual(once.body.unmatched);
    const [task] = await platform.dataSource.query('SELECT status, completion_key FROM tasks WHERE id = $1', [
      housingClosed,
    ]);
    expect(task).toEqual({ status: 'completed', completion_key: 'answered-in-inbox' });
  });

  it('refuses a file that is not an xlsx workbook with a Chinese message', async () => {
    const result = await upload(housing, '任务编号,身份证号,比对结果\n', '比对结果.csv');
    expect(result.status).toBe(400);
    expect(result.body.code).toBe('INVALID_WORKBOOK');
    expect(result.body.message).toContain('不是有效的 Excel 工作簿');
  });

  it('asks for the file when none is sent', async () => {
    const response = await fetch(`${platform.baseUrl}/data-checks/workbook`, {
      method: 'POST',
      headers: { authorization: `Bearer ${housing}` },
      body: new FormData(),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).code).toBe('WORKBOOK_REQUIRED');
  });

  it('does not take an upload from another department’s officer as its own', async () => {
    const { content } = await filledWorkbook();
    const result = await upload(vehicles, content);
    expect(result.status).toBe(200);
    expect(result.body.answered).toEqual([]);
    expect(result.body.closed).toEqual([]);
    expect(result.body.failed).toEqual([]);
    // Only the one vehicles row matches a request of theirs, and it leaves that request incomplete.
    expect(result.body.incomplete.map((r: { taskId: string }) => r.taskId)).toEqual([vehiclesFirst]);
  });
});
