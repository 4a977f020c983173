// The whole household lifecycle on the real dev server, through the API as people use it: recognition,
// support, half-yearly reviews (with the one-year limit), exit, observation, closing and re-enrolment, and a
// change of poverty line. Each test works in a county of its own, with periods of seconds.

import { dataCheckWorkflowId, householdCaseWorkflowId, supportMeasureWorkflowId } from '@libs/contracts';
import { createCounty } from './support/county';
import * as forms from './support/forms';
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

const ledgerEvents = async (caseId: string): Promise<string[]> =>
  (
    await platform.dataSource.query(
      'SELECT ledger, event FROM ledger_entries WHERE case_id = $1 ORDER BY recorded_at',
      [caseId],
    )
  ).map((l: { ledger: string; event: string }) => `${l.ledger}:${l.event}`);

describe('the ordinary case (scenario 1)', () => {
  it('goes from application through data check, recognition, support and review to exit, observation and closing', async () => {
    const county = await createCounty(platform.dataSource, platform.baseUrl, {
      departments: [
        { department: 'civilAffairs', connector: 'inbox' },
        { department: 'vehicles', connector: 'inbox' },
      ],
    });
    const { caseId, application } = await lifecycle.apply(county);
    await lifecycle.answerDataCheck(county, caseId, ['civilAffairs', 'vehicles']);
    await lifecycle.recognise(county, caseId, application);
    const detail = await county.officer.get(`/cases/${caseId}`);
    expect(detail.body.evaluation).toMatchObject({
      eligible: true,
      basis: 'quantitative',
      povertyLine: 6312,
    });
    expect(detail.body.recognisedAt).not.toBeNull();

    await lifecycle.complete(county.officer, await lifecycle.openTask(caseId, 'supportPlan'), {
      decision: 'approve',
      form: forms.supportPlan(),
    });
    for (const department of ['civilAffairs', 'finance', 'humanResources', 'medicalInsurance']) {
      const officer = county.department(department);
      await lifecycle.complete(officer, await lifecycle.openTask(caseId, 'measureAcceptance', department), {
        decision: 'approve',
        form: {},
      });
      await lifecycle.complete(
        officer,
        await lifecycle.openTask(caseId, 'measureImplementation', department),
        {
          decision: 'approve',
          form: forms.measureReport(),
        },
      );
    }
    for (let i = 0; i < 4; i++) {
      await lifecycle.complete(county.officer, await lifecycle.openTask(caseId, 'measureFollowUp'), {
        decision: 'approve',
        form: forms.followUp(),
      });
    }
    const measures = await eventually(async () => {
      const view = await county.officer.get(`/cases/${caseId}`);
      return view.body.measures.every((m: { status: string }) => m.status === 'done')
        ? view.body.measures
        : undefined;
    });
    expect(measures.map((m: { label: string }) => m.label)).toEqual([
      '低保',
      '防贫保险',
      '就业帮扶',
      '医疗帮扶',
    ]);

    // Six months (three seconds here) on, the review: the data check runs again, then the caseworker finds
    // income risen above the line and proposes exit; the village representative meeting confirms.
    await lifecycle.answerDataCheck(county, caseId, ['civilAffairs', 'vehicles']);
    await lifecycle.exit(county, caseId, application, 7900);
    await lifecycle.reachesStage(caseId, 'closed');
    const handle = platform.temporal.workflow.getHandle(householdCaseWorkflowId(caseId));
    expect(await handle.result()).toMatchObject({ stage: 'closed', openTasks: [] });
    expect(await ledgerEvents(caseId)).toEqual([
      'identification:recognised',
      'support:planDrafted',
      ...Array(4).fill('support:measureDone'),
      'support:reviewed',
      'exit:exited',
      'exit:closed',
    ]);
    const row = await lifecycle.caseRow(caseId);
    expect(row).toMatchObject({ status: 'closed', outcome_reason: '持续关注期满，未返贫，销档' });
    // The members may apply again later.
    const [held] = await platform.dataSource.query(
      'SELECT count(*)::int AS n FROM open_case_members WHERE case_id = $1',
      [caseId],
    );
    expect(held.n).toBe(0);
    const history = await county.inspector.get(`/cases/${caseId}/history`);
    expect(history.body.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining([
        'case.created',
        'dataCheck.completed',
        'case.evaluated',
        'ledger.recorded',
        'case.closed',
      ]),
    );
    recordHistory('ordinary-case-closed', caseId);
    recordHistory('data-check-answered', caseId, dataCheckWorkflowId(caseId, 1));
    recordHistory('support-measure-done', caseId, supportMeasureWorkflowId(measures[0].id));
  });
});

