// 督办 改派: who a supervisor may hand an overdue task to (GET /supervision/tasks/:taskId/assignees), and
// who each escalation notified, as the breach list shows them. A county of the spec's own on deadlines
// scaled down, so a home survey is overdue and escalated within a second.

import { syntheticApplication } from '../scripts/lib/synthetic-households';
import { createCounty, type TestCounty } from './support/county';
import { ApiClient, eventually, type Platform, startPlatform } from './support/platform';
import { createUser } from './support/users';

let platform: Platform;
let county: TestCounty;
let other: TestCounty;
let townshipSupervisor: ApiClient;
let townshipSupervisorName: string;
let surveyId: string;
let caseId: string;
// Caseworkers of the survey's village (two), of another village, and one disabled.
let colleague: { id: string; username: string };
let elsewhere: { id: string; username: string };
let disabled: { id: string; username: string };

beforeAll(async () => {
  platform = await startPlatform({ policyTimeScale: 2_000_000 });
  county = await createCounty(platform.dataSource, platform.baseUrl);
  other = await createCounty(platform.dataSource, platform.baseUrl);
  const supervisor = await createUser(platform.dataSource, 'supervisor', county.townshipId);
  townshipSupervisor = await ApiClient.login(platform.baseUrl, supervisor.username);
  [{ display_name: townshipSupervisorName }] = await platform.dataSource.query(
    'SELECT display_name FROM users WHERE id = $1',
    [supervisor.id],
  );
  const secondVillage = `${county.townshipId}202`;
  await platform.dataSource.query(
    `INSERT INTO jurisdictions (id, name, level, parent_id, path) VALUES ($1, '测试二村', 'village', $2, $3)`,
    [secondVillage, county.townshipId, `${county.countyId}.${county.townshipId}.${secondVillage}`],
  );
  colleague = await createUser(platform.dataSource, 'caseworker', county.villageId);
  elsewhere = await createUser(platform.dataSource, 'caseworker', secondVillage);
  disabled = await createUser(platform.dataSource, 'caseworker', county.villageId);
  await platform.dataSource.query('UPDATE users SET enabled = false WHERE id = $1', [disabled.id]);

  const created = await county.caseworker.post('/cases', syntheticApplication(county.villageId));
  expect(created.status).toBe(201);
  caseId = created.body.id;
  surveyId = `${caseId}:homeSurvey:1`;
  await eventually(async () => {
    const [task] = await platform.dataSource.query('SELECT escalation_level FROM tasks WHERE id = $1', [
      surveyId,
    ]);
    return task?.escalation_level === 3 ? true : undefined;
  });
});

afterAll(async () => {
  await platform?.stop();
});

const assignees = (client: ApiClient, taskId: string) =>
  client.get(`/supervision/tasks/${encodeURIComponent(taskId)}/assignees`);

describe('assignee candidates', () => {
  it('lists the enabled users of the task’s role whose place contains it, within the supervisor’s subtree', async () => {
    const answer = await assignees(townshipSupervisor, surveyId);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      taskId: surveyId,
      candidateRole: 'caseworker',
      candidateRoleLabel: expect.any(String),
    });
    const ids = answer.body.items.map((u: { id: string }) => u.id);
    expect(ids).toContain(colleague.id);
    expect(ids).not.toContain(elsewhere.id);
    expect(ids).not.toContain(disabled.id);
    // The village's two enabled caseworkers, and no one of another role.
    expect(answer.body.items).toHaveLength(2);
    const mate = answer.body.items.find((u: { id: string }) => u.id === colleague.id);
    expect(mate).toMatchObject({
      jurisdictionId: county.villageId,
      jurisdictionName: '测试村',
      current: false,
    });
    expect(mate.openTasks).toBe(0);
  });

  it('marks the current holder, and the assignment it offers is one the server accepts', async () => {
    const task = (await county.caseworker.get(`/tasks/${encodeURIComponent(surveyId)}`)).body;
    const assigned = await county.supervisor.post(`/tasks/${encodeURIComponent(surveyId)}/assign`, {
      userId: colleague.id,
      version: task.version,
    });
    expect(assigned.status).toBe(200);
    const answer = await county.supervisor.get(
      `/supervision/tasks/${encodeURIComponent(surveyId)}/assignees`,
    );
    expect(answer.status).toBe(200);
    const mate = answer.body.items.find((u: { id: string }) => u.id === colleague.id);
    expect(mate).toMatchObject({ current: true, openTasks: 1 });
  });

  it('answers 404 in Chinese for another county’s task, a missing one and an absurd id', async () => {
    for (const taskId of [surveyId, `${caseId}:homeSurvey:99`, '9'.repeat(5_000), '任务']) {
      const answer = await assignees(other.supervisor, taskId);
      expect(answer.status).toBe(404);
      expect(answer.body.code).toBe('TASK_NOT_FOUND');
      expect(answer.body.message).toMatch(/不存在或不在您的管辖范围内/);
    }
  });

  it('refuses a NUL in the task id with a 4xx in Chinese', async () => {
    const answer = await assignees(county.supervisor, 'a\u0000b');
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect(answer.body.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(answer.body.message).not.toContain('\u0000');
  });

  it('is for supervisors and admins only', async () => {
    expect((await assignees(county.admin, surveyId)).status).toBe(200);
    for (const client of [county.caseworker, county.reviewer, county.officer, county.inspector]) {
      const answer = await assignees(client, surveyId);
      expect(answer.status).toBe(403);
      expect(answer.body.message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });
});

describe('breach list', () => {
  it('names who each escalation notified, level by level, and the task’s version', async () => {
    const page = await townshipSupervisor.get(`/supervision/breaches?kind=homeSurvey`);
    expect(page.status).toBe(200);
    const breach = page.body.items.find((b: { taskId: string }) => b.taskId === surveyId);
    expect(breach.escalationLevel).toBe(3);
    expect(breach.version).toEqual(expect.any(Number));
    expect(breach.escalations.map((e: { level: number }) => e.level)).toEqual([1, 2, 3]);
    const [first, second] = breach.escalations;
    // Level 1: the township's supervisor; level 2: the county's.
    expect(first).toMatchObject({ jurisdictionName: '测试镇', notified: [townshipSupervisorName] });
    expect(second.jurisdictionName).toBe(`测试县${county.countyId}`);
    expect(second.notified).toHaveLength(1);
    expect(Date.parse(first.escalatedAt)).toBeLessThanOrEqual(Date.parse(second.escalatedAt));
  });
});
