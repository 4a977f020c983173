// Scope, not only role: a department officer sees and acts only on cases where its department has business;
// a duplicate ID number names the other case only to those who may see it; the relatives rule (回避) holds
// at claim and assignment too, against every declaration that stood during the case.

import ExcelJS from 'exceljs';
import { syntheticApplication } from '../scripts/lib/synthetic-households';
import { createCounty, type TestCounty } from './support/county';
import { Lifecycle } from './support/lifecycle';
import { ApiClient, type Platform, startPlatform } from './support/platform';
import { createUser } from './support/users';

let platform: Platform;
let steps: Lifecycle;
let county: TestCounty;
let elsewhere: TestCounty;
let caseId: string;
let requestId: string; // the civil affairs data-check request of the case
let head: { name: string; idNumber: string };

beforeAll(async () => {
  platform = await startPlatform();
  steps = new Lifecycle(platform);
  county = await createCounty(platform.dataSource, platform.baseUrl, {
    departments: [
      { department: 'civilAffairs', connector: 'excel' },
      { department: 'housing', connector: 'inbox' },
    ],
  });
  elsewhere = await createCounty(platform.dataSource, platform.baseUrl);
  const applied = await steps.apply(county);
  caseId = applied.caseId;
  head = applied.application.members[0];
  requestId = await steps.openTask(caseId, 'dataCheckAnswer', 'civilAffairs');
});

afterAll(async () => {
  await platform?.stop();
});

async function audited(action: string, caseOf: string | null) {
  return platform.dataSource.query(
    `SELECT actor_id, entity_id, after, reason FROM audit_events
     WHERE action = $1 AND case_id IS NOT DISTINCT FROM $2 ORDER BY id`,
    [action, caseOf],
  );
}

async function workbookTaskIds(officer: ApiClient): Promise<string[]> {
  const { status, bytes } = await officer.getBytes('/data-checks/workbook');
  expect(status).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const ids: string[] = [];
  workbook.getWorksheet('比对请求')!.eachRow((row, number) => {
    if (number > 1) ids.push(String(row.getCell(1).value));
  });
  return ids;
}

describe('a department officer', () => {
  it('of the requesting department sees the case, its history, attachments, request and workbook row', async () => {
    const civil = county.department('civilAffairs');
    await steps.openTask(caseId, 'dataCheckAnswer', 'housing');
    const view = await civil.get(`/cases/${caseId}`);
    expect(view.status).toBe(200);
    // Its own request only: not 住建's, which the county centre sees beside it.
    expect(view.body.tasks.map((t: { id: string }) => t.id)).toEqual([requestId]);
    const kinds = (await county.officer.get(`/cases/${caseId}`)).body.tasks.map(
      (t: { department: string }) => t.department,
    );
    expect(kinds.sort()).toEqual(['civilAffairs', 'housing']);
    expect((await civil.get(`/cases/${caseId}/history`)).status).toBe(200);
    expect((await civil.get(`/cases/${caseId}/attachments`)).status).toBe(200);
    expect((await civil.get(`/tasks/${encodeURIComponent(requestId)}`)).status).toBe(200);
    expect(await workbookTaskIds(civil)).toContain(requestId);
  });

  it('of another department of the same county gets 404 for all of it, and no workbook row', async () => {
    const finance = county.department('finance');
    for (const path of [`/cases/${caseId}`, `/cases/${caseId}/history`, `/cases/${caseId}/attachments`]) {
      const response = await finance.get(path);
      expect({ path, status: response.status, code: response.body.code }).toEqual({
        path,
        status: 404,
        code: 'CASE_NOT_FOUND',
      });
    }
    expect((await finance.get(`/tasks/${encodeURIComponent(requestId)}`)).status).toBe(404);
    const relapse = await finance.post(`/cases/${caseId}/relapse`, { reason: '家中突发重病，收入骤降' });
    expect(relapse.status).toBe(404);
    expect(await workbookTaskIds(finance)).not.toContain(requestId);
  });

  it('cannot answer another department’s request by uploading a workbook naming it', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('比对请求');
    sheet.addRow(['任务编号', '身份证号', '比对结果', '命中类别', '情况说明']);
    sheet.addRow([requestId, head.idNumber, '无', '', '']);
    const form = new FormData();
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    form.append('file', new Blob([new Uint8Array(bytes)]), '比对结果.xlsx');
    const uploaded = await county.department('finance').postForm('/data-checks/workbook', form);
    expect(uploaded.status).toBe(200);
    expect(uploaded.body.answered).toEqual([]);
    expect(uploaded.body.unmatched).toHaveLength(1);
    const [task] = await platform.dataSource.query('SELECT status FROM tasks WHERE id = $1', [requestId]);
    expect(task.status).toBe('open');
  });
});

