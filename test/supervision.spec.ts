// 督办 supervision: overdue and due-soon counts by place, kind and age; the breach list with drill-down
// and keyset pages; the daily trend; marking a case urgent and asking for escalation, audited.
// Two platforms share the run's database: one with deadlines scaled down so tasks are overdue and at
// level 3 within a second, one on real time so its tasks stay pending.

import { syntheticApplication } from '../scripts/lib/synthetic-households';
import * as forms from './support/forms';
import { ApiClient, eventually, type Platform, startPlatform } from './support/platform';
import { createUser } from './support/users';

// 东里西村: other specs work in 东里东村 and 姚南峪村; any that also open tasks here are on real time,
// so counts are asserted as "at least ours" and lists are filtered to our own tasks.
const VILLAGE = '370323104202';
const DONGLI = '370323104'; // 东里镇
const YUEZHUANG = '370323105'; // 悦庄镇
const COUNTY = '370323'; // 沂源县

let fast: Platform;
let slow: Platform;
let caseworker: ApiClient;
let slowCaseworker: ApiClient;
let supDongli: ApiClient;
let supCounty: ApiClient;
// A supervisor whose scope is 东里东村 only: 东里西村 is outside it.
let supEastVillage: ApiClient;

// Home surveys that are overdue and escalated to level 3, and one whose deadline was 30 hours ago.
let overdueTaskIds: string[];
let longOverdueTaskId: string;
// Home surveys on real time: due in days.
let pendingCaseIds: string[];

beforeAll(async () => {
  [fast, slow] = await Promise.all([startPlatform({ policyTimeScale: 2_000_000 }), startPlatform()]);
  caseworker = await ApiClient.login(fast.baseUrl, 'cw_dongli_west');
  slowCaseworker = await ApiClient.login(slow.baseUrl, 'cw_dongli_west');
  supDongli = await ApiClient.login(fast.baseUrl, 'sup_dongli');
  supCounty = await ApiClient.login(fast.baseUrl, 'sup_county');
  const eastSupervisor = await createUser(fast.dataSource, 'supervisor', '370323104201');
  supEastVillage = await ApiClient.login(fast.baseUrl, eastSupervisor.username);

  const surveys = await Promise.all([1, 2, 3].map(() => openSurvey(caseworker)));
  pendingCaseIds = await Promise.all([1, 2, 3].map(async () => caseOf(await openSurvey(slowCaseworker))));
  await Promise.all(surveys.map(untilLevel3));
  [longOverdueTaskId, ...overdueTaskIds] = surveys;
  // The read model's deadline moved back 30 hours: the workflow's timers do not read it, so only the
  // supervision views see a task a day and a quarter overdue.
  await fast.dataSource.query(`UPDATE tasks SET due_at = now() - interval '30 hours' WHERE id = $1`, [
    longOverdueTaskId,
  ]);
});

afterAll(async () => {
  await Promise.all([fast?.stop(), slow?.stop()]);
});

// Each opened survey's household members, for a valid survey form.
const members = new Map<string, { idNumber: string; annualIncome: number }[]>();

async function openSurvey(client: ApiClient): Promise<string> {
  const application = syntheticApplication(VILLAGE, { address: '东里镇东里西村2组8号' });
  const created = await client.post('/cases', application);
  expect(created.status).toBe(201);
  const taskId = `${created.body.id}:homeSurvey:1`;
  members.set(taskId, application.members);
  return taskId;
}

function caseOf(taskId: string): string {
  return taskId.split(':')[0];
}

async function untilLevel3(taskId: string): Promise<void> {
  await eventually(async () => {
    const [task] = await fast.dataSource.query('SELECT escalation_level FROM tasks WHERE id = $1', [taskId]);
    return task.escalation_level === 3 ? true : undefined;
  });
}

async function auditRows(entityId: string, action: string) {
  return fast.dataSource.query(
    `SELECT actor_username, actor_role, reason, before, after FROM audit_events
     WHERE entity_id = $1 AND action = $2 ORDER BY id`,
    [entityId, action],
  );
}

function byId(rows: any[], id: string): any {
  const row = rows.find((r) => r.id === id);
  if (!row) throw new Error(`no row ${id} in ${JSON.stringify(rows)}`);
  return row;
}

