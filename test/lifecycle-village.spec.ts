// The village procedure and the reviews, through the API: objections during the public notice (upheld to
// reject, upheld to survey again, dismissed; scenario 4), returns by the township and the county, urgent
// cases (scenario 5), and a department that does not answer the data check in time.

import { householdCaseWorkflowId } from '@libs/contracts';
import { createCounty } from './support/county';
import { recordHistory } from './support/histories';
import { Lifecycle } from './support/lifecycle';
import { eventually, type Platform, startPlatform } from './support/platform';

let platform: Platform;
let lifecycle: Lifecycle;

beforeAll(async () => {
  platform = await startPlatform();
  lifecycle = new Lifecycle(platform);
});

afterAll(async () => {
  await platform?.stop();
});

const SHOP = { objector: '村民张某', content: '该户在镇上经营一家超市，收入可观' };

async function noticePosted(publicNotice: string) {
  const county = await createCounty(platform.dataSource, platform.baseUrl, { policy: { publicNotice } });
  const { caseId, application } = await lifecycle.apply(county);
  const early = await county.caseworker.post(`/cases/${caseId}/objections`, SHOP);
  expect(early.status).toBe(409);
  expect(early.body.message).toContain('公示期间');
  await lifecycle.villageProcedure(county, caseId, application);
  return { county, caseId, application };
}

describe('objections during the public notice (scenario 4)', () => {
  it('an upheld objection rejects the case at once', async () => {
    const { county, caseId } = await noticePosted('PT1M');
    const filed = await county.caseworker.post(`/cases/${caseId}/objections`, SHOP, {
      'Idempotency-Key': `objection-${caseId}`,
    });
    expect(filed.status).toBe(200);
    const investigation = filed.body.workflowState.openTasks.find(
      (t: { kind: string }) => t.kind === 'objectionInvestigation',
    );
    expect(investigation).toBeDefined();
    // The same request again files nothing new.
    const repeated = await county.caseworker.post(`/cases/${caseId}/objections`, SHOP, {
      'Idempotency-Key': `objection-${caseId}`,
    });
    expect(repeated.status).toBe(200);
    expect(
      (await lifecycle.openTasks(caseId)).filter((t) => t.kind === 'objectionInvestigation'),
    ).toHaveLength(1);
    const task = await county.caseworker.get(`/tasks/${encodeURIComponent(investigation.taskId)}`);
    expect(task.body.payload).toMatchObject(SHOP);

    const upheld = await lifecycle.complete(county.caseworker, investigation.taskId, {
      decision: 'reject',
      reason: '市场监管局核实：营业执照在册，年营业额约30万元',
      form: { findings: '市场监管局核实营业执照在册，实际经营' },
    });
    expect(upheld.case.stage).toBe('rejected');
    expect(await lifecycle.caseRow(caseId)).toMatchObject({ status: 'closed', stage: 'rejected' });
    const late = await county.caseworker.post(`/cases/${caseId}/objections`, SHOP);
    expect(late.status).toBe(409);
    recordHistory('objection-upheld', caseId);
  });

  it('a dismissed objection lets the notice run its period, then the township reviews', async () => {
    const { county, caseId } = await noticePosted('PT6S');
    const filed = await county.reviewer.post(`/cases/${caseId}/objections`, SHOP);
    expect(filed.status).toBe(200);
    const investigation = await lifecycle.openTask(caseId, 'objectionInvestigation');
    await lifecycle.complete(county.caseworker, investigation, {
      decision: 'approve',
      form: { findings: '该店已于去年关闭，营业执照已注销' },
    });
    expect((await lifecycle.caseRow(caseId)).stage).toBe('publicNotice');
    await lifecycle.openTask(caseId, 'townshipReview');
    recordHistory('objection-dismissed', caseId);
  });

  it('an objection upheld for a new survey sends the case back to the home survey', async () => {
    const { county, caseId } = await noticePosted('PT1M');
    await county.caseworker.post(`/cases/${caseId}/objections`, SHOP);
    await lifecycle.complete(county.caseworker, await lifecycle.openTask(caseId, 'objectionInvestigation'), {
      decision: 'return',
      reason: '收入情况需重新核实',
      form: { findings: '超市为亲戚所开，需核实是否分红' },
    });
    expect(await lifecycle.openTask(caseId, 'homeSurvey')).toBe(`${caseId}:homeSurvey:2`);
  });
});

describe('returns by the reviewers', () => {
  it('the township sends a case back to the step it names, the county to the township', async () => {
    const county = await createCounty(platform.dataSource, platform.baseUrl, {
      policy: { publicNotice: 'PT1S' },
    });
    const { caseId, application } = await lifecycle.apply(county);
    await lifecycle.villageProcedure(county, caseId, application);
    await lifecycle.complete(county.reviewer, await lifecycle.openTask(caseId, 'townshipReview'), {
      decision: 'return',
      reason: '家庭收入未含务工收入，请重新入户',
      form: { returnTo: 'homeSurvey' },
    });
    expect(await lifecycle.openTask(caseId, 'homeSurvey')).toBe(`${caseId}:homeSurvey:2`);
    await lifecycle.villageProcedure(county, caseId, application);
    await lifecycle.complete(county.reviewer, await lifecycle.openTask(caseId, 'townshipReview'), {
      decision: 'approve',
    });
    await lifecycle.complete(county.officer, await lifecycle.openTask(caseId, 'recognition'), {
      decision: 'return',
      reason: '审核意见不完整',
    });
    expect(await lifecycle.openTask(caseId, 'townshipReview')).toBe(`${caseId}:townshipReview:3`);
    const history = await county.inspector.get(`/cases/${caseId}/history`);
    const reasons = history.body.map((e: { reason: string | null }) => e.reason);
    expect(reasons).toEqual(expect.arrayContaining(['家庭收入未含务工收入，请重新入户', '审核意见不完整']));
    recordHistory('returned-by-township', caseId);
  });
});

