// 留痕 coverage (issue #14): one case walked through the API (intake, data check, evidence, a reveal, claims and
// an assignment, escalate-now, an urgent mark, the village procedure, review, recognition, a plan and its
// measure) and then read back from the read model: every change it made has exactly one audit event, with
// actor, role, jurisdiction and time, what was before and after, and the reason where one was given. And a
// change the API makes after a failure (an incident's retry that cannot be delivered) is recorded too.

import { randomUUID } from 'node:crypto';
import { type AuditEventRow, IncidentsRepository } from '@libs/persistence';
import { createCounty, type TestCounty } from './support/county';
import { startCountyPlatform } from './support/county-platform';
import * as forms from './support/forms';
import type { Lifecycle } from './support/lifecycle';
import { type ApiClient, eventually, type Platform } from './support/platform';

// Changes of something that was there before: the event says what it was.
const UPDATES = new Set([
  'case.stageChanged',
  'case.closed',
  'case.markedUrgent',
  'task.completed',
  'task.cancelled',
  'task.claimed',
  'task.unclaimed',
  'task.assigned',
  'task.delegated',
  'task.escalated',
  'task.escalationRequested',
  'task.rescheduled',
  'dataCheck.overridden',
]);
// Actions a person must give a reason for.
const WITH_REASON = new Set([
  'case.markedUrgent',
  'task.escalationRequested',
  'personalData.revealed',
  'dataCheck.overridden',
]);

let platform: Platform;
let lifecycle: Lifecycle;
let county: TestCounty;

beforeAll(async () => {
  ({ platform, lifecycle, county } = await startCountyPlatform({
    departments: [{ department: 'civilAffairs', connector: 'inbox' }],
  }));
});

afterAll(async () => {
  await platform?.stop();
});

const task = (id: string) => `/tasks/${encodeURIComponent(id)}`;

async function ok(client: ApiClient, path: string, body: unknown, status = 200) {
  const response = await client.post(path, body);
  expect({ path, status: response.status, body: response.status === status ? null : response.body }).toEqual({
    path,
    status,
    body: null,
  });
  return response.body;
}

const query = <T>(sql: string, params: unknown[]): Promise<T[]> => platform.dataSource.query(sql, params);

