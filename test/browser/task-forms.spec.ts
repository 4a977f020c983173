// The procedure's task forms in the browser: a caseworker's home survey (a refused amount shown at its field,
// then photos from the camera), the democratic appraisal and the notice on her phone; a township reviewer
// returns the case to the survey; a double click decides once; a draft survives a reload.

import type { Page } from 'playwright-core';
import { WELLBEING_INDICATOR_LABELS, WELLBEING_INDICATORS } from '@libs/domain';
import { syntheticApplication } from '../../scripts/lib/synthetic-households';
import { openPage, pick, screenshot, signIn, browserSpec, PHOTO, tick, yesterday } from '../support/browser';
import { ApiClient } from '../support/platform';
import { createUser } from '../support/users';

const spec = browserSpec();

const DONGLI_EAST = '370323104201';
const DONGLI = '370323104';

const taskPath = (id: string) => `/tasks/${encodeURIComponent(id)}`;

async function pickDate(page: Page, label: string) {
  await page.getByLabel(label).fill(yesterday());
  await page.getByLabel(label).press('Enter');
}

/** A caseworker's new application in 东里东村, straight to the home survey (the demo county has no data check). */
async function newCase() {
  const caseworker = await createUser(spec.platform.dataSource, 'caseworker', DONGLI_EAST);
  const client = await ApiClient.login(spec.platform.baseUrl, caseworker.username);
  const created = await client.post('/cases', syntheticApplication(DONGLI_EAST));
  expect(created.status).toBe(201);
  const caseId = created.body.id as string;
  return { caseworker, caseId, surveyId: await spec.lifecycle.openTask(caseId, 'homeSurvey') };
}

async function fillSurvey(page: Page, firstWages: string) {
  await pickDate(page, '调查日期');
  const wages = page.getByLabel('工资性收入');
  await wages.nth(2).waitFor();
  for (let i = 0; i < 3; i += 1) {
    await wages.nth(i).fill(i === 0 ? firstWages : '0');
    for (const kind of ['经营净收入', '财产净收入', '转移净收入'])
      await page.getByLabel(kind).nth(i).fill('0');
  }
  for (const indicator of WELLBEING_INDICATORS) {
    const secured = indicator !== 'medical';
    await pick(
      page.getByRole('radiogroup', { name: WELLBEING_INDICATOR_LABELS[indicator] }),
      secured ? '是' : '否',
    );
  }
  await tick(page.getByRole('checkbox', { name: '因病', exact: true }));
  await page.getByLabel('调查情况说明').fill('入户核实，户主长期患病，配偶务农');
}