describe('a duplicate ID number', () => {
  it('from another county gets a 409 that names no place and no case, and the probe is audited', async () => {
    const application = syntheticApplication(elsewhere.villageId);
    application.members[0].idNumber = head.idNumber;
    const refused = await elsewhere.caseworker.post('/cases', application);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('OPEN_CASE_EXISTS');
    expect(refused.body.message).toContain('请联系县相对贫困服务中心');
    expect(refused.body.message).not.toContain(caseId);
    expect(refused.body.message).not.toContain('测试镇');
    expect(refused.body.message).not.toContain('测试村');
    expect(JSON.stringify(refused.body)).not.toContain(caseId);
    expect(JSON.stringify(refused.body)).not.toContain(head.idNumber);
    const [probe] = await audited('case.duplicateRefused', caseId);
    expect(probe.after).toEqual({
      idNumber: `${head.idNumber.slice(0, 6)}********${head.idNumber.slice(-4)}`,
      existingCaseId: caseId,
      namedToCaller: false,
    });
    expect(JSON.stringify(probe)).not.toContain(head.idNumber);
  });

  it('from within the case’s scope names township, village, case and stage', async () => {
    const application = syntheticApplication(county.villageId);
    application.members[0].idNumber = head.idNumber;
    const refused = await county.caseworker.post('/cases', application);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain(`测试镇测试村的在办案件（${caseId}，`);
    expect(refused.body.existingCaseId).toBe(caseId);
    const probes = await audited('case.duplicateRefused', caseId);
    expect(probes.map((p: { after: { namedToCaller: boolean } }) => p.after.namedToCaller)).toEqual([
      false,
      true,
    ]);
  });
});

describe('the relatives rule', () => {
  let related: { id: string; username: string };
  let relatedClient: ApiClient;

  beforeAll(async () => {
    related = await createUser(platform.dataSource, 'departmentOfficer', county.countyId, 'civilAffairs');
    relatedClient = await ApiClient.login(platform.baseUrl, related.username);
    const declared = await relatedClient.post('/me/relatives', {
      name: head.name,
      idNumber: head.idNumber,
      relation: 'sibling',
    });
    expect(declared.status).toBe(201);
  });

  it('refuses a claim by the relative, and audits the attempt without the full ID number', async () => {
    const refused = await relatedClient.post(`/tasks/${encodeURIComponent(requestId)}/claim`, {});
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('FAVOURITISM');
    expect(refused.body.message).not.toContain(head.idNumber);
    const [attempt] = await audited('task.relativeRefused', caseId);
    expect(attempt).toEqual(
      expect.objectContaining({
        actor_id: related.id,
        entity_id: requestId,
        after: expect.objectContaining({ attempt: 'claim', worker: related.id }),
      }),
    );
    expect(JSON.stringify(attempt)).not.toContain(head.idNumber);
  });

  it('refuses assigning or delegating the task to the relative, one by one and in bulk, but not to a colleague', async () => {
    const path = `/tasks/${encodeURIComponent(requestId)}`;
    const assign = await county.supervisor.post(`${path}/assign`, { userId: related.id });
    expect(assign.status).toBe(403);
    expect(assign.body.message).toContain('依规须回避');
    const bulk = await county.supervisor.post('/tasks/bulk-assign', {
      taskIds: [requestId],
      userId: related.id,
    });
    expect(bulk.body).toEqual([
      expect.objectContaining({ taskId: requestId, ok: false, code: 'FAVOURITISM' }),
    ]);
    const attempts = await audited('task.relativeRefused', caseId);
    expect(attempts.slice(-2).map((a: { after: { attempt: string } }) => a.after.attempt)).toEqual([
      'assign',
      'assign',
    ]);
    const colleague = await createUser(
      platform.dataSource,
      'departmentOfficer',
      county.countyId,
      'civilAffairs',
    );
    const assigned = await county.supervisor.post(`${path}/assign`, { userId: colleague.id });
    expect(assigned.status).toBe(200);
    // Nor may the colleague hand it on to the relative.
    const holder = await ApiClient.login(platform.baseUrl, colleague.username);
    const delegated = await holder.post(`${path}/delegate`, { userId: related.id });
    expect(delegated.status).toBe(403);
    expect(delegated.body.code).toBe('FAVOURITISM');
    expect((await audited('task.relativeRefused', caseId)).at(-1).after.attempt).toBe('delegate');
    expect((await holder.post(`${path}/unclaim`, {})).status).toBe(200);
  });

  it('still binds after a withdrawal made while the case is open; the withdrawal needs a reason and is audited', async () => {
    const unexplained = await relatedClient.request<any>('DELETE', `/me/relatives/${head.idNumber}`);
    expect(unexplained.status).toBe(400);
    const withdrawn = await relatedClient.request<any>('DELETE', `/me/relatives/${head.idNumber}`, {
      reason: '已与该户断绝往来',
    });
    expect(withdrawn.status).toBe(204);
    const [event] = await platform.dataSource.query(
      `SELECT reason, before FROM audit_events WHERE action = 'relative.withdrawn' AND actor_id = $1`,
      [related.id],
    );
    expect(event.reason).toBe('已与该户断绝往来');
    // Declared before this case closed and withdrawn only after it was created: it still stands for it.
    const refused = await relatedClient.post(`/tasks/${encodeURIComponent(requestId)}/claim`, {});
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('FAVOURITISM');
  });
});
