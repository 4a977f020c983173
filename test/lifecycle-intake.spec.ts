// Intake and the data check, through the API: a hit that stands and one that is overridden (scenarios 2 and
// 3), departments answering by HTTP endpoint and by Excel workbook, a department referral and a monitoring
// alert, and withdrawal before recognition.

import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Workbook } from 'exceljs';
import { householdCaseWorkflowId, withdrawUpdate } from '@libs/contracts';
import { syntheticApplication } from '../scripts/lib/synthetic-households';
import { createCounty } from './support/county';
import * as forms from './support/forms';
import { recordHistory } from './support/histories';
import { Lifecycle } from './support/lifecycle';
import { eventually, type Platform, startPlatform } from './support/platform';

let platform: Platform;
let lifecycle: Lifecycle;

beforeAll(async () => {
  platform = await startPlatform();
  lifecycle = new Lifecycle(platform);
});

afterAll(async () => {
  await platform?.stop();
});

// A 1×1 PNG: the photo of the three-wheeler.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe('a disqualifying hit', () => {
  it('that stands rejects the case with the reason; the caseworker is told and keeps nothing in the inbox (scenario 3)', async () => {
    const county = await createCounty(platform.dataSource, platform.baseUrl, {
      departments: [
        { department: 'publicSecurity', connector: 'inbox' },
        { department: 'humanResources', connector: 'inbox' },
      ],
    });
    const { caseId, application } = await lifecycle.apply(county);
    const son = application.members[2].idNumber;
    const civilServant = [
      { category: 'relativeInPublicOffice', idNumber: son, detail: '县财政局在编公务员' },
    ];
    await lifecycle.answerDataCheck(county, caseId, ['publicSecurity', 'humanResources'], {
      publicSecurity: civilServant,
      humanResources: civilServant,
    });
    const review = await lifecycle.openTask(caseId, 'hitReview');
    const view = await county.officer.get(`/tasks/${encodeURIComponent(review)}`);
    expect(view.body.payload.hits).toHaveLength(2);
    expect(view.body.payload.hits[0]).toMatchObject({
      category: 'relativeInPublicOffice',
      department: '公安局',
    });

    const rejected = await lifecycle.complete(county.officer, review, {
      decision: 'reject',
      reason: '儿子系县财政供养人员，属反向标准',
    });
    expect(rejected.case.stage).toBe('rejected');
    expect(await lifecycle.caseRow(caseId)).toMatchObject({
      status: 'closed',
      stage: 'rejected',
      outcome_reason: '儿子系县财政供养人员，属反向标准',
    });
    const told = await county.caseworker.get('/notifications');
    expect(told.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ caseId, title: '案件不予认定' })]),
    );
    const inbox = await county.caseworker.get('/tasks');
    expect(inbox.body.items).toEqual([]);
    recordHistory('rejected-at-data-check', caseId);
  });

  it('overridden by the county centre with a reason and a photo lets the case go on, and inspectors see it (scenario 2)', async () => {
    const county = await createCounty(platform.dataSource, platform.baseUrl, {
      departments: [{ department: 'vehicles', connector: 'inbox' }],
    });
    const { caseId, application } = await lifecycle.apply(county);
    await lifecycle.answerDataCheck(county, caseId, ['vehicles'], {
      vehicles: [
        { category: 'vehicle', idNumber: application.members[0].idNumber, detail: '登记机动车一辆' },
      ],
    });
    const review = await lifecycle.openTask(caseId, 'hitReview');
    const photo = new FormData();
    photo.append('file', new Blob([PNG], { type: 'image/png' }), '三轮车.png');
    const uploaded = await county.officer.postForm(`/cases/${caseId}/attachments`, photo);
    expect(uploaded.status).toBe(201);

    const tooShort = await county.officer.post(`/tasks/${encodeURIComponent(review)}/complete`, {
      decision: 'approve',
    });
    expect(tooShort.status).toBe(400);
    await lifecycle.complete(county.officer, review, {
      decision: 'approve',
      reason: '经核实为2008年的三轮车，已无价值',
      form: { attachmentIds: [uploaded.body.id] },
    });
    await lifecycle.survey(county, caseId, application);
    await lifecycle.openTask(caseId, 'democraticAppraisal');
    const detail = await county.officer.get(`/cases/${caseId}`);
    expect(detail.body.evaluation.eligible).toBe(true);
    expect(detail.body.evaluation.reasons.join('')).toContain('经核实为2008年的三轮车');

    const report = await county.inspector.get('/inspection/overrides');
    const flagged = report.body.items.find((item: { caseId: string }) => item.caseId === caseId);
    expect(flagged).toMatchObject({ reason: '经核实为2008年的三轮车，已无价值' });
    expect(JSON.stringify(flagged)).toContain('countyOfficer');
    expect(await lifecycle.auditActions(caseId)).toContain('dataCheck.overridden');
    recordHistory('hit-overridden', caseId);
  });
});

