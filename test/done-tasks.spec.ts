// 已办 GET /tasks/done: the tasks the caller decided, newest decision first, with the inbox's filters,
// keyset pages and the decision; `/tasks/done` is this list, never a task id. The inbox's tab counts
// (dueSoon, decided) agree with the lists, and inbox items carry their working days left; 我发起的 (entered)
// is checked beside its list in case-search.spec.ts.

import { dueSoonCutoff, workingDaysLeft } from '@libs/domain/calendar/working-days-left';
import { loadHolidayCalendars } from '@libs/persistence';
import { createCounty, type TestCounty } from './support/county';
import * as forms from './support/forms';
import { type Application, Lifecycle } from './support/lifecycle';
import { type ApiClient, type Platform, startPlatform } from './support/platform';
import { signInNewUser } from './support/users';

type Decided = {
  id: string;
  caseId: string;
  kind: string;
  stage: string;
  status: string;
  urgent: boolean;
  decision: string;
  decisionLabel: string;
  reason: string | null;
  decidedAt: string;
  closedAt: string;
  caseStage: string;
  caseStageLabel: string;
  caseStatus: string;
  workingDaysLeft: number | null;
  householdHead: string;
  householdHeadIdNumber: string;
};
type InboxItem = { id: string; dueAt: string; overdue: boolean; workingDaysLeft: number; status: string };

let platform: Platform;
let steps: Lifecycle;
let county: TestCounty;
let colleague: ApiClient; // a caseworker of the same village who decides nothing
const cases: { id: string; application: Application }[] = [];
// Task ids in the order they were decided.
const decidedIds: string[] = [];

const decided = async (client: ApiClient, query = ''): Promise<Decided[]> => {
  const response = await client.get(`/tasks/done?limit=100${query ? `&${query}` : ''}`);
  expect(response.status).toBe(200);
  return response.body.items;
};
const idsOf = (items: { id: string }[]) => items.map((item) => item.id);
const chinaDay = (offset: number) =>
  new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  platform = await startPlatform();
  steps = new Lifecycle(platform);
  // No data check in this county: each case opens with the home survey.
  county = await createCounty(platform.dataSource, platform.baseUrl);
  colleague = await signInNewUser(platform, 'caseworker', county.villageId);
  for (const urgent of [false, true, false]) {
    const { caseId, application } = await steps.apply(county, { urgent });
    cases.push({ id: caseId, application });
  }
  for (const { id, application } of cases) {
    const taskId = await steps.openTask(id, 'homeSurvey');
    await steps.complete(county.caseworker, taskId, {
      decision: 'approve',
      form: forms.homeSurvey(application.members),
    });
    decidedIds.push(taskId);
  }
  const appraisal = await steps.openTask(cases[0].id, 'democraticAppraisal');
  await steps.complete(county.caseworker, appraisal, {
    decision: 'approve',
    form: forms.meeting(),
    reason: '村民代表一致同意',
  });
  decidedIds.push(appraisal);
  await steps.openTask(cases[0].id, 'publicNotice');
});

afterAll(async () => {
  await platform?.stop();
});

