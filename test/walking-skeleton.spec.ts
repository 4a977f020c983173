// The human-task pattern end to end, through the API: application → home survey task → decision →
// next task, on the real PostgreSQL and the real Temporal dev server. The demo county has no data check and
// a one-second public notice (test/global-setup.ts), so a case starts at the home survey.

import { householdCaseWorkflowId } from '@libs/contracts';
import { syntheticApplication, syntheticIdNumber } from '../scripts/lib/synthetic-households';
import * as forms from './support/forms';
import { createVillage } from './support/places';
import { ApiClient, eventually, type Platform, startPlatform } from './support/platform';
import { createUser } from './support/users';

let platform: Platform;
let village: string;
let caseworker: ApiClient;
let caseworkerName: string;
let reviewer: ApiClient;

beforeAll(async () => {
  platform = await startPlatform();
  // A village of this spec's own in 东里镇: its inboxes hold only this spec's tasks.
  village = await createVillage(platform.dataSource);
  caseworkerName = (await createUser(platform.dataSource, 'caseworker', village)).username;
  caseworker = await ApiClient.login(platform.baseUrl, caseworkerName);
  reviewer = await ApiClient.login(platform.baseUrl, 'tr_dongli');
});

afterAll(async () => {
  await platform?.stop();
});

/** What this spec's village holds: its cases, households and the audit rows of its caseworker. */
async function villageRows(): Promise<number[]> {
  const [row] = await platform.dataSource.query(
    `SELECT (SELECT count(*)::int FROM cases WHERE village_id = $1) AS cases,
       (SELECT count(*)::int FROM households WHERE village_id = $1) AS households,
       (SELECT count(*)::int FROM audit_events WHERE actor_username = $2) AS audit`,
    [village, caseworkerName],
  );
  return [row.cases, row.households, row.audit];
}

/** A new case; `survey` is an approval of its home survey with a valid form (one income per member). */
async function newCase(body = syntheticApplication(village)) {
  const created = await caseworker.post('/cases', body);
  expect(created.status).toBe(201);
  return {
    ...created.body,
    survey: { decision: 'approve', form: forms.homeSurvey(body.members) } as Record<string, unknown>,
  };
}

/** Waits until the task is open in the read model (a task after the public notice opens once it passes). */
async function untilOpen(taskId: string): Promise<void> {
  await eventually(async () => {
    const [task] = await platform.dataSource.query('SELECT status FROM tasks WHERE id = $1', [taskId]);
    return task?.status === 'open' ? true : undefined;
  });
}

