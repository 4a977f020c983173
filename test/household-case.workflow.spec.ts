// The householdCase workflow on the real dev server: the whole skeleton path, escalation on expiry
// (deadlines in seconds), and replay of the recorded histories in test/fixtures/histories.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { caseStateQuery, householdCaseWorkflowId } from '@libs/contracts';
import { syntheticApplication } from '../scripts/lib/synthetic-households';
import * as forms from './support/forms';
import { HISTORIES, recordHistory } from './support/histories';
import { ApiClient, eventually, type Platform, startPlatform, testEnv } from './support/platform';

// 5 working days for a home survey become 1.5 s; the 2 days between escalation levels 0.6 s.
const POLICY_TIME_SCALE = 288_000;

let platform: Platform;
let caseworker: ApiClient;

beforeAll(async () => {
  platform = await startPlatform({ policyTimeScale: POLICY_TIME_SCALE });
  caseworker = await ApiClient.login(platform.baseUrl, 'cw_dongli_east');
});

afterAll(async () => {
  await platform?.stop();
});

/** Waits until the task is open in the read model. */
async function untilOpen(taskId: string): Promise<void> {
  await eventually(async () => {
    const [task] = await platform.dataSource.query('SELECT status FROM tasks WHERE id = $1', [taskId]);
    return task?.status === 'open' ? true : undefined;
  });
}

describe('householdCase', () => {
  it('walks from application to recognition, with a return on the way, and goes on to the support plan', async () => {
    const reviewer = await ApiClient.login(platform.baseUrl, 'tr_dongli');
    const county = await ApiClient.login(platform.baseUrl, 'co_county');
    const application = syntheticApplication();
    const { body: created } = await caseworker.post('/cases', application);
    const approve = (form?: Record<string, unknown>) => ({ decision: 'approve', ...(form ? { form } : {}) });
    // The notice passes after a second (demo county); the township review opens then.
    const steps: [ApiClient, string, Record<string, unknown>][] = [
      [caseworker, 'homeSurvey:1', approve(forms.homeSurvey(application.members))],
      [caseworker, 'democraticAppraisal:1', approve(forms.meeting())],
      [caseworker, 'publicNotice:1', approve(forms.publicNotice())],
      [reviewer, 'townshipReview:1', { decision: 'return', reason: '评议记录缺签字' }],
      [caseworker, 'democraticAppraisal:2', approve(forms.meeting())],
      [caseworker, 'publicNotice:2', approve(forms.publicNotice())],
      [reviewer, 'townshipReview:2', approve()],
      [county, 'recognition:1', { decision: 'approve', reason: '符合认定条件' }],
    ];
    for (const [user, task, decision] of steps) {
      const taskId = `${created.id}:${task}`;
      await untilOpen(taskId);
      const response = await user.post(`/tasks/${taskId}/complete`, decision);
      expect({ task, status: response.status }).toEqual({ task, status: 200 });
    }
    // Recognised: the county centre drafts the support plan next; the case stays open.
    const handle = platform.temporal.workflow.getHandle(householdCaseWorkflowId(created.id));
    const state = await handle.query(caseStateQuery);
    expect(state).toMatchObject({
      caseId: created.id,
      stage: 'supportPlan',
      openTasks: [expect.objectContaining({ taskId: `${created.id}:supportPlan:1`, kind: 'supportPlan' })],
    });
    expect((await handle.describe()).status.name).toBe('RUNNING');
    const [row] = await platform.dataSource.query(
      'SELECT stage, status, recognised_at FROM cases WHERE id = $1',
      [created.id],
    );
    expect(row).toEqual({ stage: 'supportPlan', status: 'open', recognised_at: expect.any(Date) });
    // The recognition is entered in the identification ledger (识别台账), with the evaluation it rests on.
    const ledger = await platform.dataSource.query(
      'SELECT ledger, event, entry FROM ledger_entries WHERE case_id = $1 ORDER BY recorded_at',
      [created.id],
    );
    expect(ledger).toEqual([
      {
        ledger: 'identification',
        event: 'recognised',
        entry: expect.objectContaining({
          channel: 'application',
          evaluation: expect.objectContaining({ eligible: true }),
        }),
      },
    ]);
    const tasks = await platform.dataSource.query(
      'SELECT kind, status FROM tasks WHERE case_id = $1 ORDER BY opened_at',
      [created.id],
    );
    expect(tasks.map((t: { kind: string; status: string }) => `${t.kind}:${t.status}`)).toEqual([
      ...steps.map(([, task]) => `${task.split(':')[0]}:completed`),
      'supportPlan:open',
    ]);
    recordHistory('lifecycle-recognition-after-return', created.id);
  });

  it('escalates an overdue task level by level, audits each level, and still takes the decision', async () => {
    const { body: created } = await caseworker.post('/cases', syntheticApplication());
    const taskId = `${created.id}:homeSurvey:1`;
    await eventually(async () => {
      const [task] = await platform.dataSource.query('SELECT escalation_level FROM tasks WHERE id = $1', [
        taskId,
      ]);
      return task.escalation_level === 3 ? task : undefined;
    });
    const events = await platform.dataSource.query(
      `SELECT after->>'escalationLevel' AS level, actor_username, actor_role FROM audit_events
       WHERE entity_id = $1 AND action = 'task.escalated' ORDER BY id`,
      [taskId],
    );
    expect(events).toEqual(
      ['1', '2', '3'].map((level) => ({ level, actor_username: 'system', actor_role: 'system' })),
    );
    const view = await caseworker.get(`/tasks/${taskId}`);
    expect(view.body).toMatchObject({ overdue: true, escalationLevel: 3 });

    const rejected = await caseworker.post(`/tasks/${taskId}/complete`, {
      decision: 'reject',
      reason: '家庭收入超过标准',
    });
    expect(rejected.body.case).toMatchObject({ stage: 'rejected', openTasks: [] });
    recordHistory('lifecycle-rejected-after-escalation', created.id);
  });
});

describe('replay of recorded histories', () => {
  const files = readdirSync(HISTORIES).filter((file) => file.endsWith('.json'));

  it('has recorded histories to replay', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('the current workflow code replays %s', async (file) => {
    // The CLI's JSON export, as Worker.runReplayHistory takes it.
    const history: unknown = JSON.parse(readFileSync(join(HISTORIES, file), 'utf8'));
    await Worker.runReplayHistory({ workflowBundle: { codePath: testEnv().workflowBundle } }, history);
  });
});
