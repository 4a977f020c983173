// 工作台 in the browser: the tabs' counts as the API gives them, a filter by task kind, claiming one task and
// the rest in bulk (a task a colleague took meanwhile is named with who holds it), overdue in red, urgent
// marked, filters surviving a reload, Enter opening a task, and the card list on a phone.

import type { Page } from 'playwright-core';
import { syntheticApplication } from '../../scripts/lib/synthetic-households';
import { browserSpec, openPage, screenshot, signIn, tick } from '../support/browser';
import * as forms from '../support/forms';
import { createVillage } from '../support/places';
import { ApiClient } from '../support/platform';
import { createUser } from '../support/users';

const spec = browserSpec();

const HEADS = ['赵春华', '钱秋实', '孙冬梅', '李夏荷'];

let village: string;
let caseworker: { username: string };
let api: ApiClient;
/** Each household head's application and its home survey task. */
const households = new Map<string, { caseId: string; taskId: string; members: { idNumber: string }[] }>();

beforeAll(async () => {
  // A village of the spec's own: no other spec's tasks reach this caseworker's inbox.
  village = await createVillage(spec.platform.dataSource);
  caseworker = await createUser(spec.platform.dataSource, 'caseworker', village);
  api = await ApiClient.login(spec.platform.baseUrl, caseworker.username);
  for (const head of HEADS) {
    const application = syntheticApplication(village);
    application.members[0].name = head;
    const created = await api.post('/cases', application);
    if (created.status !== 201) throw new Error(JSON.stringify(created.body));
    // The demo county has no data-check departments: the home survey opens at once.
    const taskId = await spec.lifecycle.openTask(created.body.id, 'homeSurvey');
    households.set(head, { caseId: created.body.id, taskId, members: application.members });
  }
  // One overdue and escalated, one due within hours, one urgent.
  await spec.platform.dataSource.query(
    `UPDATE tasks SET due_at = now() - interval '3 days', escalation_level = 1 WHERE id = $1`,
    [households.get('钱秋实')!.taskId],
  );
  await spec.platform.dataSource.query(`UPDATE tasks SET due_at = now() + interval '2 hours' WHERE id = $1`, [
    households.get('赵春华')!.taskId,
  ]);
  await spec.platform.dataSource.query(`UPDATE tasks SET urgent = true WHERE id = $1`, [
    households.get('孙冬梅')!.taskId,
  ]);
});

// The machine these run on is shared: a reload of the whole bundle may take longer than the usual 15 s.
jest.setTimeout(300_000);

async function signedIn(viewport?: 'laptop' | 'phone'): Promise<Page> {
  const page = await openPage(spec.browser, spec.platform.origin, viewport);
  page.setDefaultTimeout(45_000);
  await signIn(page, caseworker.username);
  return page;
}

/** Opens a tab and waits until it is the one shown (the list before it may linger a moment otherwise). */
async function openTab(page: Page, name: string) {
  await page.getByRole('tab', { name: new RegExp(`^${name}`) }).click();
  await page.getByRole('tab', { name: new RegExp(`^${name}`), selected: true }).waitFor();
}
const row = (page: Page, head: string) => page.getByRole('row').filter({ hasText: head });

/** Waits until the tab shows the count. */
async function tabCount(page: Page, name: string, count: number) {
  await page.getByRole('tab', { name: new RegExp(`^${name}\\s*${count}$`) }).waitFor();
}

/** Picks an option of a searchable antd Select by typing it, as a keyboard user would. */
async function choose(page: Page, label: string, option: string) {
  const select = page.getByRole('combobox', { name: label });
  await select.focus();
  await select.fill(option);
  await select.press('Enter');
}