describe('已办 GET /tasks/done', () => {
  it('is the list of decided tasks, not a task id taken by GET /tasks/:id', async () => {
    const response = await county.caseworker.get('/tasks/done');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ items: expect.any(Array), nextCursor: null });
    // A task is still found by its id beside it.
    const task = await county.caseworker.get(`/tasks/${encodeURIComponent(decidedIds[0])}`);
    expect(task.status).toBe(200);
    expect(task.body.id).toBe(decidedIds[0]);
  });

  it('lists the tasks the caller decided, newest decision first, each with its decision, reason, time and the case now', async () => {
    const items = await decided(county.caseworker);
    expect(idsOf(items)).toEqual([...decidedIds].reverse());
    const times = items.map((item) => item.decidedAt);
    expect(times).toEqual([...times].sort().reverse());
    expect(items[0]).toMatchObject({
      kind: 'democraticAppraisal',
      kindLabel: '民主评议',
      status: 'completed',
      statusLabel: '已办结',
      decision: 'approve',
      decisionLabel: '通过',
      reason: '村民代表一致同意',
      caseId: cases[0].id,
      caseStage: 'publicNotice',
      caseStageLabel: '村内公示',
      caseStatus: 'open',
      workingDaysLeft: null,
      overdue: false,
    });
    expect(items[0].decidedAt).toBe(items[0].closedAt);
    expect(items[3]).toMatchObject({
      kind: 'homeSurvey',
      decision: 'approve',
      decisionLabel: '提交调查',
      reason: null,
      caseStage: 'publicNotice',
    });
    expect(items[1]).toMatchObject({ caseId: cases[2].id, caseStage: 'democraticAppraisal' });
    expect(items[0].householdHead).toBe(cases[0].application.members[0].name);
    for (const item of items) expect(item.householdHeadIdNumber).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
  });

  it('shows a colleague who decided nothing an empty list, and the tab counts agree', async () => {
    expect(await decided(colleague)).toEqual([]);
    expect((await colleague.get('/tasks/counts')).body.done).toBe(0);
    const counts = await county.caseworker.get('/tasks/counts');
    expect(counts.body.done).toBe((await decided(county.caseworker)).length);
    expect(counts.body.done).toBe(4);
  });

  it('filters by kind, stage, village and urgency', async () => {
    expect(idsOf(await decided(county.caseworker, 'kind=homeSurvey'))).toEqual(
      decidedIds.slice(0, 3).reverse(),
    );
    expect(idsOf(await decided(county.caseworker, 'kind=democraticAppraisal'))).toEqual([decidedIds[3]]);
    expect(idsOf(await decided(county.caseworker, 'stage=democraticAppraisal'))).toEqual([decidedIds[3]]);
    expect(await decided(county.caseworker, 'kind=townshipReview')).toEqual([]);
    expect(idsOf(await decided(county.caseworker, `villageId=${county.villageId}`))).toHaveLength(4);
    expect(await decided(county.caseworker, 'villageId=370323104201')).toEqual([]);
    expect(idsOf(await decided(county.caseworker, 'urgent=true'))).toEqual([decidedIds[1]]);
    expect(await decided(county.caseworker, 'urgent=false')).toHaveLength(3);
  });

  it('filters by the China-local day of the decision, both ends included', async () => {
    expect(
      await decided(county.caseworker, `decidedFrom=${chinaDay(0)}&decidedTo=${chinaDay(0)}`),
    ).toHaveLength(4);
    expect(await decided(county.caseworker, `decidedFrom=${chinaDay(1)}`)).toEqual([]);
    expect(await decided(county.caseworker, `decidedTo=${chinaDay(-1)}`)).toEqual([]);
  });

  it('pages newest first through every decided task once, without gaps', async () => {
    const all = idsOf(await decided(county.caseworker));
    for (const limit of [1, 3]) {
      const paged: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const response: { status: number; body: { items: Decided[]; nextCursor: string | null } } =
          await county.caseworker.get(
            `/tasks/done?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          );
        expect(response.status).toBe(200);
        expect(response.body.items.length).toBeLessThanOrEqual(limit);
        paged.push(...idsOf(response.body.items));
        cursor = response.body.nextCursor;
        pages += 1;
      } while (cursor && pages < 10);
      expect(paged).toEqual(all);
    }
  });

  const badInputs: [string, string, RegExp][] = [
    ['kind', 'kind=survey', /不是已知的任务类型/],
    ['stage', 'stage=done', /不是已知的案件阶段/],
    ['villageId', 'villageId=东里', /区划代码/],
    ['urgent', 'urgent=1', /布尔值/],
    ['decidedFrom', 'decidedFrom=yesterday', /YYYY-MM-DD/],
    ['decidedTo', 'decidedTo=2026-13-01', /YYYY-MM-DD/],
    ['decidedFrom', 'decidedFrom=2026-04-31', /不是有效日期/],
    ['decidedTo', 'decidedFrom=2026-05-02&decidedTo=2026-05-01', /不能早于 decidedFrom/],
    ['cursor', 'cursor=%%%', /无效/],
    ['limit', 'limit=0', /过小/],
    ['assignment', 'assignment=mine', /不允许的字段/],
  ];

  it.each(badInputs)(
    'refuses %s (%s) with a 400 naming the field in Chinese',
    async (field, query, message) => {
      const response = await county.caseworker.get(`/tasks/done?${query}`);
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      expect(JSON.stringify(response.body)).toMatch(message);
    },
  );
});

describe('the inbox: working days left and the tab counts', () => {
  async function inbox(client: ApiClient): Promise<InboxItem[]> {
    const response = await client.get(`/tasks?villageId=${county.villageId}&limit=100`);
    expect(response.status).toBe(200);
    return response.body.items;
  }

  it('gives each item its working days left by the holiday calendar the deadlines use, negative once overdue', async () => {
    const calendars = await loadHolidayCalendars(platform.dataSource.manager);
    // One task overdue by ten days, as the read model sees it.
    const overdueTask = await steps.openTask(cases[2].id, 'democraticAppraisal');
    await platform.dataSource.query(`UPDATE tasks SET due_at = now() - interval '10 days' WHERE id = $1`, [
      overdueTask,
    ]);
    const items = await inbox(county.caseworker);
    expect(items.length).toBe(3);
    const now = new Date();
    for (const item of items) {
      expect(item.workingDaysLeft).toBe(workingDaysLeft(new Date(item.dueAt), now, calendars));
    }
    const late = items.find((item) => item.id === overdueTask)!;
    expect(late.overdue).toBe(true);
    expect(late.workingDaysLeft).toBeLessThanOrEqual(-5);
    // The notice of case 0: two working days (the day it opened does not count).
    const notice = items.find((item) => item.id.includes(':publicNotice:'))!;
    expect(notice.workingDaysLeft).toBeGreaterThanOrEqual(1);
    expect(notice.workingDaysLeft).toBeLessThanOrEqual(2);
    // The task's own page says the same.
    const one = await county.caseworker.get(`/tasks/${encodeURIComponent(notice.id)}`);
    expect(one.body.workingDaysLeft).toBe(notice.workingDaysLeft);
  });

  it('counts as due soon the open tasks not overdue with at most one working day left, as the list and its filter show them', async () => {
    const notice = (await inbox(county.caseworker)).find((item) => item.id.includes(':publicNotice:'))!;
    const urgentAppraisal = await steps.openTask(cases[1].id, 'democraticAppraisal');
    // Due within the hour: due soon whatever day it is.
    await platform.dataSource.query(`UPDATE tasks SET due_at = now() + interval '1 hour' WHERE id = $1`, [
      notice.id,
    ]);
    // Due at the last instant still soon: 00:00 of the second working day ahead, which after a weekend or a
    // holiday is days later than the end of the next working day (an urgent deadline counted in hours).
    const cutoff = dueSoonCutoff(new Date(), await loadHolidayCalendars(platform.dataSource.manager));
    await platform.dataSource.query(`UPDATE tasks SET due_at = $2 WHERE id = $1`, [urgentAppraisal, cutoff]);
    const items = await inbox(county.caseworker);
    const counts = (await county.caseworker.get('/tasks/counts')).body;
    const soon = items.filter((item) => !item.overdue && item.workingDaysLeft <= 1);
    expect(idsOf(soon).sort()).toEqual([notice.id, urgentAppraisal].sort());
    expect(counts.dueSoon).toBe(soon.length);
    expect(counts.overdue).toBe(items.filter((item) => item.overdue).length);
    expect(counts.total).toBe(items.length);
    const listed = await county.caseworker.get(`/tasks?villageId=${county.villageId}&dueSoon=true`);
    expect(idsOf(listed.body.items).sort()).toEqual(idsOf(soon).sort());
    // A millisecond later is two working days away.
    await platform.dataSource.query(`UPDATE tasks SET due_at = $2 WHERE id = $1`, [
      urgentAppraisal,
      new Date(cutoff.getTime() + 1),
    ]);
    expect((await county.caseworker.get('/tasks/counts')).body.dueSoon).toBe(1);
    // A deadline a month on is not soon.
    await platform.dataSource.query(`UPDATE tasks SET due_at = now() + interval '30 days' WHERE id = $1`, [
      notice.id,
    ]);
    expect((await county.caseworker.get('/tasks/counts')).body.dueSoon).toBe(0);
  });
});
