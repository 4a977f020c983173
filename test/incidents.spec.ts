// No failing step freezes a case. A decision whose write cannot be made fails its request at once and leaves the
// task decidable; a later step that cannot be written raises an incident (故障事件) that supervisors and admins
// see, /health counts, and an admin's retry clears once the cause is fixed. Faults are real PostgreSQL errors,
// injected by triggers the spec installs and drops.

import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import type { INestApplication } from '@nestjs/common';
import { householdCaseWorkflowId } from '@libs/contracts';
import { createApi } from '@api/create-api';
import { syntheticApplication } from '../scripts/lib/synthetic-households';
import { freePort } from '../scripts/lib/free-port';
import * as forms from './support/forms';
import { recordHistory } from './support/histories';
import { createVillage } from './support/places';
import { ApiClient, eventually, type Platform, startPlatform, testLogger } from './support/platform';
import { signInNewUser } from './support/users';

let platform: Platform;
let caseworker: ApiClient;
let admin: ApiClient;
let supervisor: ApiClient;
let village: string;

beforeAll(async () => {
  platform = await startPlatform();
  village = await createVillage(platform.dataSource);
  caseworker = await signInNewUser(platform, 'caseworker', village);
  admin = await ApiClient.login(platform.baseUrl, 'admin');
  supervisor = await ApiClient.login(platform.baseUrl, 'sup_dongli');
});

afterAll(async () => {
  await platform?.stop();
});

/** Makes PostgreSQL refuse writes that match `when` (a trigger condition on NEW) until the returned function runs. */
async function injectFault(operation: 'INSERT' | 'UPDATE', when: string): Promise<() => Promise<void>> {
  const name = `spec_fault_${randomUUID().replace(/-/g, '')}`;
  await platform.ownerDataSource.query(
    `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN RAISE EXCEPTION '测试注入的故障' USING ERRCODE = 'check_violation'; END $$`,
  );
  await platform.ownerDataSource.query(
    `CREATE TRIGGER ${name} BEFORE ${operation} ON tasks FOR EACH ROW WHEN (${when}) EXECUTE FUNCTION ${name}()`,
  );
  return async () => {
    await platform.ownerDataSource.query(`DROP TRIGGER ${name} ON tasks`);
    await platform.ownerDataSource.query(`DROP FUNCTION ${name}()`);
  };
}

async function newCase() {
  const application = syntheticApplication(village);
  const created = await caseworker.post('/cases', application);
  expect(created.status).toBe(201);
  return { caseId: created.body.id as string, application };
}

it('a decision that cannot be written fails at once, and the same decision goes through once the cause is gone', async () => {
  const { caseId, application } = await newCase();
  const surveyId = `${caseId}:homeSurvey:1`;
  const removeFault = await injectFault('UPDATE', `NEW.id = '${surveyId}' AND NEW.status = 'completed'`);
  const decision = { decision: 'approve', form: forms.homeSurvey(application.members) };

  const started = Date.now();
  const refused = await caseworker.post(`/tasks/${surveyId}/complete`, decision);
  expect(refused.status).toBe(400);
  expect(refused.body).toMatchObject({ code: 'DECISION_NOT_STORABLE' });
  expect(refused.body.message).toContain('任务仍待办理');
  expect(Date.now() - started).toBeLessThan(10_000);
  expect((await caseworker.get(`/tasks/${surveyId}`)).body.status).toBe('open');

  await removeFault();
  const decided = await caseworker.post(`/tasks/${surveyId}/complete`, decision);
  expect(decided.status).toBe(200);
  expect(decided.body.task.status).toBe('completed');
  expect(decided.body.case.openTasks.map((t: { kind: string }) => t.kind)).toEqual(['democraticAppraisal']);
});

