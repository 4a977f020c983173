// 系统管理 in the browser: a county admin changes the notice period (公示期) and a poverty line, re-evaluates
// the open cases, creates a user, resets a password, lifts a lockout and disables a user; each change is
// read back through the API and found in the audit log. The county is the spec's own, so no other spec's
// policy changes. Every tab is photographed at 1280×800 and 1024×768 and must not overflow sideways.

import type { Page } from 'playwright-core';
import { chooseOption, openPage, screenshot, signIn, browserSpec, submitDialog } from '../support/browser';
import { createCounty, type TestCounty } from '../support/county';
import { ApiClient, eventually } from '../support/platform';
import { createUser } from '../support/users';

const spec = browserSpec();

const TABS = [
  ['用户', 'users'],
  ['辖区', 'jurisdictions'],
  ['县级政策', 'policy'],
  ['贫困线', 'poverty-lines'],
  ['节假日', 'calendar'],
] as const;

let county: TestCounty;
let adminName: string;
let admin: ApiClient;
let caseId: string;

beforeAll(async () => {
  county = await createCounty(spec.platform.dataSource, spec.platform.baseUrl);
  ({ caseId } = await spec.lifecycle.apply(county));
  // Its workflow runs (a task is open), so 立即重新评估 reaches it rather than skipping it.
  await eventually(async () => ((await spec.lifecycle.openTasks(caseId)).length > 0 ? true : undefined));
  adminName = (await createUser(spec.platform.dataSource, 'admin', county.countyId)).username;
  admin = await ApiClient.login(spec.platform.baseUrl, adminName);
});

/** The audit events of an action this spec's admin took, newest first. */
async function audited(action: string): Promise<{ before: any; after: any; reason: string | null }[]> {
  const events = await admin.get(`/audit/events?action=${action}&actor=${adminName}&limit=100`);
  expect(events.status).toBe(200);
  return events.body.items;
}

async function openTab(page: Page, label: string, path: string) {
  await page.getByRole('tab', { name: label }).click();
  await page.waitForURL(`**/admin/${path}`);
  await page.getByRole('tab', { name: label, selected: true }).waitFor();
}

/** Nothing wider than the window: the page never scrolls sideways. */
async function expectNoSidewaysScroll(page: Page) {
  const [scroll, client] = await page
    .locator('html')
    .evaluate((html: { scrollWidth: number; clientWidth: number }) => [html.scrollWidth, html.clientWidth]);
  expect(scroll).toBeLessThanOrEqual(client);
}

