// A supervisor's actions reach the workflow: marking a case urgent (特事特办) switches its deadlines to
// urgent ones at once, and escalate-now raises the open task one level before its deadline.

import { escalateNowSignal, householdCaseWorkflowId } from '@libs/contracts';
import { syntheticApplication } from '../scripts/lib/synthetic-households';
import * as forms from './support/forms';
import { recordHistory } from './support/histories';
import { createVillage } from './support/places';
import { ApiClient, eventually, type Platform, startPlatform } from './support/platform';
import { signInNewUser } from './support/users';

let platform: Platform;
let caseworker: ApiClient;
let supervisor: ApiClient;
let village: string;

beforeAll(async () => {
  platform = await startPlatform();
  village = await createVillage(platform.dataSource);
  caseworker = await signInNewUser(platform, 'caseworker', village);
  supervisor = await ApiClient.login(platform.baseUrl, 'sup_dongli');
});

afterAll(async () => {
  await platform?.stop();
});

const HOUR = 3_600_000;

it('marking a case urgent gives the open task and every later one the urgent deadline', async () => {
  const application = syntheticApplication(village);
  const { body: created } = await caseworker.post('/cases', application);
  const surveyId = `${created.id}:homeSurvey:1`;
  const before = (await caseworker.get(`/tasks/${surveyId}`)).body;
  expect(Date.parse(before.dueAt) - Date.parse(before.openedAt)).toBeGreaterThan(5 * 24 * HOUR);

  const marked = await supervisor.post(`/supervision/cases/${created.id}/mark-urgent`, {
    reason: '房屋失火，急需救助',
  });
  expect(marked.status).toBe(200);
  const survey = await eventually(async () => {
    const task = (await caseworker.get(`/tasks/${surveyId}`)).body;
    return Date.parse(task.dueAt) < Date.parse(before.dueAt) ? task : undefined;
  });
  expect(Date.parse(survey.dueAt) - Date.parse(survey.openedAt)).toBe(24 * HOUR);
  expect(survey.urgent).toBe(true);

  const done = await caseworker.post(`/tasks/${surveyId}/complete`, {
    decision: 'approve',
    form: forms.homeSurvey(application.members),
  });
  expect(done.status).toBe(200);
  // 特事特办 also opens temporary assistance at the county, alongside the procedure.
  expect(done.body.case.openTasks.map((t: { taskId: string }) => t.taskId).sort()).toEqual(
    [`${created.id}:democraticAppraisal:1`, `${created.id}:temporaryAssistance:1`].sort(),
  );
  const appraisal = (await caseworker.get(`/tasks/${created.id}:democraticAppraisal:1`)).body;
  expect(appraisal.urgent).toBe(true);
  expect(Date.parse(appraisal.dueAt) - Date.parse(appraisal.openedAt)).toBe(48 * HOUR);

  const actions = (await caseworker.get(`/cases/${created.id}/history`)).body.map(
    (e: { action: string }) => e.action,
  );
  expect(actions).toEqual(expect.arrayContaining(['case.markedUrgent', 'task.rescheduled']));
  // New names: marked-urgent.json and escalated-now.json hold the first workflow version's histories.
  recordHistory('lifecycle-marked-urgent', created.id);
});

it('escalate-now raises the open task one level at a time, notifying as a deadline would', async () => {
  const { body: created } = await caseworker.post('/cases', syntheticApplication(village));
  const taskId = `${created.id}:homeSurvey:1`;
  for (const level of [1, 2]) {
    const requested = await supervisor.post(`/supervision/tasks/${taskId}/escalate-now`, {
      reason: '群众反映久拖未办',
    });
    expect(requested.status).toBe(202);
    await eventually(async () =>
      (await caseworker.get(`/tasks/${taskId}`)).body.escalationLevel === level ? true : undefined,
    );
  }
  // Level 1 reaches 东里镇's supervisors, level 2 the county's (other specs may add supervisors there).
  const notified = await platform.dataSource.query(
    `SELECT split_part(n.event_key, ':', 5) AS level, u.jurisdiction_id, u.username FROM notifications n
     JOIN users u ON u.id = n.user_id WHERE n.task_id = $1`,
    [taskId],
  );
  for (const [level, jurisdictionId, demoSupervisor] of [
    ['1', '370323104', 'sup_dongli'],
    ['2', '370323', 'sup_county'],
  ]) {
    const atLevel = notified.filter((n: { level: string }) => n.level === level);
    expect(atLevel.map((n: { username: string }) => n.username)).toContain(demoSupervisor);
    expect(new Set(atLevel.map((n: { jurisdiction_id: string }) => n.jurisdiction_id))).toEqual(
      new Set([jurisdictionId]),
    );
  }
  const task = (await caseworker.get(`/tasks/${taskId}`)).body;
  expect(task.overdue).toBe(false);
  recordHistory('lifecycle-escalated-now', created.id);
});

it('a repeated escalate-now for the same level escalates once', async () => {
  const application = syntheticApplication(village);
  const { body: created } = await caseworker.post('/cases', application);
  const taskId = `${created.id}:homeSurvey:1`;
  const handle = platform.temporal.workflow.getHandle(householdCaseWorkflowId(created.id));
  const actor = {
    userId: 'test',
    username: 'test',
    role: 'supervisor' as const,
    jurisdictionId: '370323104',
  };
  for (let i = 0; i < 2; i++)
    await handle.signal(escalateNowSignal, { actor, reason: '重复点击', taskId, level: 1 });
  await eventually(async () =>
    (await caseworker.get(`/tasks/${taskId}`)).body.escalationLevel === 1 ? true : undefined,
  );
  // The decision arrives after both signals, so the workflow has handled them when it answers.
  const done = await caseworker.post(`/tasks/${taskId}/complete`, {
    decision: 'approve',
    form: forms.homeSurvey(application.members),
  });
  expect(done.status).toBe(200);
  const escalations = await platform.dataSource.query(
    `SELECT after->>'escalationLevel' AS level FROM audit_events WHERE entity_id = $1 AND action = 'task.escalated'`,
    [taskId],
  );
  expect(escalations).toEqual([{ level: '1' }]);
});