describe('half-yearly reviews', () => {
  it('past the one-year limit continuing needs a justification; each review continues as new; a plan can be adjusted', async () => {
    const county = await createCounty(platform.dataSource, platform.baseUrl, {
      policy: { reviewInterval: 'PT2S', supportLimit: 'PT1S' },
    });
    const { caseId, application } = await lifecycle.apply(county);
    await lifecycle.recognise(county, caseId, application);
    await lifecycle.simplePlan(county, caseId);
    const handle = platform.temporal.workflow.getHandle(householdCaseWorkflowId(caseId));
    const firstRun = (await handle.describe()).runId;

    const review = await lifecycle.openTask(caseId, 'periodicReview');
    const task = await county.caseworker.get(`/tasks/${encodeURIComponent(review)}`);
    expect(task.body.payload).toMatchObject({ limitReached: true, round: 1 });
    const unjustified = await county.caseworker.post(`/tasks/${encodeURIComponent(review)}/complete`, {
      decision: 'approve',
      form: forms.periodicReview(application.members, 'continue'),
    });
    expect(unjustified.status).toBe(400);
    expect(unjustified.body.message).toContain('justification');
    await lifecycle.complete(county.caseworker, review, {
      decision: 'approve',
      form: forms.periodicReview(application.members, 'continue', 5000, {
        justification: '家中病人仍在治疗，收入尚未稳定',
      }),
    });
    const second = await lifecycle.openTask(caseId, 'periodicReview');
    expect(second).toBe(`${caseId}:periodicReview:2`);
    const secondRun = (await handle.describe()).runId;
    expect(secondRun).not.toBe(firstRun);
    const state = await handle.query<{ stage: string; plan: unknown }>('caseState');
    expect(state).toMatchObject({
      stage: 'periodicReview',
      plan: { safetyNet: [{ type: 'minimumLivingAllowance' }] },
    });

    await lifecycle.complete(county.caseworker, second, {
      decision: 'approve',
      form: forms.periodicReview(application.members, 'adjustPlan', 5000, { justification: '增加就业帮扶' }),
    });
    const replan = await lifecycle.openTask(caseId, 'supportPlan');
    expect(replan).toBe(`${caseId}:supportPlan:2`);
    const planTask = await county.officer.get(`/tasks/${encodeURIComponent(replan)}`);
    expect(planTask.body.payload.previousPlan).toMatchObject({
      safetyNet: [{ type: 'minimumLivingAllowance' }],
    });
    await lifecycle.complete(county.officer, replan, { decision: 'approve', form: forms.supportPlan() });
    await lifecycle.openTask(caseId, 'periodicReview');
    recordHistory('reviewed-continued-as-new', caseId);
    const events = await ledgerEvents(caseId);
    expect(events.filter((e) => e === 'support:planDrafted')).toHaveLength(2);
    const [reviewed] = await platform.dataSource.query(
      `SELECT entry FROM ledger_entries WHERE case_id = $1 AND event = 'reviewed' ORDER BY recorded_at LIMIT 1`,
      [caseId],
    );
    expect(reviewed.entry).toMatchObject({
      outcome: 'continue',
      limitReached: true,
      justification: '家中病人仍在治疗，收入尚未稳定',
    });
  });
});