it('records every change of a case walked through the API as one event with who, what, before, after and why', async () => {
  const { caseId, application } = await lifecycle.apply(county);
  await lifecycle.answerDataCheck(county, caseId, ['civilAffairs']);

  const photo = new FormData();
  photo.append(
    'file',
    new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])], { type: 'image/png' }),
    '房屋.png',
  );
  expect((await county.caseworker.postForm(`/cases/${caseId}/attachments`, photo)).status).toBe(201);
  const reason = encodeURIComponent('核实家庭成员身份');
  expect(
    (await county.officer.get(`/cases/${caseId}/personal-data?fields=idNumber&reason=${reason}`)).status,
  ).toBe(200);

  // The survey: claimed, handed back, escalated by the supervisor, claimed again, decided.
  const survey = await lifecycle.openTask(caseId, 'homeSurvey');
  await ok(county.caseworker, `${task(survey)}/claim`, {});
  await ok(county.caseworker, `${task(survey)}/unclaim`, {});
  await ok(
    county.supervisor,
    `/supervision/tasks/${encodeURIComponent(survey)}/escalate-now`,
    { reason: '群众反映久拖未办' },
    202,
  );
  await eventually(async () => {
    const [row] = await query<{ escalation_level: number }>(
      'SELECT escalation_level FROM tasks WHERE id = $1',
      [survey],
    );
    return row.escalation_level === 1 ? true : undefined;
  });
  await ok(county.caseworker, `${task(survey)}/claim`, {});
  await lifecycle.complete(county.caseworker, survey, {
    decision: 'approve',
    form: forms.homeSurvey(application.members),
  });

  // The appraisal, assigned by the supervisor; the case marked urgent on the way.
  const appraisal = await lifecycle.openTask(caseId, 'democraticAppraisal');
  const me = await county.caseworker.get('/auth/me');
  await ok(county.supervisor, `${task(appraisal)}/assign`, { userId: me.body.userId });
  await ok(county.supervisor, `/supervision/cases/${caseId}/mark-urgent`, { reason: '房屋受损，急需救助' });
  await lifecycle.complete(county.caseworker, appraisal, { decision: 'approve', form: forms.meeting() });
  await lifecycle.complete(county.caseworker, await lifecycle.openTask(caseId, 'publicNotice'), {
    decision: 'approve',
    form: forms.publicNotice(),
  });
  await lifecycle.complete(county.reviewer, await lifecycle.openTask(caseId, 'townshipReview'), {
    decision: 'approve',
  });
  await lifecycle.complete(county.officer, await lifecycle.openTask(caseId, 'recognition'), {
    decision: 'approve',
  });
  await lifecycle.simplePlan(county, caseId);
  const civil = county.department('civilAffairs');
  await lifecycle.complete(civil, await lifecycle.openTask(caseId, 'measureAcceptance', 'civilAffairs'), {
    decision: 'approve',
    form: {},
  });
  await lifecycle.openTask(caseId, 'measureImplementation', 'civilAffairs');

  const events = await query<AuditEventRow>('SELECT * FROM audit_events WHERE case_id = $1 ORDER BY id', [
    caseId,
  ]);
  const of = (action: string, entityId?: string) =>
    events.filter((e) => e.action === action && (entityId === undefined || e.entity_id === entityId));

  // Every event: who (their role and jurisdiction; the workflow itself is `system`), when, what, on what.
  for (const e of events) {
    const where = `${e.action} ${e.event_key}`;
    expect({
      where,
      actor: [e.actor_username, e.actor_role, e.actor_jurisdiction_id].every(Boolean),
    }).toEqual({
      where,
      actor: true,
    });
    expect({ where, at: e.occurred_at instanceof Date }).toEqual({ where, at: true });
    expect({ where, after: e.after !== null }).toEqual({ where, after: true });
    if (UPDATES.has(e.action)) expect({ where, before: e.before !== null }).toEqual({ where, before: true });
    if (WITH_REASON.has(e.action))
      expect({ where, reason: Boolean(e.reason) }).toEqual({ where, reason: true });
  }

  expect(of('case.created')).toHaveLength(1);
  // Each task: opened once; completed once, by whoever decided it; cancelled once if it was.
  const tasks = await query<{ id: string; status: string; decided_by: string | null }>(
    'SELECT id, status, decided_by FROM tasks WHERE case_id = $1',
    [caseId],
  );
  expect(tasks.length).toBeGreaterThan(8);
  for (const t of tasks) {
    expect({ task: t.id, opened: of('task.opened', t.id).length }).toEqual({ task: t.id, opened: 1 });
    const completed = of('task.completed', t.id);
    expect({ task: t.id, completed: completed.length }).toEqual({
      task: t.id,
      completed: t.status === 'completed' ? 1 : 0,
    });
    if (t.status === 'completed') expect(completed[0].actor_id).toBe(t.decided_by);
    expect(of('task.cancelled', t.id)).toHaveLength(t.status === 'cancelled' ? 1 : 0);
  }
  // The survey's claims, hand-back and escalation; the appraisal's assignment.
  expect(of('task.claimed', survey)).toHaveLength(2);
  expect(of('task.unclaimed', survey)).toHaveLength(1);
  expect(of('task.escalationRequested', survey)).toHaveLength(1);
  expect(of('task.escalated', survey)).toHaveLength(1);
  expect(of('task.assigned', appraisal)).toMatchObject([
    { actor_role: 'supervisor', after: { assigneeId: me.body.userId } },
  ]);
  // The urgent mark: the case, and each open task whose deadline it moved.
  expect(of('case.markedUrgent')).toMatchObject([{ before: { urgent: false }, after: { urgent: true } }]);

  // The case's stage as the read model has it is the last one an event moved it to.
  const [row] = await query<{ stage: string; urgent: boolean }>(
    'SELECT stage, urgent FROM cases WHERE id = $1',
    [caseId],
  );
  const stages = events.flatMap((e) =>
    (typeof e.after?.stage === 'string' && e.entity_id === caseId) || e.action === 'task.opened'
      ? [e.after!.stage]
      : [],
  );
  expect(stages).toContain(row.stage);
  expect(row.urgent).toBe(true);

  // Evidence, reveals, ledger rows and measures: one event each.
  const attachments = await query<{ id: string; uploaded_by: string }>(
    'SELECT id, uploaded_by FROM attachments WHERE case_id = $1',
    [caseId],
  );
  for (const a of attachments)
    expect(of('attachment.uploaded', a.id)).toMatchObject([{ actor_id: a.uploaded_by }]);
  expect(of('personalData.revealed')).toMatchObject([
    { actor_role: 'countyOfficer', reason: '核实家庭成员身份' },
  ]);
  const ledger = await query<{ id: string }>('SELECT id FROM ledger_entries WHERE case_id = $1', [caseId]);
  expect(ledger.length).toBeGreaterThan(0);
  for (const entry of ledger) expect(of('ledger.recorded', entry.id)).toHaveLength(1);
  const measures = await query<{ id: string; status: string }>(
    'SELECT id, status FROM support_measures WHERE case_id = $1',
    [caseId],
  );
  expect(measures.length).toBeGreaterThan(0);
  for (const m of measures) {
    const changes = events.filter((e) => e.entity_type === 'supportMeasure' && e.entity_id === m.id);
    expect(changes.map((e) => e.after?.status)).toContain(m.status);
    // The first is the transfer; each later one says what the measure was before.
    expect(changes.slice(1).every((e) => e.before !== null)).toBe(true);
  }

  // The history route answers the same events.
  const history = await county.inspector.get(`/cases/${caseId}/history`);
  expect(history.body.map((e: { id: number }) => String(e.id))).toEqual(events.map((e) => e.id));
});