describe('an application through the API', () => {
  it('starts the case workflow and answers with the home-survey task already in the inbox', async () => {
    const created = await newCase();
    expect(created.stage).toBe('homeSurvey');
    expect(created.members[0].idNumber).toMatch(/^370323\*{8}\d{3}[\dX]$/);
    const surveyTaskId = `${created.id}:homeSurvey:1`;
    expect(created.workflowState.openTasks).toEqual([
      expect.objectContaining({ taskId: surveyTaskId, kind: 'homeSurvey' }),
    ]);

    const inbox = await caseworker.get('/tasks?kind=homeSurvey&limit=100');
    expect(inbox.status).toBe(200);
    expect(inbox.body.items.map((t: { id: string }) => t.id)).toContain(surveyTaskId);
  });

  it('completing a task returns the new state with the next task open, and the inbox shows it', async () => {
    const created = await newCase();
    const completed = await caseworker.post(`/tasks/${created.id}:homeSurvey:1/complete`, created.survey, {
      'Idempotency-Key': `survey-${created.id}`,
    });
    expect(completed.status).toBe(200);
    expect(completed.body.task).toMatchObject({ status: 'completed', decision: 'approve' });
    expect(completed.body.case.stage).toBe('democraticAppraisal');
    expect(completed.body.case.openTasks).toEqual([
      expect.objectContaining({ taskId: `${created.id}:democraticAppraisal:1` }),
    ]);

    const detail = await caseworker.get(`/cases/${created.id}`);
    expect(detail.body.stage).toBe('democraticAppraisal');
    expect(detail.body.tasks.map((t: { kind: string; status: string }) => `${t.kind}:${t.status}`)).toEqual([
      'homeSurvey:completed',
      'democraticAppraisal:open',
    ]);

    // The decision is written by an activity scheduled with the Update's acceptance, so it is written only once
    // the server has stored the decision: a workflow task lost before that (the server's database away too)
    // leaves no task 已完成 in the read model that the workflow still waits on.
    const events =
      (await platform.temporal.workflow.getHandle(householdCaseWorkflowId(created.id)).fetchHistory())
        .events ?? [];
    const accepted = events.findIndex((event) => event.workflowExecutionUpdateAcceptedEventAttributes);
    const written = events.findIndex(
      (event) => event.activityTaskScheduledEventAttributes?.activityType?.name === 'closeTask',
    );
    expect(accepted).toBeGreaterThan(0);
    expect(written).toBeGreaterThan(accepted);
  });

  it('a repeated request with the same idempotency key completes nothing twice', async () => {
    const created = await newCase();
    const path = `/tasks/${created.id}:homeSurvey:1/complete`;
    const headers = { 'Idempotency-Key': `double-click-${created.id}` };
    const [first, second] = await Promise.all([
      caseworker.post(path, created.survey, headers),
      caseworker.post(path, created.survey, headers),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.body.case).toEqual(first.body.case);
    const third = await caseworker.post(path, created.survey, headers);
    expect(third.status).toBe(200);
    expect(third.body.case.stage).toBe('democraticAppraisal');

    const tasks = await platform.dataSource.query(
      'SELECT kind, status FROM tasks WHERE case_id = $1 ORDER BY opened_at',
      [created.id],
    );
    expect(tasks).toEqual([
      { kind: 'homeSurvey', status: 'completed' },
      { kind: 'democraticAppraisal', status: 'open' },
    ]);
    const completions = await platform.dataSource.query(
      `SELECT count(*)::int AS count FROM audit_events WHERE case_id = $1 AND action = 'task.completed'`,
      [created.id],
    );
    expect(completions[0].count).toBe(1);
  });

  it('refuses a decision on a task that is already closed', async () => {
    const created = await newCase();
    const path = `/tasks/${created.id}:homeSurvey:1/complete`;
    expect(
      (await caseworker.post(path, created.survey, { 'Idempotency-Key': 'first-decision-1' })).status,
    ).toBe(200);
    const again = await caseworker.post(
      path,
      { decision: 'reject', reason: '重复提交' },
      { 'Idempotency-Key': 'second-decision-2' },
    );
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'TASK_CLOSED', message: expect.stringContaining('已办结') });
  });

  it('routes the township review to the township reviewer, not the caseworker', async () => {
    const created = await newCase();
    const village: [string, Record<string, unknown>][] = [
      ['homeSurvey', created.survey],
      ['democraticAppraisal', { decision: 'approve', form: forms.meeting() }],
      ['publicNotice', { decision: 'approve', form: forms.publicNotice() }],
    ];
    for (const [kind, decision] of village) {
      expect((await caseworker.post(`/tasks/${created.id}:${kind}:1/complete`, decision)).status).toBe(200);
    }
    // The township review opens once the notice (a second in the demo county) has passed without objection.
    const reviewTask = `${created.id}:townshipReview:1`;
    await untilOpen(reviewTask);
    // The caseworker's village does not contain the township's task; the township supervisor's does,
    // but reviewing is not a supervisor's role.
    expect((await caseworker.post(`/tasks/${reviewTask}/complete`, { decision: 'approve' })).status).toBe(
      404,
    );
    const supervisor = await ApiClient.login(platform.baseUrl, 'sup_dongli');
    const bySupervisor = await supervisor.post(`/tasks/${reviewTask}/complete`, { decision: 'approve' });
    expect(bySupervisor.status).toBe(403);
    expect(bySupervisor.body.message).toContain('镇(街道)审核人');
    const otherTownship = await ApiClient.login(platform.baseUrl, 'tr_yuezhuang');
    expect((await otherTownship.get(`/tasks/${reviewTask}`)).status).toBe(404);
    expect((await otherTownship.get(`/cases/${created.id}`)).status).toBe(404);

    const inbox = await reviewer.get('/tasks?kind=townshipReview&limit=100');
    expect(inbox.body.items.map((t: { id: string }) => t.id)).toContain(reviewTask);
    const returned = await reviewer.post(`/tasks/${reviewTask}/complete`, {
      decision: 'return',
      reason: '评议人数不足，请重新评议',
    });
    expect(returned.status).toBe(200);
    expect(returned.body.case.openTasks[0].taskId).toBe(`${created.id}:democraticAppraisal:2`);
  });

  it('a rejection closes the case and frees its members for a later application', async () => {
    const body = syntheticApplication(village);
    const created = await newCase(body);
    const rejected = await caseworker.post(`/tasks/${created.id}:homeSurvey:1/complete`, {
      decision: 'reject',
      reason: '入户核实家庭收入高于标准',
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body.case).toMatchObject({ stage: 'rejected', openTasks: [] });
    const detail = await caseworker.get(`/cases/${created.id}`);
    expect(detail.body).toMatchObject({ status: 'closed', stage: 'rejected' });
    expect((await caseworker.post('/cases', body)).status).toBe(201);
  });

  it('records who did what, when and why in the case history', async () => {
    const created = await newCase();
    const surveyed = await caseworker.post(`/tasks/${created.id}:homeSurvey:1/complete`, {
      ...created.survey,
      reason: '情况属实',
    });
    expect(surveyed.status).toBe(200);
    const history = await caseworker.get(`/cases/${created.id}/history`);
    // No data check in the demo county: it is recorded as done with nothing to check.
    expect(history.body.map((e: { action: string }) => e.action)).toEqual([
      'case.created',
      'case.stageChanged',
      'dataCheck.completed',
      'case.stageChanged',
      'task.opened',
      'task.completed',
      'case.evaluated',
      'case.stageChanged',
      'task.opened',
    ]);
    expect(history.body[5]).toMatchObject({
      action: 'task.completed',
      actor: { username: caseworkerName, role: 'caseworker', jurisdictionId: village },
      before: { status: 'open', stage: 'homeSurvey' },
      after: { decision: 'approve', form: expect.objectContaining({ surveyedOn: expect.any(String) }) },
      reason: '情况属实',
    });
    // The case moves on in an entry of its own, the system's.
    expect(history.body[7]).toMatchObject({
      action: 'case.stageChanged',
      actor: { username: 'system', role: 'system' },
      before: { stage: 'homeSurvey' },
      after: { stage: 'democraticAppraisal' },
    });
  });
});