describe('urgent cases (scenario 5)', () => {
  it('urgent intake opens temporary assistance at once with a one-day deadline, beside the procedure', async () => {
    const county = await createCounty(platform.dataSource, platform.baseUrl);
    const { caseId } = await lifecycle.apply(county, { urgent: true });
    const assistance = await lifecycle.openTask(caseId, 'temporaryAssistance');
    const survey = await lifecycle.openTask(caseId, 'homeSurvey');
    const [due] = await platform.dataSource.query(
      `SELECT id, urgent, extract(epoch FROM due_at - opened_at) / 3600 AS hours FROM tasks WHERE id = ANY($1) ORDER BY id`,
      [[assistance, survey]],
    );
    expect(Number(due.hours)).toBeLessThanOrEqual(24);
    await lifecycle.complete(county.officer, assistance, {
      decision: 'approve',
      form: { amount: 3000, paidOn: new Date().toISOString().slice(0, 10), note: '火灾后临时救助' },
    });
    const [entry] = await platform.dataSource.query(
      `SELECT entry FROM ledger_entries WHERE case_id = $1 AND event = 'temporaryAssistance'`,
      [caseId],
    );
    expect(entry.entry).toMatchObject({ amount: 3000 });
    expect((await lifecycle.openTasks(caseId)).map((t) => t.kind)).toEqual(['homeSurvey']);
  });

  it('a case marked urgent later gets urgent deadlines and temporary assistance at once', async () => {
    const county = await createCounty(platform.dataSource, platform.baseUrl);
    const { caseId } = await lifecycle.apply(county);
    const survey = await lifecycle.openTask(caseId, 'homeSurvey');
    const marked = await county.supervisor.post(`/supervision/cases/${caseId}/mark-urgent`, {
      reason: '房屋失火，全家无处居住',
    });
    expect(marked.status).toBe(200);
    const assistance = await lifecycle.openTask(caseId, 'temporaryAssistance');
    expect(assistance).toBe(`${caseId}:temporaryAssistance:1`);
    const rescheduled = await eventually(async () => {
      const [task] = await platform.dataSource.query(
        `SELECT extract(epoch FROM due_at - opened_at) / 3600 AS hours FROM tasks WHERE id = $1`,
        [survey],
      );
      return Number(task.hours) <= 24 ? task : undefined;
    });
    expect(Number(rescheduled.hours)).toBeGreaterThan(0);
    const handle = platform.temporal.workflow.getHandle(householdCaseWorkflowId(caseId));
    expect(await handle.query('caseState')).toMatchObject({ urgent: true });
    recordHistory('marked-urgent-lifecycle', caseId);
  });
});

describe('deadlines from the county policy', () => {
  it('gives a kind of task the working days the county set for it', async () => {
    const quick = await createCounty(platform.dataSource, platform.baseUrl, {
      policy: { taskSlaWorkingDays: { homeSurvey: 1 } as never },
    });
    const usual = await createCounty(platform.dataSource, platform.baseUrl);
    const days = async (county: typeof quick) => {
      const { caseId } = await lifecycle.apply(county);
      const [task] = await platform.dataSource.query(
        `SELECT extract(epoch FROM due_at - opened_at) / 86400 AS days FROM tasks WHERE id = $1`,
        [await lifecycle.openTask(caseId, 'homeSurvey')],
      );
      return Number(task.days);
    };
    // One working day ends within four calendar days (a Friday's over the weekend, or a holiday); five
    // working days never end in fewer than five.
    expect(await days(quick)).toBeLessThanOrEqual(4);
    expect(await days(usual)).toBeGreaterThanOrEqual(5);
  });
});

describe('a department that does not answer in time', () => {
  let slow: Platform;

  beforeAll(async () => {
    // 5 working days for a data-check answer become 1.5 s.
    slow = await startPlatform({ policyTimeScale: 288_000 });
  });

  afterAll(async () => {
    await slow?.stop();
  });

  it('is escalated level by level to the supervisors', async () => {
    const county = await createCounty(slow.dataSource, slow.baseUrl, {
      departments: [{ department: 'civilAffairs', connector: 'inbox' }],
    });
    const { caseId } = await new Lifecycle(slow).apply(county);
    const request = await new Lifecycle(slow).openTask(caseId, 'dataCheckAnswer', 'civilAffairs');
    await eventually(async () => {
      const [task] = await slow.dataSource.query('SELECT escalation_level FROM tasks WHERE id = $1', [
        request,
      ]);
      return task.escalation_level >= 2 ? task : undefined;
    });
    const told = await county.supervisor.get('/notifications');
    expect(told.body.items.some((n: { taskId: string }) => n.taskId === request)).toBe(true);
  });
});
