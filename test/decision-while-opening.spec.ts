// A task shows in the read model as soon as its row is written, a moment before its workflow hears that the
// write is done (and a whole outage before, when the worker dies in between and writes it again on
// replay). A decision sent in that moment is taken and waits for the write; it is never refused as if the
// task were closed.

import { CaseActivities } from '../activities';
import type { OpenTaskInput } from '../libs/contracts/src/activities';
import { createCounty, type TestCounty } from './support/county';
import { Lifecycle } from './support/lifecycle';
import { type Platform, startPlatform } from './support/platform';

const REPORT_DELAY_MS = 12_000;

/**
 * A measure's acceptance task row is written at once; its workflow hears of it 12 s later. Past 8 s (80% of
 * the workflow task's timeout) the worker hands in the workflow task while the write goes on, and the
 * decision waiting at the server reaches the workflow then: as after a restart, the task is still opening.
 */
class SlowToReportActivities extends CaseActivities {
  override async openTask(input: OpenTaskInput) {
    const opened = await super.openTask(input);
    if (input.kind === 'measureAcceptance')
      await new Promise((resolve) => setTimeout(resolve, REPORT_DELAY_MS));
    return opened;
  }
}

let platform: Platform;
let steps: Lifecycle;
let county: TestCounty;

beforeAll(async () => {
  platform = await startPlatform({ activities: SlowToReportActivities });
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
