// The task list's additions for the web UI: who decided a closed task (decidedBy, decidedByName), and the
// inbox's filter on the household head's name (GET /tasks?householdHead=), validated as GET /cases' headName.

import { syntheticApplication } from '../scripts/lib/synthetic-households';
import { createCounty, type TestCounty } from './support/county';
import * as forms from './support/forms';
import { type Application, Lifecycle } from './support/lifecycle';
import { type Platform, startPlatform } from './support/platform';

let platform: Platform;
let steps: Lifecycle;
let county: TestCounty;
// One case per head's name; each case's home survey is open.
const surveys: Record<string, { caseId: string; taskId: string; application: Application }> = {};

const inboxIds = async (query: string): Promise<string[]> => {
  const response = await county.caseworker.get(`/tasks?limit=100&${query}`);
  expect(response.status).toBe(200);
  return response.body.items.map((item: { id: string }) => item.id).sort();
};

beforeAll(async () => {
  platform = await startPlatform();
  steps = new Lifecycle(platform);
  county = await createCounty(platform.dataSource, platform.baseUrl);
  for (const head of ['欧阳明', '司马%光', '王建国']) {
    const application = syntheticApplication(county.villageId);
    application.members[0].name = head;
    const created = await county.caseworker.post('/cases', application);
    expect(created.status).toBe(201);
    const taskId = await steps.openTask(created.body.id, 'homeSurvey');
    surveys[head] = { caseId: created.body.id, taskId, application };
  }
});

afterAll(async () => {
  await platform?.stop();
});

describe('who decided a task', () => {
  it('names the user who completed a task, and nobody for an open one', async () => {
    const { caseId, taskId, application } = surveys['王建国'];
    const me = (await county.caseworker.get('/auth/me')).body;
    const open = await county.caseworker.get(`/tasks/${encodeURIComponent(taskId)}`);
    expect(open.body).toMatchObject({ status: 'open', decidedBy: null, decidedByName: null });
    await steps.complete(county.caseworker, taskId, {
      decision: 'approve',
      form: forms.homeSurvey(application.members),
    });
    const closed = await county.caseworker.get(`/tasks/${encodeURIComponent(taskId)}`);
    expect(closed.body).toMatchObject({
      status: 'completed',
      decidedBy: me.userId,
      decidedByName: me.displayName,
    });
    // The case's tasks say the same; the next step is open and decided by nobody yet.
    await steps.openTask(caseId, 'democraticAppraisal');
    const detail = await county.caseworker.get(`/cases/${caseId}`);
    const byKind = Object.fromEntries(detail.body.tasks.map((task: { kind: string }) => [task.kind, task]));
    expect(byKind.homeSurvey).toMatchObject({ decidedBy: me.userId, decidedByName: me.displayName });
    expect(byKind.democraticAppraisal).toMatchObject({ decidedBy: null, decidedByName: null });
  });
});

describe('GET /tasks?householdHead=', () => {
  it("lists the tasks whose household head's name contains the text, trimmed", async () => {
    const ouyang = [surveys['欧阳明'].taskId];
    expect(await inboxIds(`householdHead=${encodeURIComponent('欧阳')}`)).toEqual(ouyang);
    expect(await inboxIds(`householdHead=${encodeURIComponent('阳明')}`)).toEqual(ouyang);
    expect(await inboxIds(`householdHead=${encodeURIComponent('  欧阳明 ')}`)).toEqual(ouyang);
    expect(await inboxIds(`householdHead=${encodeURIComponent('诸葛')}`)).toEqual([]);
    // Blank is no filter.
    expect(await inboxIds(`householdHead=${encodeURIComponent('  ')}`)).toEqual(await inboxIds(''));
  });

  it('takes LIKE wildcards literally', async () => {
    expect(await inboxIds(`householdHead=${encodeURIComponent('%')}`)).toEqual([surveys['司马%光'].taskId]);
    expect(await inboxIds(`householdHead=${encodeURIComponent('_')}`)).toEqual([]);
  });

  it('refuses control characters and overlong text with a 400 in Chinese naming the field', async () => {
    for (const text of ['欧阳\u0001', '王'.repeat(51)]) {
      const response = await county.caseworker.get(`/tasks?householdHead=${encodeURIComponent(text)}`);
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([
        { field: 'householdHead', message: expect.stringMatching(/[\u4e00-\u9fff]/) },
      ]);
    }
  });
});
