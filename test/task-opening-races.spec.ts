// A task opens in two steps: its row is written in the read model, then its workflow hears that it was. Races
// between them: a decision sent once the row shows, before the workflow has heard, is taken and waits for
// the write; one the workflow cannot take yet (after a worker restart, until it has caught up with its
// history) is answered "retry later" (503), never 已办结; and a case closed while a task of it is still
// being written (withdrawn as the data check asks its departments) leaves no task open on it.

import { CaseActivities } from '../activities';
import type { OpenTaskInput } from '@libs/contracts/activities';
import { createCounty, type TestCounty } from './support/county';
import * as forms from './support/forms';
import { Lifecycle } from './support/lifecycle';
import { eventually, type Platform, startPlatform } from './support/platform';

const REPORT_DELAY_MS = 12_000;
const WRITE_DELAY_MS = 3_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A measure's acceptance task row is written at once, and its workflow hears of it 12 s later: past 8 s (80%
 * of the workflow task's timeout) the worker hands in the workflow task while the write goes on, and a
 * decision waiting at the server reaches the workflow then, as after a restart: the task is still opening.
 * A department's data-check task is written 3 s late, when its case may have been withdrawn meanwhile.
 */
class SlowTaskActivities extends CaseActivities {
  override async openTask(input: OpenTaskInput) {
    if (input.kind === 'dataCheckAnswer') await sleep(WRITE_DELAY_MS);
    const opened = await super.openTask(input);
    if (input.kind === 'measureAcceptance') await sleep(REPORT_DELAY_MS);
    return opened;
  }
}

let platform: Platform;
let steps: Lifecycle;
let county: TestCounty;

beforeAll(async () => {
  platform = await startPlatform({ activities: SlowTaskActivities });
  steps = new Lifecycle(platform);
  county = await createCounty(platform.dataSource, platform.baseUrl);
});

afterAll(async () => {
  await platform?.stop();
});

it('takes a decision sent while the task is still opening, once, and the measure goes on', async () => {
  const { caseId, application } = await steps.apply(county);
  await steps.recognise(county, caseId, application);
  // The plan's measure starts its own workflow, which opens the department's acceptance task.
  await steps.simplePlan(county, caseId);
  const taskId = await steps.openTask(caseId, 'measureAcceptance', 'civilAffairs');
  const civil = county.department('civilAffairs');
  const sentAt = Date.now();
  const answer = await steps.complete(civil, taskId, { decision: 'approve', form: {} });
  // It waited for the workflow to hear of the task, rather than being refused at once.
  expect(Date.now() - sentAt).toBeGreaterThan(REPORT_DELAY_MS / 2);
  expect(answer.task).toMatchObject({ id: taskId, status: 'completed', decision: 'approve' });
  expect(answer.case.openTasks.map((task: { kind: string }) => task.kind)).toEqual(['measureImplementation']);
  // Decided once: another decision is refused as the task is done.
  const again = await civil.post(`/tasks/${encodeURIComponent(taskId)}/complete`, {
    decision: 'reject',
    form: {},
    reason: '重复提交',
  });
  expect(again).toMatchObject({ status: 409, body: { code: 'TASK_CLOSED' } });
  const [measure] = await platform.dataSource.query(
    `SELECT status FROM support_measures WHERE case_id = $1`,
    [caseId],
  );
  expect(measure.status).toBe('accepted');
});

it('answers a decision on a task its workflow has not heard of yet with “retry later”, not 已办结', async () => {
  const { caseId, application } = await steps.apply(county);
  const survey = await steps.openTask(caseId, 'homeSurvey');
  // The row of a task its workflow has not heard of: after a restart, until the workflow has caught up.
  const ahead = `${caseId}:homeSurvey:2`;
  await platform.dataSource.query(
    `INSERT INTO tasks SELECT (jsonb_populate_record(null::tasks, to_jsonb(t) || jsonb_build_object('id', $2::text))).*
     FROM tasks t WHERE t.id = $1`,
    [survey, ahead],
  );
  const answer = await county.caseworker.post(`/tasks/${encodeURIComponent(ahead)}/complete`, {
    decision: 'approve',
    form: forms.homeSurvey(application.members),
  });
  expect(answer).toMatchObject({ status: 503, body: { code: 'TASK_NOT_READY' } });
  expect(answer.body.message).toContain('请稍后重试');
  // Nothing was decided: the case still waits for its survey.
  expect(await steps.openTasks(caseId)).toEqual(expect.arrayContaining([{ id: survey, kind: 'homeSurvey' }]));
  await platform.dataSource.query('DELETE FROM tasks WHERE id = $1', [ahead]);
});

it('leaves no department task open on a case withdrawn while its data check was still asking', async () => {
  const checked = await createCounty(platform.dataSource, platform.baseUrl, {
    departments: [
      { department: 'civilAffairs', connector: 'inbox' },
      { department: 'housing', connector: 'inbox' },
    ],
  });
  const { caseId } = await steps.apply(checked);
  const withdrawn = await checked.caseworker.post(`/cases/${caseId}/withdraw`, {
    reason: '申请人家庭收入已好转，本人申请撤回',
  });
  expect(withdrawn.status).toBe(200);
  expect(withdrawn.body.stage).toBe('withdrawn');
  // The departments' tasks would have been written by now.
  await sleep(WRITE_DELAY_MS + 2_000);
  const open = await platform.dataSource.query(
    `SELECT id FROM tasks WHERE case_id = $1 AND status = 'open'`,
    [caseId],
  );
  expect(open).toEqual([]);
  // Nor is anything left waiting on an incident: a write refused for the closed case may raise one before
  // the data check hears that it is cancelled, which then resolves it.
  await eventually(async () => {
    const [{ unresolved }] = await platform.dataSource.query(
      `SELECT count(*)::int AS unresolved FROM incidents WHERE case_id = $1 AND status <> 'resolved'`,
      [caseId],
    );
    return unresolved === 0 ? true : undefined;
  });
});