describe('temporary assistance across a review', () => {
  it('is still waited for, and recorded, after the case continues as new', async () => {
    const county = await createCounty(platform.dataSource, platform.baseUrl, {
      policy: { reviewInterval: 'PT2S' },
    });
    const { caseId, application } = await lifecycle.apply(county, { urgent: true });
    const assistance = await lifecycle.openTask(caseId, 'temporaryAssistance');
    await lifecycle.recognise(county, caseId, application);
    await lifecycle.simplePlan(county, caseId);
    const handle = platform.temporal.workflow.getHandle(householdCaseWorkflowId(caseId));
    const firstRun = (await handle.describe()).runId;
    await lifecycle.complete(county.caseworker, await lifecycle.openTask(caseId, 'periodicReview'), {
      decision: 'approve',
      form: forms.periodicReview(application.members, 'continue', 5000),
    });
    await eventually(async () => ((await handle.describe()).runId !== firstRun ? true : undefined));
    expect((await handle.query<{ openTasks: { taskId: string }[] }>('caseState')).openTasks).toEqual(
      expect.arrayContaining([expect.objectContaining({ taskId: assistance })]),
    );
    await lifecycle.complete(county.officer, assistance, {
      decision: 'approve',
      form: { amount: 2000, paidOn: new Date().toISOString().slice(0, 10) },
    });
    expect(await ledgerEvents(caseId)).toContain('support:temporaryAssistance');
  });
});

describe('relapse during observation (scenario 7)', () => {
  it('re-enrols at once as a new case linked to the old one, which closes', async () => {
    const county = await createCounty(platform.dataSource, platform.baseUrl, {
      policy: { observation: 'PT2M' },
    });
    const { caseId, application } = await lifecycle.apply(county);
    await lifecycle.recognise(county, caseId, application);
    await lifecycle.simplePlan(county, caseId);
    const early = await county.caseworker.post(`/cases/${caseId}/relapse`, { reason: '尚未退出' });
    expect(early.status).toBe(409);
    await lifecycle.exit(county, caseId, application, 9000);
    // The measure still under way stops with the exit, its task closed.
    await eventually(async () => ((await lifecycle.openTasks(caseId)).length === 0 ? true : undefined));

    // A department reports it that has business with the case (its 低保 measure); another would get 404.
    const reported = await county.department('civilAffairs').post(`/cases/${caseId}/relapse`, {
      reason: '民政报告：户主住院，自付费用 6.2 万元',
    });
    expect(reported.status).toBe(200);
    const newCaseId = reported.body.reEnrolledAs;
    expect(newCaseId).toMatch(/^[0-9a-f-]{36}$/);
    expect(reported.body).toMatchObject({ stage: 'reEnrolled', status: 'closed' });
    const successor = await county.caseworker.get(`/cases/${newCaseId}`);
    expect(successor.body).toMatchObject({ channel: 'reEnrolment', previousCaseId: caseId, status: 'open' });
    // Nothing the rules require is skipped: the new case starts the procedure again.
    await lifecycle.openTask(newCaseId, 'homeSurvey');
    const [held] = await platform.dataSource.query(
      'SELECT count(*)::int AS n FROM open_case_members WHERE case_id = $1',
      [newCaseId],
    );
    expect(held.n).toBe(application.members.length);
    expect(await ledgerEvents(caseId)).toEqual(expect.arrayContaining(['exit:exited', 'exit:reEnrolled']));
    recordHistory('relapse-re-enrolled', caseId);
  });
});