it('records a retry that could not reach its workflow, and the incident waiting again', async () => {
  const { caseId } = await lifecycle.apply(county);
  const [{ workflow_id: workflowId }] = await query<{ workflow_id: string }>(
    'SELECT workflow_id FROM cases WHERE id = $1',
    [caseId],
  );
  await platform.temporal.workflow.getHandle(workflowId).terminate('spec: the workflow is gone');
  const incidentId = randomUUID();
  await new IncidentsRepository().raise(platform.dataSource, {
    incidentId,
    caseId,
    workflowId,
    step: 'askDepartment',
    errorType: 'Error',
    errorMessage: '部门接口无响应',
    retryable: true,
    failures: 5,
  });

  const retry = await county.admin.post(`/incidents/${incidentId}/retry`, { reason: '已排除部门接口故障' });
  expect(retry.status).toBe(409);
  const [incident] = await query<{ status: string }>('SELECT status FROM incidents WHERE id = $1', [
    incidentId,
  ]);
  expect(incident.status).toBe('open');
  const events = await query<AuditEventRow>(
    `SELECT * FROM audit_events WHERE entity_type = 'incident' AND entity_id = $1 ORDER BY id`,
    [incidentId],
  );
  expect(events).toMatchObject([
    { action: 'incident.retryRequested', actor_role: 'admin', after: { status: 'retrying' } },
    {
      action: 'incident.retryUndelivered',
      actor_role: 'admin',
      before: { status: 'retrying' },
      after: { status: 'open' },
      reason: '流程已结束',
    },
  ]);
});

it('records who filed an objection during the public notice and what it says, once for a repeated request', async () => {
  const noticeCounty = await createCounty(platform.dataSource, platform.baseUrl, {
    policy: { publicNotice: 'PT1M' },
  });
  const { caseId, application } = await lifecycle.apply(noticeCounty);
  await lifecycle.villageProcedure(noticeCounty, caseId, application);
  const objection = { objector: '村民张某', content: '该户在镇上经营一家超市' };
  for (let i = 0; i < 2; i++) {
    const filed = await noticeCounty.reviewer.post(`/cases/${caseId}/objections`, objection, {
      'Idempotency-Key': `objection-${caseId}`,
    });
    expect(filed.status).toBe(200);
  }
  const events = await query<AuditEventRow>(
    `SELECT * FROM audit_events WHERE case_id = $1 AND action = 'case.objectionFiled'`,
    [caseId],
  );
  expect(events).toMatchObject([
    { actor_role: 'townshipReviewer', actor_jurisdiction_id: noticeCounty.townshipId, after: objection },
  ]);
  const history = await noticeCounty.inspector.get(`/cases/${caseId}/history`);
  expect(history.body.find((e: { action: string }) => e.action === 'case.objectionFiled')).toMatchObject({
    flagged: true,
    actor: { role: 'townshipReviewer' },
  });
});