it('a caseworker sees her tabs counted, filters, claims one and the rest in bulk, and is kept where she was', async () => {
  const page = await signedIn();

  // The tabs count as the API does.
  const counts = (await api.get('/tasks/counts')).body;
  expect(counts).toMatchObject({
    mine: 0,
    unassigned: 4,
    urgent: 1,
    overdue: 1,
    total: 4,
    initiated: 4,
    done: 0,
  });
  await tabCount(page, '待认领', counts.unassigned);
  await tabCount(page, '我的待办', counts.mine);
  await tabCount(page, '紧急', counts.urgent);
  await tabCount(page, '已超期', counts.overdue);
  await tabCount(page, '全部待办', counts.total);
  await tabCount(page, '即将到期', counts.dueSoon);
  await tabCount(page, '已办', counts.done);
  await tabCount(page, '我发起的', counts.initiated);
  await page.getByText('您还没有认领的待办任务').waitFor();

  await openTab(page, '待认领');
  await row(page, '赵春华').waitFor();
  expect(await page.getByRole('row').filter({ hasText: '入户调查' }).count()).toBe(4);
  // Overdue in red with the working days past; urgent tagged.
  const overdue = row(page, '钱秋实').getByText(/^已超期 \d+ 个工作日$/);
  expect(await overdue.evaluate((el: any) => el.ownerDocument.defaultView.getComputedStyle(el).color)).toBe(
    'rgb(207, 19, 34)',
  );
  expect(await row(page, '钱秋实').textContent()).toContain('一级督办');
  expect(await row(page, '孙冬梅').getByText('紧急', { exact: true }).count()).toBe(1);
  // Due soon in orange, on its own tab too.
  await openTab(page, '即将到期');
  const soon = row(page, '赵春华').getByText(/今日到期|剩 1 个工作日/);
  expect(await soon.evaluate((el: any) => el.ownerDocument.defaultView.getComputedStyle(el).color)).toBe(
    'rgb(212, 107, 8)',
  );
  expect(await page.getByRole('row').filter({ hasText: '入户调查' }).count()).toBe(1);
  await openTab(page, '待认领');

  // A kind with no task empties the list; the survey's kind brings the four back.
  await choose(page, '任务类型', '民主评议');
  await page.getByText('没有符合筛选条件的记录').waitFor();
  expect(new URL(page.url()).searchParams.get('kind')).toBe('democraticAppraisal');
  await choose(page, '任务类型', '入户调查');
  await row(page, '李夏荷').waitFor();
  await screenshot(page, 'inbox-desktop');

  // Claim one: 我的待办 counts it.
  await row(page, '赵春华')
    .getByRole('button', { name: /认\s*领/ })
    .click();
  await page.getByText('已认领：入户调查 · 赵春华').waitFor();
  await tabCount(page, '我的待办', 1);
  await tabCount(page, '待认领', 3);

  // A colleague takes one meanwhile; the bulk claim takes the rest and names who holds that one.
  const colleague = await createUser(spec.platform.dataSource, 'caseworker', village);
  const colleagueApi = await ApiClient.login(spec.platform.baseUrl, colleague.username);
  const taken = await colleagueApi.post(
    `/tasks/${encodeURIComponent(households.get('钱秋实')!.taskId)}/claim`,
    {},
  );
  expect(taken.status).toBe(200);
  for (const head of ['钱秋实', '孙冬梅', '李夏荷']) {
    await tick(page.getByRole('checkbox', { name: `选择 入户调查 · ${head}` }));
  }
  await page.getByRole('button', { name: /批量认领（3）/ }).click();
  const failed = page.getByRole('alert').filter({ hasText: '1 个任务未能认领' });
  await failed.waitFor();
  expect(await failed.textContent()).toMatch(/钱秋实：任务已由「测试用户.{4}」认领/);
  await tabCount(page, '我的待办', 3);
  await tabCount(page, '待认领', 0);
  expect((await api.get('/tasks/counts')).body).toMatchObject({ mine: 3, unassigned: 0 });

  // 我的待办 with only urgent ones: the address says so, a reload and a bare address keep it.
  await openTab(page, '我的待办');
  // The address changes first, the box follows it: click rather than check().
  await page.getByRole('checkbox', { name: '只看紧急' }).click();
  await page.waitForURL(/urgent=1/);
  // The previous page stays on screen until the filtered one arrives: wait for it to go.
  await row(page, '赵春华').waitFor({ state: 'detached' });
  await row(page, '孙冬梅').waitFor();
  await page.reload();
  await row(page, '孙冬梅').waitFor();
  expect(await page.getByRole('checkbox', { name: '只看紧急' }).isChecked()).toBe(true);
  await page.getByTitle('入户调查').waitFor();
  await page.goto('/');
  await page.waitForURL(/kind=homeSurvey/);
  expect(new URL(page.url()).searchParams.get('urgent')).toBe('1');
  await row(page, '孙冬梅').waitFor();

  // `/` goes to the filters; a focused row opens its task with Enter.
  await page.keyboard.press('/');
  expect(await page.evaluate<string>("document.activeElement?.getAttribute('aria-label')")).toBe('任务类型');
  await page.getByRole('button', { name: '清除筛选' }).first().click();
  await row(page, '赵春华').waitFor();
  await row(page, '赵春华').focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(`**/tasks/${encodeURIComponent(households.get('赵春华')!.taskId)}`);
});

it('已办 and 我发起的 list what she decided and entered, at laptop size', async () => {
  const { taskId, members } = households.get('李夏荷')!;
  await spec.lifecycle.complete(api, taskId, { decision: 'approve', form: forms.homeSurvey(members) });
  const page = await signedIn('laptop');

  // With the network down the list says so in Chinese and the page stays usable; 重试 brings it back.
  await page.route('**/api/tasks/done?*', (route) => route.abort());
  await openTab(page, '已办');
  await page.getByRole('alert').filter({ hasText: '无法连接服务器' }).waitFor();
  await page.unroute('**/api/tasks/done?*');
  await page.getByRole('button', { name: /重\s*试/ }).click();
  await row(page, '李夏荷').waitFor();
  expect(await row(page, '李夏荷').textContent()).toContain('提交调查');
  await openTab(page, '我发起的');
  for (const head of HEADS) await row(page, head).waitFor();
  await row(page, '赵春华').focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(`**/cases/${households.get('赵春华')!.caseId}`);
  await page.goBack();
  await openTab(page, '全部待办');
  await row(page, '钱秋实').waitFor();
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(1024);
  await screenshot(page, 'inbox-laptop');
});

it('on a phone the same tabs show cards, each with its claim button, and the page does not scroll sideways', async () => {
  const application = syntheticApplication(village);
  application.members[0].name = '周新禾';
  const created = await api.post('/cases', application);
  expect(created.status).toBe(201);
  await spec.lifecycle.openTask(created.body.id, 'homeSurvey');

  const page = await signedIn('phone');
  await openTab(page, '待认领');
  const card = page.getByRole('listitem').filter({ hasText: '周新禾' });
  await card.waitFor();
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
  await screenshot(page, 'inbox-phone');
  await card.getByRole('button', { name: /认\s*领/ }).click();
  await page.getByText('已认领：入户调查 · 周新禾').waitFor();
  const { unassigned, mine } = (await api.get('/tasks/counts')).body;
  await tabCount(page, '待认领', unassigned);
  await tabCount(page, '我的待办', mine);
});
