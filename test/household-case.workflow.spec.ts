// The householdCase workflow on the real dev server: the whole skeleton path, escalation on expiry
// (deadlines in seconds), and replay of the recorded histories in test/fixtures/histories.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { householdCaseWorkflowId } from '../libs/contracts/src';
import { syntheticApplication } from '../scripts/lib/synthetic-households';
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

describe('householdCase', () => {
  it('walks from application to recognition, with a return on the way, and the workflow completes', async () => {
    const reviewer = await ApiClient.login(platform.baseUrl, 'tr_dongli');
    const county = await ApiClient.login(platform.baseUrl, 'co_county');
    const { body: created } = await caseworker.post('/cases', syntheticApplication());
    const steps: [ApiClient, string, Record<string, unknown>][] = [
      [caseworker, 'homeSurvey:1', { decision: 'approve' }],
      [
        caseworker,
        'democraticAppraisal:1',
        { decision: 'approve', form: { attendees: 25, votesFor: 23, votesAgainst: 2 } },
      ],
      [reviewer, 'townshipReview:1', { decision: 'return', reason: '评议记录缺签字' }],
      [caseworker, 'democraticAppraisal:2', { decision: 'approve' }],
      [reviewer, 'townshipReview:2', { decision: 'approve' }],
      [county, 'recognition:1', { decision: 'approve', reason: '符合认定条件' }],
    ];
    for (const [user, task, decision] of steps) {
      const response = await user.post(`/tasks/${created.id}:${task}/complete`, decision);
      expect(response.status).toBe(200);
    }
    const result = await platform.temporal.workflow.getHandle(householdCaseWorkflowId(created.id)).result();
    expect(result).toEqual({ caseId: created.id, stage: 'recognised', openTasks: [] });
    const [row] = await platform.dataSource.query('SELECT stage, status FROM cases WHERE id = $1', [
      created.id,
    ]);
    expect(row).toEqual({ stage: 'recognised', status: 'closed' });
    recordHistory('recognised-after-return', created.id);
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
    recordHistory('rejected-after-escalation', created.id);
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