describe('department connectors', () => {
  let server: Server;
  let requests: { path: string; body: any; raw: string; headers: Record<string, unknown> }[] = [];

  beforeAll(async () => {
    // 住建's endpoint finds commercial housing for the head; 车管's refuses the request (it falls back to its inbox).
    server = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk) => (raw += chunk));
      req.on('end', () => {
        const body = JSON.parse(raw);
        requests.push({ path: req.url!, body, raw, headers: req.headers });
        if (req.url === '/refuse') {
          res.writeHead(400).end('{"error":"bad request"}');
          return;
        }
        const head = body.members.find((m: { relation: string }) => m.relation === 'head');
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            requestId: body.requestId,
            hits: [{ idNumber: head.idNumber, category: 'commercialHousing', detail: '县城商品房一套' }],
          }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('asks an HTTP endpoint and reads its hits; a refusing endpoint falls back to the inbox', async () => {
    const { port } = server.address() as AddressInfo;
    const county = await createCounty(platform.dataSource, platform.baseUrl, {
      departments: [
        { department: 'housing', connector: 'http', endpoint: `http://127.0.0.1:${port}/check` },
        { department: 'vehicles', connector: 'http', endpoint: `http://127.0.0.1:${port}/refuse` },
      ],
    });
    // 住建 shares a signing secret with the county (set by its admin with the policy): its requests are signed.
    const secret = 'zjj-shared-secret-0123456789abcdef0123456789';
    await platform.dataSource.query(
      `INSERT INTO department_endpoint_secrets (county_id, department, secret) VALUES ($1, 'housing', $2)`,
      [county.countyId, secret],
    );
    requests = [];
    const { caseId } = await lifecycle.apply(county);
    const fallback = await lifecycle.openTask(caseId, 'dataCheckAnswer', 'vehicles');
    const task = await county.department('vehicles').get(`/tasks/${encodeURIComponent(fallback)}`);
    expect(task.body.payload.note).toContain('接口未能应答');
    await lifecycle.complete(county.department('vehicles'), fallback, {
      decision: 'approve',
      form: { hits: [] },
    });
    // The housing hit is disqualifying: the county centre reviews it.
    await lifecycle.openTask(caseId, 'hitReview');
    const check = requests.find((r) => r.path === '/check')!;
    expect(check.body).toMatchObject({
      caseId,
      department: 'housing',
      requestId: `${caseId}:dataCheck:housing:1`,
    });
    expect(check.body.members).toHaveLength(3);
    const timestamp = String(check.headers['x-changxiao-timestamp']);
    expect(check.headers['x-changxiao-signature']).toBe(
      `sha256=${createHmac('sha256', secret).update(`${timestamp}.${check.raw}`).digest('hex')}`,
    );
    // 车管 has no secret: its requests go unsigned.
    expect(requests.find((r) => r.path === '/refuse')!.headers['x-changxiao-signature']).toBeUndefined();
    const [row] = await platform.dataSource.query('SELECT data_check FROM cases WHERE id = $1', [caseId]);
    expect(row.data_check.answers).toEqual(
      expect.arrayContaining([
        { department: 'housing', via: 'http', hits: 1 },
        { department: 'vehicles', via: 'inbox', hits: 0 },
      ]),
    );
  });

  it('lets a department answer in bulk with the Excel workbook it exported', async () => {
    const county = await createCounty(platform.dataSource, platform.baseUrl, {
      departments: [{ department: 'housing', connector: 'excel' }],
    });
    const { caseId } = await lifecycle.apply(county);
    await lifecycle.openTask(caseId, 'dataCheckAnswer', 'housing');
    const housing = county.department('housing');
    const exported = await housing.getBytes('/data-checks/workbook');
    expect(exported.status).toBe(200);
    const workbook = new Workbook();
    await workbook.xlsx.load(exported.bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const headers = (sheet.getRow(1).values as string[]).slice(1);
    const column = (name: string) => headers.indexOf(name) + 1;
    let rows = 0;
    sheet.eachRow((row, number) => {
      if (number === 1) return;
      rows += 1;
      row.getCell(column('比对结果')).value = '无';
    });
    expect(rows).toBe(3);
    const filled = Buffer.from(await workbook.xlsx.writeBuffer());
    const form = new FormData();
    form.append(
      'file',
      new Blob([filled], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
      '比对结果.xlsx',
    );
    const imported = await housing.postForm('/data-checks/workbook', form);
    expect(imported.status).toBe(200);
    expect(imported.body.answered).toHaveLength(1);
    expect(imported.body.unmatched).toEqual([]);
    await lifecycle.openTask(caseId, 'homeSurvey');
  });
});

/** A household as a department or the monitoring knows it: no causes or consent yet. */
function syntheticHousehold(villageId: string) {
  const { villageId: village, address, members } = syntheticApplication(villageId);
  return { villageId: village, address, members };
}

describe('intake channels', () => {
  it('a department referral is taken in by the caseworker with the consent, then goes to the data check', async () => {
    const county = await createCounty(platform.dataSource, platform.baseUrl);
    const household = syntheticHousehold(county.villageId);
    const civilAffairs = county.department('civilAffairs');
    const missing = await civilAffairs.post('/cases/referrals', {
      ...household,
      detail: '住院自付 8.6 万元',
    });
    expect(missing.status).toBe(400);
    const referred = await civilAffairs.post('/cases/referrals', {
      ...household,
      category: 'largeExpense',
      detail: '2026年10月住院医疗费用自付部分 8.6 万元',
    });
    expect(referred.status).toBe(201);
    expect(referred.body).toMatchObject({
      channel: 'referral',
      application: { referral: { category: 'largeExpense' } },
    });
    const caseId = referred.body.id;
    const intake = await lifecycle.openTask(caseId, 'intake');
    const noConsent = await county.caseworker.post(`/tasks/${encodeURIComponent(intake)}/complete`, {
      decision: 'approve',
      form: { povertyCauses: ['illness'] },
    });
    expect(noConsent.status).toBe(400);
    await lifecycle.complete(county.caseworker, intake, { decision: 'approve', form: forms.intake() });
    await lifecycle.openTask(caseId, 'homeSurvey');
  });

  it('a monitoring alert the caseworker does not take in closes as rejected with the reason', async () => {
    const county = await createCounty(platform.dataSource, platform.baseUrl);
    const household = syntheticHousehold(county.villageId);
    const alerted = await county.officer.post('/cases/alerts', {
      ...household,
      kind: 'edgeHousehold',
      detail: '务工收入中断，人均收入降至 6500 元',
    });
    expect(alerted.status).toBe(201);
    const caseId = alerted.body.id;
    await lifecycle.complete(county.caseworker, await lifecycle.openTask(caseId, 'intake'), {
      decision: 'reject',
      reason: '经核实已恢复务工，收入稳定',
    });
    expect(await lifecycle.caseRow(caseId)).toMatchObject({ stage: 'rejected', status: 'closed' });
  });
});

describe('withdrawal', () => {
  it('during the data check closes the case and the departments’ requests; the members may apply again', async () => {
    const county = await createCounty(platform.dataSource, platform.baseUrl, {
      departments: [{ department: 'civilAffairs', connector: 'inbox' }],
    });
    const { caseId, application } = await lifecycle.apply(county);
    const request = await lifecycle.openTask(caseId, 'dataCheckAnswer', 'civilAffairs');
    const withdrawn = await county.caseworker.post(
      `/cases/${caseId}/withdraw`,
      { reason: '申请人外出务工，家庭收入好转，本人申请撤回' },
      { 'Idempotency-Key': `withdraw-${caseId}` },
    );
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ stage: 'withdrawn', status: 'closed' });
    // The withdrawal is taken up once the server has stored the Update's acceptance: the workflow task that
    // accepts it starts a timer and writes nothing (no local activity's marker), so a task lost before that
    // (the server's database away too) leaves no case closed in the read model that the workflow still runs.
    const events =
      (await platform.temporal.workflow.getHandle(householdCaseWorkflowId(caseId)).fetchHistory()).events ??
      [];
    const accepted = events.findIndex(
      (event) =>
        event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name ===
        withdrawUpdate.name,
    );
    const nextTask = events.findIndex(
      (event, index) => index > accepted && event.workflowTaskScheduledEventAttributes,
    );
    const sameTask = events.slice(accepted + 1, nextTask);
    expect(accepted).toBeGreaterThan(0);
    expect(sameTask.some((event) => event.timerStartedEventAttributes)).toBe(true);
    expect(sameTask.map((event) => event.markerRecordedEventAttributes?.markerName)).not.toContain(
      'core_local_activity',
    );
    const [task] = await platform.dataSource.query('SELECT status FROM tasks WHERE id = $1', [request]);
    expect(task.status).toBe('cancelled');
    const late = await county
      .department('civilAffairs')
      .post(`/tasks/${encodeURIComponent(request)}/complete`, {
        decision: 'approve',
        form: { hits: [] },
      });
    expect(late.status).toBe(409);
    const again = await county.caseworker.post('/cases', application);
    expect(again.status).toBe(201);
    recordHistory('withdrawn-during-data-check', caseId);
  });

  it('is refused once the case is recognised', async () => {
    const county = await createCounty(platform.dataSource, platform.baseUrl);
    const { caseId, application } = await lifecycle.apply(county);
    await lifecycle.recognise(county, caseId, application);
    await lifecycle.openTask(caseId, 'supportPlan');
    const refused = await county.caseworker.post(`/cases/${caseId}/withdraw`, { reason: '申请撤回' });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('不能撤回');
    const handle = platform.temporal.workflow.getHandle(householdCaseWorkflowId(caseId));
    expect((await handle.query<{ stage: string }>('caseState')).stage).toBe('supportPlan');
    await eventually(async () => ((await lifecycle.caseRow(caseId)).status === 'open' ? true : undefined));
  });
});