const sum = (rows: { overdue: number }[]) => rows.reduce((total, r) => total + r.overdue, 0);

describe('summary', () => {
  it('groups a township supervisor’s overdue and due-soon tasks by village, kind and age', async () => {
    const summary = await supDongli.get('/supervision/summary?dueSoonHours=720');
    expect(summary.status).toBe(200);
    const { body } = summary;
    expect(body.jurisdiction).toEqual({ id: DONGLI, name: '东里镇', level: 'township' });
    expect(body.byJurisdiction.map((j: { name: string }) => j.name)).toEqual(
      expect.arrayContaining(['东里东村', '东里西村', '姚南峪村']),
    );
    expect(body.byJurisdiction.at(-1)).toMatchObject({ id: DONGLI, name: '东里镇（本级）', ownLevel: true });
    const west = byId(body.byJurisdiction, VILLAGE);
    expect(west).toMatchObject({ name: '东里西村', level: 'village', ownLevel: false });
    expect(west.overdue).toBeGreaterThanOrEqual(overdueTaskIds.length + 1);
    expect(west.dueSoon).toBeGreaterThanOrEqual(pendingCaseIds.length);

    const survey = body.byKind.find((k: { kind: string }) => k.kind === 'homeSurvey');
    expect(survey).toMatchObject({ kindLabel: '入户调查' });
    expect(survey.overdue).toBeGreaterThanOrEqual(overdueTaskIds.length + 1);
    expect(body.byOverdueAge.map((a: { bucket: string; label: string }) => [a.bucket, a.label])).toEqual([
      ['<1d', '超期不足1天'],
      ['1-3d', '超期1–3天'],
      ['3-7d', '超期3–7天'],
      ['>7d', '超期7天以上'],
    ]);
    expect(body.byOverdueAge[0].overdue).toBeGreaterThanOrEqual(overdueTaskIds.length);
    expect(body.byOverdueAge[1].overdue).toBeGreaterThanOrEqual(1);
    expect(body.escalation.level3).toBeGreaterThanOrEqual(overdueTaskIds.length + 1);

    // Every grouping counts the same tasks.
    expect(sum(body.byJurisdiction)).toBe(body.totals.overdue);
    expect(sum(body.byKind)).toBe(body.totals.overdue);
    expect(sum(body.byOverdueAge)).toBe(body.totals.overdue);
  });

  it('counts the pending tasks as due soon only within the window asked for', async () => {
    const narrow = (await supDongli.get('/supervision/summary?jurisdictionId=' + VILLAGE)).body;
    const wide = (await supDongli.get(`/supervision/summary?jurisdictionId=${VILLAGE}&dueSoonHours=720`))
      .body;
    expect(narrow.dueSoonHours).toBe(48);
    // Home surveys on real time are due in five working days: past 48 hours, within 30 days.
    expect(wide.totals.dueSoon - narrow.totals.dueSoon).toBeGreaterThanOrEqual(pendingCaseIds.length);
    expect(wide.byJurisdiction).toEqual([
      expect.objectContaining({ id: VILLAGE, name: '东里西村（本级）', ownLevel: true }),
    ]);
  });

  it('groups a county supervisor’s tasks by township, with the county’s own tasks apart', async () => {
    const summary = await supCounty.get('/supervision/summary');
    expect(summary.status).toBe(200);
    const { body } = summary;
    expect(body.jurisdiction).toEqual({ id: COUNTY, name: '沂源县', level: 'county' });
    const townships = body.byJurisdiction.filter((j: { ownLevel: boolean }) => !j.ownLevel);
    expect(townships.map((j: { name: string }) => j.name)).toEqual(
      expect.arrayContaining(['南麻街道', '历山街道', '东里镇', '悦庄镇']),
    );
    expect(townships.every((j: { level: string }) => j.level === 'township')).toBe(true);
    expect(byId(body.byJurisdiction, DONGLI).overdue).toBeGreaterThanOrEqual(overdueTaskIds.length + 1);
    expect(body.byJurisdiction.at(-1)).toMatchObject({ id: COUNTY, name: '沂源县（本级）', ownLevel: true });
    expect(sum(body.byJurisdiction)).toBe(body.totals.overdue);
  });

  it('lets inspectors and the county centre read, and refuses caseworkers and reviewers', async () => {
    for (const username of ['inspector', 'co_county', 'admin']) {
      const reader = await ApiClient.login(fast.baseUrl, username);
      expect((await reader.get('/supervision/summary')).status).toBe(200);
    }
    for (const username of ['cw_dongli_west', 'tr_dongli']) {
      const refused = await (await ApiClient.login(fast.baseUrl, username)).get('/supervision/summary');
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('FORBIDDEN_ROLE');
    }
  });

  it('refuses a drill-down outside the subtree with 404, and a bad window with 400', async () => {
    const outside = await supDongli.get(`/supervision/summary?jurisdictionId=${YUEZHUANG}`);
    expect(outside.status).toBe(404);
    expect(outside.body.message).toContain(YUEZHUANG);
    const bad = await supDongli.get('/supervision/summary?dueSoonHours=0');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('dueSoonHours');
  });
});

