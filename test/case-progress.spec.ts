// 流程进度 GET /cases/:id/progress: the lifecycle's stages in order with passed / current / pending /
// skipped, entered and left from the case's history, the open tasks of where it stands, where a withdrawn
// case stopped; in scope exactly as the case itself (404 for another county or department, never 500).

import { CASE_STAGES, FINAL_STAGES } from '@libs/domain';
import { createCounty, type TestCounty } from './support/county';
import { Lifecycle } from './support/lifecycle';
import { type ApiClient, type Platform, startPlatform } from './support/platform';

type Step = {
  stage: string;
  label: string;
  status: string;
  statusLabel: string;
  enteredAt: string | null;
  leftAt: string | null;
  visits: number;
  openTasks: {
    id: string;
    kind: string;
    kindLabel: string;
    department: string | null;
    dueAt: string;
    overdue: boolean;
    workingDaysLeft: number | null;
  }[];
};
type Progress = {
  caseId: string;
  stage: string;
  stageLabel: string;
  status: string;
  steps: Step[];
  outcome: { stage: string; label: string; at: string; reason: string } | null;
};

// The path is the lifecycle in the domain's order, less the endings other than 已销档 (withdrawn, rejected,
// re-enrolled): those show as the outcome, not as steps.
const PATH = CASE_STAGES.filter((stage) => stage === 'closed' || !FINAL_STAGES.includes(stage));

let platform: Platform;
let steps: Lifecycle;
let county: TestCounty;
let elsewhere: TestCounty;

async function progress(client: ApiClient, caseId: string): Promise<Progress> {
  const response = await client.get(`/cases/${caseId}/progress`);
  expect(response.status).toBe(200);
  return response.body;
}
const step = (p: Progress, stage: string) => p.steps.find((s) => s.stage === stage)!;
const statuses = (p: Progress) => Object.fromEntries(p.steps.map((s) => [s.stage, s.status]));

beforeAll(async () => {
  platform = await startPlatform();
  steps = new Lifecycle(platform);
  county = await createCounty(platform.dataSource, platform.baseUrl, {
    departments: [
      { department: 'civilAffairs', connector: 'inbox' },
      { department: 'housing', connector: 'inbox' },
    ],
  });
  elsewhere = await createCounty(platform.dataSource, platform.baseUrl);
});

afterAll(async () => {
  await platform?.stop();
});

describe('progress of a fresh case', () => {
  let caseId: string;
  beforeAll(async () => {
    caseId = (await steps.apply(county)).caseId;
    // The data check opens its requests to the departments as it starts.
    await steps.openTask(caseId, 'dataCheckAnswer', 'civilAffairs');
    await steps.openTask(caseId, 'dataCheckAnswer', 'housing');
  });

  it('lists the whole path in order: intake passed, the data check current with its requests, the rest to come', async () => {
    const p = await progress(county.officer, caseId);
    expect(p).toMatchObject({
      caseId,
      stage: 'dataCheck',
      stageLabel: '大数据比对',
      status: 'open',
      outcome: null,
    });
    expect(p.steps.map((s) => s.stage)).toEqual(PATH);
    expect(p.steps[0]).toMatchObject({ label: '受理', status: 'passed', statusLabel: '已完成', visits: 1 });
    const check = step(p, 'dataCheck');
    expect(check).toMatchObject({ status: 'current', statusLabel: '进行中', leftAt: null, visits: 1 });
    // Entered when it left intake.
    expect(check.enteredAt).toBe(p.steps[0].leftAt);
    expect(Date.parse(p.steps[0].enteredAt!)).toBeLessThanOrEqual(Date.parse(check.enteredAt!));
    expect(check.openTasks.map((t) => t.department).sort()).toEqual(['civilAffairs', 'housing']);
    for (const task of check.openTasks) {
      expect(task).toMatchObject({ kind: 'dataCheckAnswer', kindLabel: '部门比对反馈', overdue: false });
      expect(Date.parse(task.dueAt)).toBeGreaterThan(Date.now());
      expect(task.workingDaysLeft).toBeGreaterThanOrEqual(4);
    }
    for (const s of p.steps.slice(2)) {
      expect(s).toMatchObject({ status: 'pending', enteredAt: null, leftAt: null, visits: 0, openTasks: [] });
    }
  });

  it("shows a department officer the case's progress with its own department's request only", async () => {
    const p = await progress(county.department('civilAffairs'), caseId);
    expect(step(p, 'dataCheck').openTasks.map((t) => t.department)).toEqual(['civilAffairs']);
  });

  it('answers 404 in Chinese for another county, a department without business, an unknown or malformed id', async () => {
    for (const [client, id] of [
      [elsewhere.officer, caseId],
      [elsewhere.caseworker, caseId],
      [county.department('humanResources'), caseId],
      [county.officer, '00000000-0000-4000-8000-000000000000'],
      [county.officer, 'not-a-case'],
      [county.officer, "1' OR '1'='1"],
    ] as const) {
      const response = await client.get(`/cases/${encodeURIComponent(id)}/progress`);
      expect(response.status).toBe(404);
      expect(response.body.message).toMatch(/不存在或不在您的管辖范围内/);
    }
  });
});