it('a step that fails for good raises an incident that an admin retries once the cause is fixed', async () => {
  const { caseId, application } = await newCase();
  const removeFault = await injectFault(
    'INSERT',
    `NEW.case_id = '${caseId}' AND NEW.kind = 'democraticAppraisal'`,
  );
  const healthBefore = (await ApiClient.anonymous(platform.baseUrl).get('/health')).body;

  // The survey is recorded; opening the appraisal fails, and the request answers instead of waiting.
  const decided = await caseworker.post(`/tasks/${caseId}:homeSurvey:1/complete`, {
    decision: 'approve',
    form: forms.homeSurvey(application.members),
  });
  expect(decided.status).toBe(200);
  expect(decided.body.task.status).toBe('completed');
  expect(decided.body.case.openTasks).toEqual([]);
  expect(decided.body.case.incidents).toEqual([
    expect.objectContaining({ step: 'openTask', status: 'open' }),
  ]);

  const listed = await admin.get(`/incidents?caseId=${caseId}`);
  expect(listed.status).toBe(200);
  expect(listed.body.items).toHaveLength(1);
  const [incident] = listed.body.items;
  expect(incident).toMatchObject({
    caseId,
    step: 'openTask',
    errorType: 'SQLSTATE 23514',
    retryable: false,
    status: 'open',
    statusLabel: '待处理',
  });
  expect(incident.error).toContain('测试注入的故障');
  expect(Date.parse(incident.openedAt)).toBeGreaterThan(Date.now() - 60_000);
  // Raised by a normal activity, which runs only once the server has stored the step's failure: a workflow
  // task lost before that (the server's database away too) leaves no incident behind.
  const { events } = await platform.temporal.workflow
    .getHandle(householdCaseWorkflowId(caseId))
    .fetchHistory();
  // (The decisions' writes are scheduled activities too.)
  expect(
    events
      ?.map((event) => event.activityTaskScheduledEventAttributes?.activityType?.name)
      .filter((name) => name && name !== 'closeTask'),
  ).toEqual(['raiseIncident']);

  // The township's supervisor sees it in scope and was notified; /health counts it.
  const seen = await supervisor.get(`/incidents?caseId=${caseId}`);
  expect(seen.body.items.map((i: { id: string }) => i.id)).toEqual([incident.id]);
  const notifications = (await supervisor.get('/notifications?limit=50')).body.items;
  expect(notifications).toEqual(
    expect.arrayContaining([expect.objectContaining({ kind: 'incidentRaised', caseId })]),
  );
  const health = (await ApiClient.anonymous(platform.baseUrl).get('/health')).body;
  expect(health.status).toBe('degraded');
  expect(health.incidents.unresolved).toBeGreaterThan(healthBefore.incidents.unresolved);

  // Only an admin retries; a retry while the cause remains raises the same incident again.
  expect((await supervisor.post(`/incidents/${incident.id}/retry`, { reason: '重试' })).status).toBe(403);
  const early = await admin.post(`/incidents/${incident.id}/retry`, { reason: '先试一次' });
  expect(early.status).toBe(202);
  await eventually(async () => {
    const [again] = (await admin.get(`/incidents?caseId=${caseId}`)).body.items;
    return again?.failures === 2 && again.status === 'open' ? again : undefined;
  });

  await removeFault();
  const retried = await admin.post(`/incidents/${incident.id}/retry`, { reason: '已排除数据库约束故障' });
  expect(retried.status).toBe(202);
  const appraisal = await eventually(async () => {
    const task = await caseworker.get(`/tasks/${caseId}:democraticAppraisal:1`);
    return task.status === 200 ? task.body : undefined;
  });
  expect(appraisal.status).toBe('open');
  const resolved = await eventually(async () => {
    const [item] = (await admin.get(`/incidents?caseId=${caseId}&status=resolved`)).body.items;
    return item;
  });
  expect(resolved).toMatchObject({ id: incident.id, status: 'resolved' });
  expect((await admin.get(`/incidents?caseId=${caseId}`)).body.items).toEqual([]);
  expect((await caseworker.get(`/cases/${caseId}`)).body.incidents).toEqual([]);
  expect((await admin.post(`/incidents/${incident.id}/retry`, { reason: '再试' })).status).toBe(409);

  const actions = (await admin.get(`/cases/${caseId}/history`)).body.map((e: { action: string }) => e.action);
  expect(actions).toEqual(
    expect.arrayContaining(['incident.raised', 'incident.retryRequested', 'incident.resolved']),
  );
  recordHistory('lifecycle-incident-retried', caseId);
  const chain = await ApiClient.login(platform.baseUrl, 'inspector').then((i) => i.get('/audit/verify'));
  expect(chain.body.ok).toBe(true);
});