describe('breaches', () => {
  const ours = (items: any[]): any[] =>
    items.filter((i) => [longOverdueTaskId, ...overdueTaskIds].includes(i.taskId));

  it('lists the overdue tasks most overdue first, with village, hours overdue and escalation level', async () => {
    const page = await supDongli.get(`/supervision/breaches?jurisdictionId=${VILLAGE}&limit=100`);
    expect(page.status).toBe(200);
    expect(page.body.jurisdiction).toMatchObject({ id: VILLAGE, name: '东里西村' });
    const items = ours(page.body.items);
    expect(items.map((i: { taskId: string }) => i.taskId).sort()).toEqual(
      [longOverdueTaskId, ...overdueTaskIds].sort(),
    );
    expect(items[0]).toMatchObject({
      taskId: longOverdueTaskId,
      caseId: caseOf(longOverdueTaskId),
      kind: 'homeSurvey',
      kindLabel: '入户调查',
      villageId: VILLAGE,
      villageName: '东里西村',
      escalationLevel: 3,
      assigneeId: null,
      assigneeName: null,
    });
    expect(items[0].hoursOverdue).toBeGreaterThanOrEqual(30);
    expect(items[0].hoursOverdue).toBeLessThan(31);
    for (const item of items) expect(item.hoursOverdue).toBeGreaterThanOrEqual(0);
    const dueTimes = page.body.items.map((i: { dueAt: string }) => i.dueAt);
    expect(dueTimes).toEqual([...dueTimes].sort());
  });

  it('pages with a cursor through every overdue task once, in order', async () => {
    const all = (await supDongli.get(`/supervision/breaches?jurisdictionId=${VILLAGE}&limit=100`)).body.items;
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const path: string = `/supervision/breaches?jurisdictionId=${VILLAGE}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await supDongli.get(path);
      expect(page.status).toBe(200);
      paged.push(...page.body.items.map((i: { taskId: string }) => i.taskId));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all.map((i: { taskId: string }) => i.taskId));
    expect((await supDongli.get('/supervision/breaches?cursor=garbage')).body.errors[0].field).toBe('cursor');
  });

  it('filters by kind and escalation level', async () => {
    const level3 = await supDongli.get(`/supervision/breaches?jurisdictionId=${VILLAGE}&level=3&limit=100`);
    expect(ours(level3.body.items)).toHaveLength(overdueTaskIds.length + 1);
    const level1 = await supDongli.get(`/supervision/breaches?jurisdictionId=${VILLAGE}&level=1&limit=100`);
    expect(ours(level1.body.items)).toEqual([]);
    const appraisals = await supDongli.get(
      `/supervision/breaches?jurisdictionId=${VILLAGE}&kind=democraticAppraisal&limit=100`,
    );
    expect(ours(appraisals.body.items)).toEqual([]);
    expect((await supDongli.get('/supervision/breaches?level=4')).status).toBe(400);
  });

  it('drills down within the subtree, and answers 404 outside it', async () => {
    const county = await supCounty.get(`/supervision/breaches?jurisdictionId=${DONGLI}&limit=100`);
    expect(county.status).toBe(200);
    expect(ours(county.body.items)).toHaveLength(overdueTaskIds.length + 1);
    expect((await supDongli.get(`/supervision/breaches?jurisdictionId=${YUEZHUANG}`)).status).toBe(404);
    expect((await supDongli.get(`/supervision/breaches?jurisdictionId=${COUNTY}`)).status).toBe(404);
    expect((await supDongli.get('/supervision/breaches?jurisdictionId=999999999')).status).toBe(404);
  });
});

describe('mark urgent', () => {
  it('flags the case and its open task urgent, and audits it with the reason', async () => {
    const caseId = pendingCaseIds[0];
    const taskId = `${caseId}:homeSurvey:1`;
    const marked = await supDongli.post(`/supervision/cases/${caseId}/mark-urgent`, {
      reason: '农户房屋失火，特事特办',
    });
    expect(marked.status).toBe(200);
    expect(marked.body).toMatchObject({ caseId, urgent: true, alreadyUrgent: false });
    expect(marked.body.tasks).toEqual([expect.objectContaining({ taskId, priority: 1 })]);

    const task = await caseworker.get(`/tasks/${taskId}`);
    expect(task.body).toMatchObject({ urgent: true, priority: 1 });
    expect((await caseworker.get(`/cases/${caseId}`)).body.urgent).toBe(true);
    const audit = await auditRows(caseId, 'case.markedUrgent');
    expect(audit).toEqual([
      expect.objectContaining({
        actor_username: 'sup_dongli',
        actor_role: 'supervisor',
        reason: '农户房屋失火，特事特办',
        before: { urgent: false },
      }),
    ]);

    // Again: nothing left to change, nothing audited twice.
    const again = await supDongli.post(`/supervision/cases/${caseId}/mark-urgent`, { reason: '再次标记' });
    expect(again.body).toMatchObject({ alreadyUrgent: true, tasks: [] });
    expect(await auditRows(caseId, 'case.markedUrgent')).toHaveLength(1);
  });

  it('refuses a missing, too short or too long reason in Chinese, changing nothing', async () => {
    const caseId = pendingCaseIds[1];
    for (const body of [{}, { reason: '急' }, { reason: '  急 ' }, { reason: '急'.repeat(501) }]) {
      const refused = await supDongli.post(`/supervision/cases/${caseId}/mark-urgent`, body);
      expect(refused.status).toBe(400);
      expect(refused.body.errors[0].field).toBe('reason');
      expect(refused.body.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect((await caseworker.get(`/cases/${caseId}`)).body.urgent).toBe(false);
  });

  it('is for supervisors and admins only, within their scope', async () => {
    const caseId = pendingCaseIds[1];
    const path = `/supervision/cases/${caseId}/mark-urgent`;
    const byCaseworker = await caseworker.post(path, { reason: '想要加急' });
    expect(byCaseworker.status).toBe(403);
    const inspector = await ApiClient.login(fast.baseUrl, 'inspector');
    expect((await inspector.post(path, { reason: '督查加急' })).status).toBe(403);
    expect((await supEastVillage.post(path, { reason: '不在辖区' })).status).toBe(404);
    expect(
      (await supDongli.post('/supervision/cases/not-a-case/mark-urgent', { reason: '无此案件' })).status,
    ).toBe(404);
    expect(await auditRows(caseId, 'case.markedUrgent')).toEqual([]);
  });

  it('refuses a case that has ended', async () => {
    const caseId = pendingCaseIds[2];
    const rejected = await slowCaseworker.post(`/tasks/${caseId}:homeSurvey:1/complete`, {
      decision: 'reject',
      reason: '入户核实收入高于标准',
    });
    expect(rejected.status).toBe(200);
    const refused = await supDongli.post(`/supervision/cases/${caseId}/mark-urgent`, {
      reason: '已办结的案件',
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('CASE_CLOSED');
  });
});

describe('escalate now', () => {
  it('records the request with the reason and answers 202; a double click escalates once', async () => {
    const taskId = `${pendingCaseIds[1]}:homeSurvey:1`;
    const [first, second] = await Promise.all(
      ['群众反映久拖未办', '再次督办'].map((reason) =>
        supCounty.post(`/supervision/tasks/${taskId}/escalate-now`, { reason }),
      ),
    );
    expect([first.status, second.status]).toEqual([202, 202]);
    for (const response of [first, second]) {
      expect(response.body).toMatchObject({ taskId, escalationLevel: 0, requestedLevel: 1 });
    }
    expect([first.body.alreadyRequested, second.body.alreadyRequested].sort()).toEqual([false, true]);
    expect(await auditRows(taskId, 'task.escalationRequested')).toEqual([
      expect.objectContaining({
        actor_username: 'sup_county',
        before: { escalationLevel: 0 },
        after: { requestedLevel: 1 },
      }),
    ]);
    await eventually(async () =>
      (await supCounty.get(`/tasks/${taskId}`)).body.escalationLevel === 1 ? true : undefined,
    );
  });

  it('refuses a task at the highest level, a closed task, another place’s task and other roles', async () => {
    const atMax = await supDongli.post(`/supervision/tasks/${overdueTaskIds[0]}/escalate-now`, {
      reason: '已是最高级',
    });
    expect(atMax.status).toBe(409);
    expect(atMax.body.code).toBe('ESCALATION_AT_MAX');
    const closed = await supDongli.post(`/supervision/tasks/${pendingCaseIds[2]}:homeSurvey:1/escalate-now`, {
      reason: '已办结的任务',
    });
    expect(closed.status).toBe(409);
    expect(closed.body.code).toBe('TASK_CLOSED');
    const taskId = `${pendingCaseIds[1]}:homeSurvey:1`;
    expect(
      (await supEastVillage.post(`/supervision/tasks/${taskId}/escalate-now`, { reason: '不在辖区' })).status,
    ).toBe(404);
    expect(
      (await caseworker.post(`/supervision/tasks/${taskId}/escalate-now`, { reason: '想要升级' })).status,
    ).toBe(403);
    expect((await supDongli.post(`/supervision/tasks/${taskId}/escalate-now`, {})).status).toBe(400);
  });
});

describe('trend', () => {
  /** Today's date in China (UTC+8). */
  const chinaToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

  it('counts per China-local day the tasks that became overdue and those closed late, zero-filled', async () => {
    // One overdue task decided late: it still counts as overdue that day, and as closed late.
    const lateTaskId = overdueTaskIds[1];
    const completed = await caseworker.post(`/tasks/${lateTaskId}/complete`, {
      decision: 'approve',
      form: forms.homeSurvey(members.get(lateTaskId)!),
    });
    expect(completed.status).toBe(200);

    const trend = await supDongli.get(`/supervision/trend?days=7&jurisdictionId=${VILLAGE}`);
    expect(trend.status).toBe(200);
    expect(trend.body).toMatchObject({ days: 7, timeZone: 'Asia/Shanghai' });
    const dates = trend.body.items.map((d: { date: string }) => d.date);
    expect(dates).toHaveLength(7);
    expect(dates.at(-1)).toBe(chinaToday());
    for (let i = 1; i < dates.length; i++) {
      expect(Date.parse(dates[i]) - Date.parse(dates[i - 1])).toBe(86_400_000);
    }
    const today = trend.body.items.at(-1);
    expect(today.becameOverdue).toBeGreaterThanOrEqual(overdueTaskIds.length);
    expect(today.closedLate).toBeGreaterThanOrEqual(1);
    expect(today.closedLate).toBeLessThanOrEqual(today.becameOverdue);
    for (const day of trend.body.items) {
      expect(Number.isInteger(day.becameOverdue) && Number.isInteger(day.closedLate)).toBe(true);
    }
    // The task moved 30 hours back fell due yesterday or the day before.
    expect(trend.body.items.slice(-3, -1).some((d: { becameOverdue: number }) => d.becameOverdue >= 1)).toBe(
      true,
    );
  });

  it('defaults to 30 days and refuses more than 90', async () => {
    const trend = await supCounty.get('/supervision/trend');
    expect(trend.body.items).toHaveLength(30);
    expect((await supCounty.get('/supervision/trend?days=91')).status).toBe(400);
    expect((await supCounty.get('/supervision/trend?days=0')).status).toBe(400);
  });
});