/** Waits until `done` holds, asking every 100 ms for up to 15 s. */
async function until(done: () => Promise<boolean>) {
  for (const start = Date.now(); !(await done());) {
    if (Date.now() - start > 15_000) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The user table shows exactly `count` users (a search's answer has replaced the previous page). */
const onlyRows = (page: Page, count: number) =>
  until(async () => (await page.locator('.ant-table-tbody tr.ant-table-row').count()) === count);

const signInAsAdmin = async (viewport: 'desktop' | 'laptop') => {
  const page = await openPage(spec.browser, spec.platform.origin, viewport);
  // Saving hashes passwords and signals workflows: on a loaded machine that takes longer than a click.
  page.setDefaultTimeout(30_000);
  await signIn(page, adminName);
  await page.getByRole('menuitem', { name: '系统管理' }).click();
  await page.waitForURL('**/admin/users');
  return page;
};

it('changes the notice period and a poverty line, re-evaluates, each read back and audited', async () => {
  const page = await signInAsAdmin('desktop');

  // 县级政策: the test county's notice lasts 2 seconds; it becomes 10 days.
  await openTab(page, '县级政策', 'policy');
  const notice = page.getByLabel('村内公示期');
  expect(await notice.inputValue()).toBe('2');
  await notice.fill('10');
  await chooseOption(page, '单位', '天');
  // The data check will also ask 住建局, answering in its inbox.
  await page.getByRole('button', { name: '添加比对部门' }).click();
  await chooseOption(page, '比对部门 1', '住建局');
  await page.getByLabel('理由', { exact: true }).fill('县民政局通知：公示期延长');
  await page.getByRole('button', { name: '保存流程参数' }).click();
  await page.getByText('公示期 10 天').waitFor();
  await screenshot(page, 'admin-policy');

  const policy = await admin.get(`/admin/policies/${county.countyId}`);
  expect(policy.body.policy.publicNotice).toBe('P10D');
  expect(policy.body.policy.dataCheckDepartments).toEqual([{ department: 'housing', connector: 'inbox' }]);
  // Nothing else moved: the other periods are as the county had them.
  expect(policy.body.policy.reviewInterval).toBe('PT3S');
  const [policyChange] = await audited('lifecyclePolicy.updated');
  expect(policyChange.before.publicNotice).toBe('PT2S');
  expect(policyChange.after.publicNotice).toBe('P10D');
  expect(policyChange.after.taskSlaWorkingDays).toEqual(policyChange.before.taskSlaWorkingDays);
  expect(policyChange.after.urgentTaskSlaHours).toEqual(policyChange.before.urgentTaskSlaHours);
  expect(policyChange.reason).toBe('县民政局通知：公示期延长');

  // 贫困线: this year's rural line 12624 × 50% = 6312 becomes 20000 × 35% = 7000.
  await openTab(page, '贫困线', 'poverty-lines');
  const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
  const row = page
    .getByRole('row')
    .filter({ hasText: `测试县${county.countyId}` })
    .filter({ hasText: '农村' });
  expect(await row.textContent()).toContain('6,312 元/人/年');
  await row.getByRole('button', { name: /修改/ }).click();
  const dialog = page.getByRole('dialog').filter({ hasText: '修改相对贫困线' });
  await dialog.getByLabel('基数金额（元/人/年）').fill('20000');
  await dialog.getByLabel('比例（%）').fill('35');
  await dialog.getByText('相对贫困线：7,000 元/人/年').waitFor();
  await dialog.getByLabel('修改理由或依据').fill('县政府调整相对贫困线');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await page.getByText(/20000 × 35% = 7000 元\/人\/年。辖区内 1 件在办案件/).waitFor();
  await row.getByText('7,000 元/人/年').waitFor();

  const lines = await admin.get(`/admin/poverty-lines?jurisdictionId=${county.countyId}&year=${year}`);
  expect(lines.body.items).toEqual([
    expect.objectContaining({ area: 'rural', baseIncome: 20000, ratio: 0.35, line: 7000 }),
  ]);
  const [lineChange] = await audited('povertyLine.updated');
  expect(lineChange.before).toEqual(expect.objectContaining({ line: 6312 }));
  expect(lineChange.after).toEqual(expect.objectContaining({ line: 7000 }));
  expect(lineChange.reason).toBe('县政府调整相对贫困线');

  // 立即重新评估 the county's one open case, after a confirmation.
  await page.getByLabel('理由', { exact: true }).fill('相对贫困线调整');
  await page.getByRole('button', { name: '立即重新评估' }).click();
  const confirm = page.getByRole('dialog').filter({ hasText: '立即重新评估？' });
  await confirm.getByRole('button', { name: '重新评估' }).click();
  // The card's answer: the result, or the error to show in the failure.
  const outcome = page.locator('.ant-card-small .ant-alert');
  await outcome.waitFor({ timeout: 30_000 });
  expect(await outcome.textContent()).toContain(
    `已通知测试县${county.countyId} 1 件在办案件按现行相对贫困线重新评估`,
  );
  await until(async () => (await page.locator('.ant-modal-mask').count()) === 0);
  await screenshot(page, 'admin-poverty-lines');
  const [reevaluation] = await audited('povertyLine.reevaluationRequested');
  expect(reevaluation.after).toEqual({ signalled: 1, skipped: 0, failed: 0 });
  expect(reevaluation.reason).toBe('相对贫困线调整');
  // The case is still open and goes on (the signal reached a running workflow).
  expect((await spec.lifecycle.caseRow(caseId)).status).toBe('open');
});

it('creates a caseworker, resets her password, lifts a lockout and disables a user', async () => {
  const page = await signInAsAdmin('desktop');
  const username = `cw_${Date.now().toString(36)}`;

  await page.getByRole('button', { name: '新建用户' }).click();
  const form = page.getByRole('dialog').filter({ hasText: '新建用户' });
  await form.getByLabel('用户名').fill(username);
  await form.getByLabel('姓名').fill('王丽（测试村工作专员）');
  const initial = await form.getByLabel('初始密码').inputValue();
  expect(initial).toMatch(/^(?=.*[A-Za-z])(?=.*\d).{10,}$/);
  // The first select labelled …角色… is the list's filter (按角色筛选); the form's is the second.
  await chooseOption(page, '角色', '村工作专员', 1);
  await chooseOption(page, '所属辖区', '测试村');
  await form.getByRole('button', { name: /保\s*存/ }).click();
  await page.getByText(`已新建用户 ${username}`).waitFor();

  const found = await admin.get(`/admin/users?q=${username}`);
  expect(found.body.items).toEqual([
    expect.objectContaining({
      username,
      role: 'caseworker',
      jurisdictionId: county.villageId,
      enabled: true,
    }),
  ]);
  const userId: string = found.body.items[0].id;
  expect((await audited('user.created')).map((e) => e.after.username)).toContain(username);

  // The form checks as the API does, in Chinese; what only the server knows (the name is taken) lands on
  // its field.
  await page.getByRole('button', { name: '新建用户' }).click();
  const again = page.getByRole('dialog').filter({ hasText: '新建用户' });
  await again.getByLabel('用户名').fill('Wang Li');
  await again.getByRole('button', { name: /保\s*存/ }).click();
  await again.getByText('应为 3–64 位小写字母、数字或下划线').waitFor();
  await again.getByText('请选择角色').waitFor();
  await again.getByLabel('用户名').fill(username);
  await again.getByLabel('姓名').fill('王丽');
  await chooseOption(page, '角色', '村工作专员', 1);
  await chooseOption(page, '所属辖区', '测试村');
  await again.getByRole('button', { name: /保\s*存/ }).click();
  await again.getByText('已被使用').waitFor();
  await again.getByText('表单有误，请按提示修改').waitFor();
  await screenshot(page, 'admin-user-form-refused');
  await expectNoSidewaysScroll(page);
  await again.getByRole('button', { name: /取\s*消/ }).click();
  const firstLogin = await ApiClient.anonymous(spec.platform.baseUrl).post('/auth/login', {
    username,
    password: initial,
  });
  expect(firstLogin.status).toBe(200);

  // Found by name; 重置密码 shows a one-time password once.
  await page.getByLabel('按用户名或姓名查找').fill('王丽');
  await page.getByLabel('按用户名或姓名查找').press('Enter');
  const row = page.getByRole('row').filter({ hasText: username });
  await onlyRows(page, 1);
  await row.waitFor();
  await row.getByRole('button', { name: '重置密码' }).click();
  const reset = page.getByRole('dialog').filter({ hasText: '重置密码：' });
  await submitDialog(
    page,
    reset.getByRole('button', { name: '重置密码' }),
    (method, path) => method === 'POST' && path.endsWith('/password'),
  );
  const answer = reset.getByRole('alert');
  await answer.waitFor({ timeout: 30_000 });
  expect(await answer.textContent()).toContain('密码已重置');
  const oneTime = (await reset.getByTestId('one-time-password').innerText()).trim();
  expect(oneTime).not.toBe(initial);
  await reset.getByText('下次登录后须先修改密码').waitFor();
  await screenshot(page, 'admin-password-reset');
  await reset.getByRole('button', { name: /完\s*成/ }).click();

  const oldPassword = await ApiClient.anonymous(spec.platform.baseUrl).post('/auth/login', {
    username,
    password: initial,
  });
  expect(oldPassword.status).toBe(401);
  const login = await ApiClient.anonymous(spec.platform.baseUrl).post('/auth/login', {
    username,
    password: oneTime,
  });
  expect(login.status).toBe(200);
  expect(login.body.mustChangePassword).toBe(true);
  const [resetEvent] = await audited('user.passwordReset');
  expect(resetEvent.after).toEqual(expect.objectContaining({ username, passwordReset: true }));
  expect(JSON.stringify(resetEvent)).not.toContain(oneTime);

  // 解除锁定: a lockout after wrong passwords, lifted.
  await spec.platform.dataSource.query(
    `UPDATE users SET failed_logins = 5, locked_until = now() + interval '30 minutes' WHERE id = $1`,
    [userId],
  );
  await page.reload();
  await page.getByLabel('按用户名或姓名查找').fill(username);
  await page.getByLabel('按用户名或姓名查找').press('Enter');
  await onlyRows(page, 1);
  await row.getByText('已锁定').waitFor();
  await screenshot(page, 'admin-users');
  await row.getByRole('button', { name: '解除锁定' }).click();
  const lift = page.getByRole('dialog').filter({ hasText: '登录锁定' });
  await lift.getByLabel('解除锁定理由').fill('本人来电核实身份');
  await lift.getByRole('button', { name: '解除锁定' }).click();
  await page.getByText('已解除 王丽（测试村工作专员） 的锁定').waitFor();
  expect((await admin.get(`/admin/users/${userId}`)).body.lockedUntil).toBeNull();
  const [unlocked] = await audited('user.unlocked');
  expect(unlocked.reason).toBe('本人来电核实身份');

  // 停用, after a confirmation: she can no longer sign in.
  await row.getByRole('button', { name: /停\s*用/ }).click();
  const disable = page.getByRole('dialog').filter({ hasText: '停用用户' });
  await disable.getByLabel('停用理由').fill('调离本村');
  await disable.getByRole('button', { name: /停\s*用/ }).click();
  await row.getByText('已停用').waitFor();
  expect((await admin.get(`/admin/users/${userId}`)).body.enabled).toBe(false);
  const [disabled] = await audited('user.updated');
  expect([disabled.after.enabled, disabled.reason]).toEqual([false, '调离本村']);
  const refused = await ApiClient.anonymous(spec.platform.baseUrl).post('/auth/login', {
    username,
    password: oneTime,
  });
  expect(refused.status).not.toBe(200);

  // 编辑: her name, as the list shows it.
  await row.getByRole('button', { name: /编\s*辑/ }).click();
  const edit = page.getByRole('dialog').filter({ hasText: '编辑用户：' });
  await edit.getByLabel('姓名').fill('王丽');
  await edit.getByRole('button', { name: /保\s*存/ }).click();
  await page.getByText('已保存 王丽').waitFor();
  await row.getByText('王丽', { exact: true }).waitFor();
  expect((await admin.get(`/admin/users/${userId}`)).body.displayName).toBe('王丽');
});

it.each(['desktop', 'laptop'] as const)(
  'shows every admin tab at %s without sideways scrolling',
  async (viewport) => {
    const page = await signInAsAdmin(viewport);
    for (const [label, path] of TABS) {
      await openTab(page, label, path);
      await until(
        async () => (await page.locator('.ant-spin-spinning, .ant-table-placeholder').count()) === 0,
      );
      await expectNoSidewaysScroll(page);
      await screenshot(page, `admin-${path}-${viewport}`);
    }
    // The county's tree: its township and village under it.
    await openTab(page, '辖区', 'jurisdictions');
    await page.getByText('测试镇', { exact: true }).waitFor();
    await page.getByText('测试村', { exact: true }).waitFor();
  },
);

it('adds a village under the township and renames it, each audited', async () => {
  const page = await signInAsAdmin('desktop');
  await openTab(page, '辖区', 'jurisdictions');
  const id = `${county.townshipId}301`;
  await page.getByRole('button', { name: '在测试镇下新增村(社区)' }).click();
  const add = page.getByRole('dialog').filter({ hasText: '在测试镇下新增村(社区)' });
  expect(await add.getByLabel('区划代码').inputValue()).toBe(county.townshipId);
  await add.getByLabel('区划代码').fill('12');
  await add.getByLabel('名称').fill('北流水村');
  await add.getByRole('button', { name: /保\s*存/ }).click();
  await add.getByText('应为 6–20 位数字的区划代码').waitFor();
  await add.getByLabel('区划代码').fill(id);
  await add.getByRole('button', { name: /保\s*存/ }).click();
  await page.getByText('北流水村', { exact: true }).waitFor();

  await page.getByRole('button', { name: '改名 北流水村' }).click();
  const rename = page.getByRole('dialog').filter({ hasText: '改名：北流水村' });
  await rename.getByLabel('名称').fill('南流水村');
  await rename.getByLabel('理由').fill('   ');
  await rename.getByRole('button', { name: /保\s*存/ }).click();
  await rename.getByText('不能只有空格').waitFor();
  await rename.getByLabel('理由').fill('县民政局区划名称变更通知');
  await rename.getByRole('button', { name: /保\s*存/ }).click();
  await page.getByText('南流水村', { exact: true }).waitFor();
  await screenshot(page, 'admin-jurisdictions');

  const place = await admin.get(`/admin/jurisdictions/${id}`);
  expect(place.body).toEqual(
    expect.objectContaining({ name: '南流水村', level: 'village', parentId: county.townshipId }),
  );
  expect((await audited('jurisdiction.created')).map((e) => e.after.name)).toContain('北流水村');
  const [renamed] = await audited('jurisdiction.updated');
  expect([renamed.before.name, renamed.after.name, renamed.reason]).toEqual([
    '北流水村',
    '南流水村',
    '县民政局区划名称变更通知',
  ]);
});

it('enters a far year’s holidays and an adjusted working day by clicking the days', async () => {
  // 2097: no deadline of any spec reaches it. Emptied first, so every run starts from the same year.
  const year = 2097;
  expect(
    (await admin.request('PUT', `/admin/holiday-calendars/${year}`, { holidays: [], adjustedWorkdays: [] }))
      .status,
  ).toBe(200);
  const page = await signInAsAdmin('desktop');
  await openTab(page, '节假日', 'calendar');
  await page.getByLabel('其他年份').fill(String(year));
  await page.getByRole('button', { name: /打\s*开/ }).click();
  await page.getByText('放假 0 天').waitFor();
  // A Monday off; a Saturday clicked twice: off, then worked (调休上班).
  await page.getByRole('button', { name: '2097-03-04', exact: true }).click();
  await page.getByRole('button', { name: '2097-03-09', exact: true }).click();
  await page.getByRole('button', { name: '2097-03-09 放假' }).click();
  await page.getByRole('button', { name: '2097-03-09 调休上班' }).waitFor();
  await page.getByText('放假 1 天').waitFor();
  await page.getByText('调休上班 1 天').waitFor();
  await page.getByRole('button', { name: `保存 ${year} 年节假日安排` }).click();
  await page.getByText(`已保存 ${year} 年节假日安排`).waitFor();
  await screenshot(page, 'admin-calendar');

  const saved = await admin.get(`/admin/holiday-calendars/${year}`);
  expect(saved.body).toEqual(
    expect.objectContaining({ holidays: ['2097-03-04'], adjustedWorkdays: ['2097-03-09'] }),
  );
  const [change] = await audited('holidayCalendar.updated');
  expect(change.after).toEqual({ holidays: ['2097-03-04'], adjustedWorkdays: ['2097-03-09'] });
});

it('shows other roles neither the menu entry nor the tabs', async () => {
  const { username } = await createUser(spec.platform.dataSource, 'countyOfficer', county.countyId);
  const page = await openPage(spec.browser, spec.platform.origin);
  await signIn(page, username);
  await page.getByRole('menuitem', { name: '案件查询' }).waitFor();
  expect(await page.getByRole('menuitem', { name: '系统管理' }).count()).toBe(0);
  await page.goto('/admin/policy');
  await page.getByText('系统管理仅限系统管理员').waitFor();
  expect(await page.getByRole('tab').count()).toBe(0);
});
