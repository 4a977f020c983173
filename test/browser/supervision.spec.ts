// Story 6 in the browser: a township review of 东里镇 sits unclaimed past its deadline; the township
// supervisor has been told (level 1). The county supervisor finds it on the 督办 dashboard — drilling from
// the county's bar chart into 东里镇 — escalates it now to level 2 with a reason, and reassigns it to another
// township reviewer, who signs in and decides it. Screenshots of the dashboard at 1280×800 and 390×844.

import { randomUUID } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import { createVillage } from '../support/places';
import { browserSpec, chooseOption, openPage, screenshot, signIn, VIEWPORTS } from '../support/browser';
import type { TestCounty } from '../support/county';
import { ApiClient, eventually } from '../support/platform';
import { createUser } from '../support/users';

const spec = browserSpec();

const DONGLI = '370323104';
const STORY_MS = 300_000;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A button by its label: antd spaces out a two-character Chinese label (改 派). */
const button = (within: Page | Locator, label: string) =>
  within.getByRole('button', { name: new RegExp(`(^|\\s)${[...label].map(escape).join('\\s*')}$`) });

async function displayName(userId: string): Promise<string> {
  const [row] = await spec.platform.dataSource.query('SELECT display_name FROM users WHERE id = $1', [
    userId,
  ]);
  return row.display_name;
}

async function taskRow(taskId: string) {
  const [row] = await spec.platform.dataSource.query(
    'SELECT status, decision, escalation_level, assignee_id, decided_by FROM tasks WHERE id = $1',
    [taskId],
  );
  return row;
}