it('marking cases urgent while their activities write does not deadlock', async () => {
  const cases = await Promise.all([1, 2, 3, 4].map(() => newCase()));
  const results = await Promise.all(
    cases.flatMap(({ caseId, application }) => [
      caseworker.post(`/tasks/${caseId}:homeSurvey:1/complete`, {
        decision: 'approve',
        form: forms.homeSurvey(application.members),
      }),
      supervisor.post(`/supervision/cases/${caseId}/mark-urgent`, { reason: '房屋失火，急需救助' }),
      supervisor.post(`/supervision/cases/${caseId}/mark-urgent`, { reason: '再次督办，急需救助' }),
    ]),
  );
  expect(results.map((r) => r.status)).toEqual(cases.flatMap(() => [200, 200, 200]));
  // Every case got its urgent deadlines (temporary assistance opens beside the procedure).
  for (const { caseId } of cases) {
    await eventually(async () => {
      const found = (await caseworker.get(`/cases/${caseId}`)).body;
      const kinds = found.tasks
        .filter((t: { status: string }) => t.status === 'open')
        .map((t: { kind: string }) => t.kind);
      return found.urgent && kinds.includes('temporaryAssistance') ? found : undefined;
    });
  }
});

describe('with Temporal unreachable', () => {
  let app: INestApplication;
  let baseUrl: string;

  beforeAll(async () => {
    // Nothing listens on this port: what the API meets when the Temporal server is stopped.
    const connection = await Connection.lazy({ address: `127.0.0.1:${await freePort()}` });
    const temporal = new Client({ connection, namespace: platform.config.temporal.namespace });
    app = await createApi({
      config: platform.config,
      jwtSecret: platform.config.jwt.secret!,
      dataSource: platform.dataSource,
      temporal,
      logger: testLogger,
    });
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}/api`;
  });

  afterAll(async () => {
    await app?.close();
  });

  it('a new case answers 503 within its deadline and leaves no row behind', async () => {
    const client = await signInNewUser({ dataSource: platform.dataSource, baseUrl }, 'caseworker', village);
    const application = syntheticApplication(village);
    const started = Date.now();
    const refused = await client.post('/cases', application);
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ code: 'WORKFLOW_UNAVAILABLE' });
    expect(refused.body.message).toContain('未生效');
    expect(Date.now() - started).toBeLessThan(20_000);
    const [rows] = await platform.dataSource.query(
      `SELECT count(*)::int AS n FROM household_members WHERE id_number = $1`,
      [application.members[0].idNumber],
    );
    expect(rows.n).toBe(0);
  });

  it('a decision or an urgent marking answers 503, and repeating it once Temporal is back goes through', async () => {
    const { caseId, application } = await newCase();
    const surveyId = `${caseId}:homeSurvey:1`;
    const caseworkerViaDown = await signInNewUser(
      { dataSource: platform.dataSource, baseUrl },
      'caseworker',
      village,
    );
    const supervisorViaDown = await ApiClient.login(baseUrl, 'sup_dongli');
    const decision = { decision: 'approve', form: forms.homeSurvey(application.members) };

    // Each within its deadline (an update's 30 s, a signal's 5 s) and a little.
    let started = Date.now();
    const refused = await caseworkerViaDown.post(`/tasks/${surveyId}/complete`, decision);
    expect(refused.status).toBe(503);
    expect(refused.body.message).toContain('可能未生效');
    expect(Date.now() - started).toBeLessThan(35_000);
    started = Date.now();
    const marked = await supervisorViaDown.post(`/supervision/cases/${caseId}/mark-urgent`, {
      reason: '急需救助，特事特办',
    });
    expect(marked.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect((await caseworker.get(`/tasks/${surveyId}`)).body.status).toBe('open');

    // The marking was recorded; repeated where Temporal answers, it reaches the workflow this time.
    const again = await supervisor.post(`/supervision/cases/${caseId}/mark-urgent`, {
      reason: '急需救助，特事特办',
    });
    expect(again.status).toBe(200);
    await eventually(async () => {
      const task = (await caseworker.get(`/tasks/${surveyId}`)).body;
      return Date.parse(task.dueAt) - Date.parse(task.openedAt) === 24 * 3_600_000 ? task : undefined;
    });
    expect((await caseworker.post(`/tasks/${surveyId}/complete`, decision)).status).toBe(200);
  });
});