describe('progress of a case past the public notice', () => {
  let caseId: string;
  beforeAll(async () => {
    const applied = await steps.apply(county);
    caseId = applied.caseId;
    await steps.answerDataCheck(county, caseId, ['civilAffairs', 'housing']);
    await steps.villageProcedure(county, caseId, applied.application);
    // The notice of two seconds passes without objection: the township reviews.
    await steps.reachesStage(caseId, 'townshipReview');
    await steps.openTask(caseId, 'townshipReview');
  });

  it('marks the stages it went through passed, in order, with entry and exit times, skips the hit review and is at the township review', async () => {
    const p = await progress(county.reviewer, caseId);
    expect(p.stage).toBe('townshipReview');
    expect(statuses(p)).toEqual({
      intake: 'passed',
      dataCheck: 'passed',
      hitReview: 'skipped',
      homeSurvey: 'passed',
      democraticAppraisal: 'passed',
      publicNotice: 'passed',
      townshipReview: 'current',
      recognition: 'pending',
      supportPlan: 'pending',
      inSupport: 'pending',
      periodicReview: 'pending',
      exit: 'pending',
      observation: 'pending',
      closed: 'pending',
    });
    expect(step(p, 'hitReview')).toMatchObject({ statusLabel: '未经过', enteredAt: null, visits: 0 });
    // Each passed stage was left when the next one was entered; times only go forward.
    const passed = ['intake', 'dataCheck', 'homeSurvey', 'democraticAppraisal', 'publicNotice'].map((s) =>
      step(p, s),
    );
    for (const [index, s] of passed.entries()) {
      expect(Date.parse(s.enteredAt!)).toBeLessThanOrEqual(Date.parse(s.leftAt!));
      const next = passed[index + 1] ?? step(p, 'townshipReview');
      expect(next.enteredAt).toBe(s.leftAt);
    }
    // The notice lasted its two seconds.
    const notice = step(p, 'publicNotice');
    expect(Date.parse(notice.leftAt!) - Date.parse(notice.enteredAt!)).toBeGreaterThanOrEqual(1_500);
    const review = step(p, 'townshipReview');
    expect(review).toMatchObject({ status: 'current', leftAt: null });
    expect(review.openTasks).toEqual([
      expect.objectContaining({ kind: 'townshipReview', kindLabel: '镇(街道)审核', overdue: false }),
    ]);
    expect(review.openTasks[0].workingDaysLeft).toBeGreaterThanOrEqual(4);
    // Only the current stage lists open tasks.
    expect(p.steps.filter((s) => s.openTasks.length > 0).map((s) => s.stage)).toEqual(['townshipReview']);
  });

  it('agrees with the case’s audited history', async () => {
    const history = await county.officer.get(`/cases/${caseId}/history`);
    const changes = (history.body as { action: string; after: { stage?: string } }[])
      .filter((e) => e.action === 'case.stageChanged')
      .map((e) => e.after.stage)
      // A stage recorded again (the notice as it is posted, then as its period starts) is one visit.
      .filter((stage, index, all) => stage !== all[index - 1]);
    const p = await progress(county.officer, caseId);
    const entered = p.steps.filter((s) => s.enteredAt !== null && s.stage !== 'intake').map((s) => s.stage);
    expect(entered).toEqual(changes);
  });
});

describe('progress of a withdrawn case', () => {
  it('shows where the case stopped, skips what it never reached and reports the withdrawal with its reason', async () => {
    const { caseId } = await steps.apply(county);
    const withdrawn = await county.caseworker.post(`/cases/${caseId}/withdraw`, {
      reason: '申请人家庭收入已好转，本人申请撤回',
    });
    expect(withdrawn.status).toBe(200);
    const p = await progress(county.caseworker, caseId);
    expect(p).toMatchObject({ stage: 'withdrawn', status: 'closed' });
    expect(p.outcome).toMatchObject({
      stage: 'withdrawn',
      label: '已撤回',
      reason: '申请人家庭收入已好转，本人申请撤回',
    });
    expect(statuses(p)).toMatchObject({
      intake: 'passed',
      dataCheck: 'rejected',
      homeSurvey: 'skipped',
      closed: 'skipped',
    });
    expect(step(p, 'dataCheck')).toMatchObject({
      statusLabel: '在此终止',
      leftAt: p.outcome!.at,
      openTasks: [],
    });
    expect(p.steps.some((s) => s.status === 'current' || s.status === 'pending')).toBe(false);
  });
});