it(
  'story 6: the county supervisor finds an overdue township review on the dashboard, reassigns it, and the new reviewer decides it',
  async () => {
    const { platform, lifecycle } = spec;
    // A village of the spec's own in 东里镇: its name finds our task among everything else overdue there.
    const villageId = await createVillage(platform.dataSource, DONGLI);
    const [{ name: villageName }] = await platform.dataSource.query(
      'SELECT name FROM jurisdictions WHERE id = $1',
      [villageId],
    );
    const caseworker = await ApiClient.login(
      platform.baseUrl,
      (await createUser(platform.dataSource, 'caseworker', villageId)).username,
    );
    const county = { villageId, caseworker } as TestCounty;
    const { caseId, application } = await lifecycle.apply(county);
    await lifecycle.villageProcedure(county, caseId, application);
    const reviewId = await lifecycle.openTask(caseId, 'townshipReview', undefined, 30_000);

    // The review's deadline, counted in working days, passed over the holiday: the workflow's own timer is
    // days away, so the read model's deadline is moved back (the dashboard reads only that) and level 1 —
    // the township supervisor told — is asked for as the timer would.
    await platform.dataSource.query(`UPDATE tasks SET due_at = now() - interval '20 days' WHERE id = $1`, [
      reviewId,
    ]);
    const townshipSupervisor = await ApiClient.login(platform.baseUrl, 'sup_dongli');
    const level1 = await townshipSupervisor.post(
      `/supervision/tasks/${encodeURIComponent(reviewId)}/escalate-now`,
      { reason: '审核已超期，按时限逐级督办' },
    );
    expect(level1.status).toBe(202);
    await eventually(async () => ((await taskRow(reviewId)).escalation_level === 1 ? true : undefined));

    // The reviewer the county supervisor will hand it to, in 东里镇 beside the demo one.
    const newReviewer = await createUser(platform.dataSource, 'townshipReviewer', DONGLI);
    const newReviewerName = await displayName(newReviewer.id);

    // The county supervisor's dashboard.
    const desk = await openPage(spec.browser, platform.origin, 'desktop');
    desk.setDefaultTimeout(30_000);
    await signIn(desk, 'sup_county');
    await desk.getByRole('menuitem', { name: /督办/ }).click();
    await desk.waitForURL(/\/supervision$/);
    const byPlace = desk.getByRole('figure', { name: '按辖区的超期与临期任务' });
    await byPlace.getByText('东里镇', { exact: true }).first().waitFor();
    await desk
      .getByRole('figure', { name: '按超期时长的超期任务' })
      .getByText('7天以上', { exact: true })
      .waitFor();
    await screenshot(desk, 'supervision-dashboard-desktop');

    // Drill into 东里镇 by its bar's label; the breadcrumb leads back.
    await byPlace.getByText('东里镇', { exact: true }).first().click();
    const breadcrumb = desk.getByRole('navigation').filter({ hasText: '沂源县' });
    await breadcrumb.getByText('东里镇', { exact: true }).waitFor();
    await byPlace.getByText(villageName, { exact: true }).first().waitFor();

    // The breach list, narrowed to township reviews: ours names who was told.
    await chooseOption(desk, '任务类型', '镇(街道)审核');
    const breaches = desk.getByRole('table', { name: '超期任务' });
    const row = breaches.getByRole('row').filter({ hasText: villageName });
    await row.getByText('一级督办', { exact: true }).first().waitFor();
    await expect(row.innerText()).resolves.toMatch(/一级督办 .* 已通知：东里镇 .*东里镇督办负责人/);
    await expect(row.innerText()).resolves.toMatch(/未认领/);
    await screenshot(desk, 'supervision-drilled-desktop');

    // 立即督办 without a reason is refused at the field; with one the task goes to level 2, the county told.
    await button(row, '立即督办').click();
    const escalate = desk.getByRole('dialog', { name: /立即督办/ });
    await button(escalate, '立即督办').click();
    await escalate.getByText('请填写督办理由').waitFor();
    await escalate.getByLabel('督办理由').fill('春节后仍无人认领，县级督办');
    await button(escalate, '立即督办').click();
    await desk.getByText('已请求升级为二级督办').waitFor();
    await row.getByText('二级督办', { exact: true }).first().waitFor();
    await expect(row.innerText()).resolves.toMatch(/二级督办 .* 已通知：沂源县 .*县领导小组办公室/);
    expect((await taskRow(reviewId)).escalation_level).toBe(2);

    // 改派 to the other township reviewer: only people who may decide it are offered.
    await button(row, '改派').click();
    const reassign = desk.getByRole('dialog', { name: /改派/ });
    await chooseOption(desk, '接手人', newReviewerName);
    await screenshot(desk, 'supervision-reassign-desktop');
    await button(reassign, '确认改派').click();
    await desk.getByText(`已改派给「${newReviewerName}」`).waitFor();
    await row.getByText(newReviewerName).waitFor();
    expect((await taskRow(reviewId)).assignee_id).toBe(newReviewer.id);

    // Back up to the county with the breadcrumb.
    await breadcrumb.getByRole('link', { name: '沂源县' }).click();
    await breadcrumb.getByText('东里镇', { exact: true }).waitFor({ state: 'detached' });
    await byPlace.getByText('悦庄镇', { exact: true }).first().waitFor();

    // 流程异常: the supervisor reads them; only an admin may retry, and a refusal is shown in Chinese. The
    // incident names a workflow that has ended, so the retry is refused; it is resolved afterwards, so no
    // other spec's list of 沂源县 meets it.
    const incidentId = randomUUID();
    await platform.dataSource.query(
      `INSERT INTO incidents (id, case_id, workflow_id, step, error_type, error_message, retryable, jurisdiction_path)
       SELECT $1, $2, $3, 'recordDecision', 'ConnectorError', '民政部门接口超时', true, jurisdiction_path
       FROM cases WHERE id = $2`,
      [incidentId, caseId, `ended-${incidentId}`],
    );
    try {
      await desk.getByRole('tab', { name: '流程异常' }).click();
      const incidents = desk.getByRole('table', { name: '流程异常' });
      const incident = incidents.getByRole('row').filter({ hasText: '民政部门接口超时' });
      await incident.getByText(villageName).waitFor();
      expect(await button(incident, '重试').count()).toBe(0);
      const admin = await openPage(spec.browser, platform.origin, 'desktop');
      admin.setDefaultTimeout(30_000);
      await signIn(admin, 'admin');
      await admin.goto('/supervision');
      await admin.getByRole('tab', { name: '流程异常' }).click();
      const adminRow = admin
        .getByRole('table', { name: '流程异常' })
        .getByRole('row')
        .filter({ hasText: '民政部门接口超时' });
      await button(adminRow, '重试').click();
      const retry = admin.getByRole('dialog', { name: /重试/ });
      await retry.getByLabel('处理说明').fill('民政接口已恢复');
      await button(retry, '重试').click();
      await retry.getByText(/所在的流程已结束，无法重试/).waitFor();
      await screenshot(admin, 'supervision-incident-retry-refused');
      await admin.context().close();
    } finally {
      await platform.dataSource.query(
        `UPDATE incidents SET status = 'resolved', resolved_at = now() WHERE id = $1`,
        [incidentId],
      );
    }
    await desk.getByRole('tab', { name: /^超期任务/ }).click();

    // At 1024×768 the charts shrink with the page; nothing runs off its side.
    await desk.setViewportSize(VIEWPORTS.laptop);
    await byPlace.getByText('悦庄镇', { exact: true }).first().waitFor();
    expect(await desk.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(1024);
    await screenshot(desk, 'supervision-dashboard-laptop');

    // On a phone: the same dashboard, the list as cards.
    const phone = await openPage(spec.browser, platform.origin, 'phone');
    phone.setDefaultTimeout(30_000);
    await signIn(phone, 'sup_county');
    await phone.goto('/supervision');
    await phone
      .getByRole('figure', { name: '按辖区的超期与临期任务' })
      .getByText('东里镇', { exact: true })
      .first()
      .waitFor();
    await phone
      .getByRole('figure', { name: '每日新超期与逾期办结任务数' })
      .getByText('新超期')
      .first()
      .waitFor();
    const width = await phone.evaluate<number>('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(390);
    await screenshot(phone, 'supervision-dashboard-phone');

    // The new reviewer signs in and finds it in 我的待办, and decides it.
    const reviewer = await openPage(spec.browser, platform.origin, 'desktop');
    reviewer.setDefaultTimeout(30_000);
    await signIn(reviewer, newReviewer.username);
    await reviewer.getByRole('tab', { name: /^我的待办/ }).click();
    const entry = reviewer.getByRole('row').filter({ hasText: villageName });
    await entry.getByRole('link', { name: '镇(街道)审核', exact: true }).click();
    await reviewer.waitForURL(/\/tasks\//);
    await reviewer.getByLabel('审核意见').fill('经审核，家庭人均收入低于相对贫困线，同意上报');
    await button(reviewer, '通过').click();
    await reviewer.getByText('「镇(街道)审核」已办理：通过').waitFor();
    expect(await taskRow(reviewId)).toMatchObject({
      status: 'completed',
      decision: 'approve',
      decided_by: newReviewer.id,
    });
    await lifecycle.openTask(caseId, 'recognition');

    // Decided, it leaves the county's breach list.
    const county6 = await ApiClient.login(platform.baseUrl, 'sup_county');
    const left = await county6.get(`/supervision/breaches?jurisdictionId=${villageId}`);
    expect(left.status).toBe(200);
    expect(left.body.items.map((b: { taskId: string }) => b.taskId)).not.toContain(reviewId);
  },
  STORY_MS,
);