describe('bad input changes nothing', () => {
  // Bodies are made per test: the spec's village exists only once the platform is up.
  const cases: [string, () => unknown, string][] = [
    ['missing fields', () => ({}), 'villageId'],
    ['a wrong type', () => syntheticApplication(village, { urban: 'yes' }), 'urban'],
    ['an unknown field', () => syntheticApplication(village, { income: 5 }), 'income'],
    [
      'an invalid ID-card number',
      () =>
        syntheticApplication(village, {
          members: [{ name: '甲', idNumber: '370323197803150017', relation: 'head', annualIncome: 1 }],
        }),
      'members[0].idNumber',
    ],
    [
      'no signed data consent',
      () => syntheticApplication(village, { dataConsent: { signed: false, signedAt: '2026-11-20' } }),
      'dataConsent.signed',
    ],
    ['a body that is not JSON', () => '{"villageId": ', ''],
  ];

  it.each(cases)('POST /cases with %s is a 400 naming the field', async (_name, body, field) => {
    const before = await villageRows();
    const response = await caseworker.post('/cases', body());
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(/[\u4e00-\u9fff]/);
    if (field) expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await villageRows()).toEqual(before);
  });

  it('refuses a second open case for a person, naming where the first one is', async () => {
    const body = syntheticApplication(village);
    await newCase(body);
    const again = await caseworker.post('/cases', {
      ...syntheticApplication(village),
      members: [
        { ...body.members[0], relation: 'head' },
        { name: '新成员', idNumber: syntheticIdNumber(1990), relation: 'spouse', annualIncome: 0 },
      ],
    });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain(`东里镇测试村${village.slice(-6)}`);
  });

  it('a household needs exactly one head', async () => {
    const body = syntheticApplication(village);
    const response = await caseworker.post('/cases', {
      ...body,
      members: body.members.map((m) => ({ ...m, relation: 'child' })),
    });
    expect(response.status).toBe(400);
    expect(response.body.message).toContain('户主');
  });

  it('refuses a village outside the caseworker’s jurisdiction as not found', async () => {
    const response = await caseworker.post('/cases', syntheticApplication('370323105201'));
    expect(response.status).toBe(404);
  });

  it.each([
    ['a task that does not exist', '/tasks/no-such-task/complete', { decision: 'approve' }, 404],
    ['an unknown decision', '/tasks/no-such-task/complete', { decision: 'maybe' }, 400],
    ['an unknown field', '/tasks/no-such-task/complete', { decision: 'approve', extra: true }, 400],
    ['a form that is not an object', '/tasks/no-such-task/complete', { decision: 'approve', form: 'x' }, 400],
  ])('POST /tasks/:id/complete with %s is refused', async (_name, path, body, status) => {
    const response = await caseworker.post(path, body);
    expect(response.status).toBe(status);
    expect(response.body.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('a rejection or return needs a reason, and a home survey cannot be returned', async () => {
    const created = await newCase();
    const path = `/tasks/${created.id}:homeSurvey:1/complete`;
    const noReason = await caseworker.post(path, { decision: 'reject' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors).toEqual([{ field: 'reason', message: expect.any(String) }]);
    const returned = await caseworker.post(path, { decision: 'return', reason: '没有上一步可退' });
    expect(returned.status).toBe(400);
    const detail = await caseworker.get(`/cases/${created.id}`);
    expect(detail.body.tasks).toEqual([expect.objectContaining({ kind: 'homeSurvey', status: 'open' })]);
  });
});

describe('access', () => {
  it('asks for a sign-in, and refuses a wrong password', async () => {
    const anonymous = ApiClient.anonymous(platform.baseUrl);
    expect((await anonymous.get('/tasks')).status).toBe(401);
    const wrong = await anonymous.post('/auth/login', { username: 'cw_dongli_east', password: 'wrong' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.message).toBe('用户名或密码错误');
  });

  it('an inspector may not file an application', async () => {
    const inspector = await ApiClient.login(platform.baseUrl, 'inspector');
    expect((await inspector.post('/cases', syntheticApplication())).status).toBe(403);
  });

  it('health reports PostgreSQL and Temporal up', async () => {
    const health = await ApiClient.anonymous(platform.baseUrl).get('/health');
    expect(health.status).toBe(200);
    // ok, or degraded by incidents other specs left in the shared database.
    expect(['ok', 'degraded']).toContain(health.body.status);
    expect(health.body).toMatchObject({
      postgres: { status: 'up' },
      temporal: { status: 'up' },
    });
  });

  it('serves the OpenAPI document', async () => {
    const docs = await fetch(`${platform.baseUrl}/docs-json`);
    expect(docs.status).toBe(200);
    const document = (await docs.json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/cases', '/tasks', '/tasks/{id}/complete', '/health']),
    );
  });
});