describe('a change of poverty line', () => {
  it('re-evaluates open cases when an admin asks: still eligible goes on, no longer eligible is reviewed at once', async () => {
    const county = await createCounty(platform.dataSource, platform.baseUrl, {
      policy: { reviewInterval: 'P6M' },
    });
    const { caseId, application } = await lifecycle.apply(county);
    // Income only: every indicator met, no temporary hardship, so the line alone decides.
    await lifecycle.recognise(
      county,
      caseId,
      application,
      forms.homeSurvey(application.members, {
        indicators: forms.indicators(),
        povertyCauses: ['lackOfSkills'],
      }),
    );
    await lifecycle.simplePlan(county, caseId);
    await lifecycle.reachesStage(caseId, 'inSupport');

    const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
    const setLine = async (baseIncome: number) => {
      const put = await county.admin.request<any>('PUT', '/admin/poverty-lines', {
        jurisdictionId: county.countyId,
        year,
        area: 'rural',
        basis: 'perCapitaDisposable',
        baseIncome,
        ratio: 0.4,
        reason: '按上年农村居民人均可支配收入调整',
      });
      expect(put.status).toBe(200);
      expect(put.body.openCasesAffected).toBe(1);
      const asked = await county.admin.post('/admin/poverty-lines/reevaluate', {
        jurisdictionId: county.countyId,
        reason: '相对贫困线调整',
      });
      expect(asked.body).toMatchObject({ signalled: 1 });
    };
    const evaluatedAgainst = (line: number) =>
      eventually(async () => {
        const view = await county.caseworker.get(`/cases/${caseId}`);
        return view.body.evaluation.povertyLine === line ? view.body.evaluation : undefined;
      });

    // Raised to 7000: income 5733 stays below it; support goes on without a review.
    await setLine(17_500);
    expect(await evaluatedAgainst(7000)).toMatchObject({ eligible: true, basis: 'quantitative' });
    expect((await lifecycle.caseRow(caseId)).stage).toBe('inSupport');
    // Lowered to 5600: the household is above it now, so it is reviewed at once rather than in six months.
    await setLine(14_000);
    expect(await evaluatedAgainst(5600)).toMatchObject({ eligible: false });
    const review = await lifecycle.openTask(caseId, 'periodicReview');
    expect(review).toBe(`${caseId}:periodicReview:1`);
    recordHistory('poverty-line-lowered', caseId);
  });
});

describe('the 1+N plan', () => {
  it('allows 渐退期 only between 1× and 2× the 低保 standard, and 单人保 under 2×', async () => {
    const county = await createCounty(platform.dataSource, platform.baseUrl, {
      policy: { reviewInterval: 'P6M' },
    });
    const { caseId, application } = await lifecycle.apply(county);
    await lifecycle.recognise(county, caseId, application);
    const planTask = await lifecycle.openTask(caseId, 'supportPlan');
    const view = await county.officer.get(`/tasks/${encodeURIComponent(planTask)}`);
    // 5733 a head, under the standard of 6312: no gradual exit, individual coverage possible.
    expect(view.body.payload).toMatchObject({
      minimumLivingStandard: 6312,
      gradualExitMonthsAllowed: 0,
      individualCoverageAllowed: true,
    });
    const gradual = await county.officer.post(`/tasks/${encodeURIComponent(planTask)}/complete`, {
      decision: 'approve',
      form: forms.supportPlan({ gradualExitMonths: 24 }),
    });
    expect(gradual.status).toBe(400);
    expect(gradual.body.message).toContain('渐退期');
    await lifecycle.complete(county.officer, planTask, {
      decision: 'approve',
      form: forms.supportPlan({
        individualCoverage: [{ idNumber: application.members[1].idNumber, reason: 'seriousIllness' }],
      }),
    });
    // Whose cover and why are personal (ID number, health): the case shows them masked, the reveal in full.
    const revealed = await county.officer.get(
      `/cases/${caseId}/personal-data?fields=idNumber,health&reason=${encodeURIComponent('核对单人保对象')}`,
    );
    expect(revealed.body.health.individualCoverage).toEqual([
      { idNumber: application.members[1].idNumber, reason: 'seriousIllness' },
    ]);
  });
});