it('a caseworker surveys, appraises and posts the notice on her phone; the township returns the case to the survey', async () => {
  const { caseworker, caseId, surveyId } = await newCase();
  const phone = await openPage(spec.browser, spec.platform.origin, 'phone');
  // Each task's form is its own chunk, loaded once the task is known: slow when the machine is busy.
  phone.setDefaultTimeout(30_000);
  await signIn(phone, caseworker.username);
  await phone.goto(taskPath(surveyId));
  await phone.getByLabel('调查日期').waitFor();
  await phone.getByRole('button', { name: /认\s*领/ }).click();
  await phone.getByText('已认领').waitFor();

  // An amount to the tenth of a fen: the server refuses it, at the field.
  await fillSurvey(phone, '1200.555');
  await phone.getByRole('button', { name: '提交调查' }).click();
  await phone.getByText('应为金额（元），至多两位小数').waitFor();
  expect((await spec.lifecycle.caseRow(caseId)).stage).toBe('homeSurvey');

  await phone.getByLabel('工资性收入').first().fill('1200.5');
  const [chooser] = await Promise.all([
    phone.waitForEvent('filechooser'),
    phone.getByRole('button', { name: '拍照上传' }).click(),
  ]);
  expect(chooser.isMultiple()).toBe(false);
  await Promise.all([
    phone.waitForResponse((r) => r.url().endsWith('/attachments') && r.request().method() === 'POST'),
    chooser.setFiles({ name: '住房.png', mimeType: 'image/png', buffer: PHOTO }),
  ]);
  await phone.getByText('住房.png').waitFor();
  await screenshot(phone, 'task-home-survey-phone');

  // A double click: one decision, one appraisal task.
  const completions: string[] = [];
  phone.on('request', (r) => {
    if (r.url().endsWith('/complete')) completions.push(r.headers()['idempotency-key']);
  });
  const clicked = Date.now();
  await phone.getByRole('button', { name: '提交调查' }).dblclick();
  await phone.waitForURL(
    (url) => url.pathname !== taskPath(surveyId) && !url.pathname.endsWith(encodeURIComponent(surveyId)),
  );
  await phone.getByText(/「入户调查」已办理：提交调查/).waitFor();
  const nextShownIn = Date.now() - clicked;
  expect(new Set(completions).size).toBe(1);
  const appraisals = await spec.platform.dataSource.query(
    `SELECT id FROM tasks WHERE case_id = $1 AND kind = 'democraticAppraisal'`,
    [caseId],
  );
  expect(appraisals).toHaveLength(1);
  const [survey] = await spec.platform.dataSource.query(`SELECT status, payload FROM tasks WHERE id = $1`, [
    surveyId,
  ]);
  expect(survey.status).toBe('completed');
  // From the click: validation, the decision and the next task. The budget (the next task within 1 s of the
  // decision) is measured by npm run bench on a quiet machine; here, beside other specs, a loose bound.
  expect(nextShownIn).toBeLessThan(10_000);

  // 民主评议 on the phone.
  await phone.goto(taskPath(appraisals[0].id));
  await pickDate(phone, '会议日期');
  await phone.getByLabel('出席人数').fill('25');
  await phone.getByLabel('同意票').fill('23');
  await phone.getByLabel('反对票').fill('2');
  await phone.getByLabel('会议记录').fill('到会代表25人，23人同意，2人反对');
  await screenshot(phone, 'task-appraisal-phone');
  await phone.getByRole('button', { name: /^通\s*过$/ }).click();
  await phone.getByText(/「民主评议」已办理：通过/).waitFor();

  // 村内公示.
  await phone.goto(taskPath(await spec.lifecycle.openTask(caseId, 'publicNotice')));
  await pickDate(phone, '公示开始日期');
  await phone.getByLabel('公示地点').fill('东里东村村务公开栏');
  await screenshot(phone, 'task-public-notice-phone');
  await phone.getByRole('button', { name: '张贴公示' }).click();
  await phone.getByText(/「村内公示」已办理：张贴公示/).waitFor();

  // The township reviewer returns the case to the survey, with a reason.
  const reviewer = await createUser(spec.platform.dataSource, 'townshipReviewer', DONGLI);
  const review = await spec.lifecycle.openTask(caseId, 'townshipReview');
  const desk = await openPage(spec.browser, spec.platform.origin, 'desktop');
  desk.setDefaultTimeout(30_000);
  await signIn(desk, reviewer.username);
  await desk.goto(taskPath(review));
  await desk.getByLabel('审核意见').fill('收入材料不全');
  await screenshot(desk, 'task-township-review');
  await desk.getByRole('button', { name: /^退\s*回$/ }).click();
  const steps = desk.getByRole('radiogroup', { name: '退回到' });
  expect(await steps.getByRole('radio').count()).toBe(2);
  await pick(steps, '入户调查');
  await desk.getByLabel('退回理由').fill('配偶务农收入未核实，请重新入户调查');
  await screenshot(desk, 'task-return-modal');
  await desk.getByRole('button', { name: '确认提交' }).click();
  await desk.getByText(/「镇\(街道\)审核」已办理：退回/).waitFor();

  // Back with the caseworker: a new survey, and the township's return in the case's record.
  const again = await spec.lifecycle.openTask(caseId, 'homeSurvey');
  expect(again).not.toBe(surveyId);
  const [returned] = await spec.platform.dataSource.query(
    `SELECT decision, reason FROM tasks WHERE id = $1`,
    [review],
  );
  expect(returned).toEqual({ decision: 'return', reason: '配偶务农收入未核实，请重新入户调查' });
  await phone.goto(taskPath(again));
  await phone.getByRole('button', { name: '提交调查' }).waitFor();
  expect(await phone.getByText('待办', { exact: true }).count()).toBeGreaterThan(0);

  // A draft survives a reload, and the decided survey reads as decided.
  await phone.getByLabel('调查情况说明').fill('第二次入户：配偶务农收入已核实');
  await phone.reload();
  await phone.getByRole('button', { name: '提交调查' }).waitFor();
  expect(await phone.getByLabel('调查情况说明').inputValue()).toBe('第二次入户：配偶务农收入已核实');
  await phone.goto(taskPath(surveyId));
  await phone.getByText('已办结：提交调查').waitFor();
}, 420_000);
