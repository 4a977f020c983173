// 公示名单: the caseworker fills in the notice task's date and place, prints the village's sheet and posts the
// notice. The sheet, rendered to PDF by the browser as its print dialog would, lists the households waiting
// for their notice with masked ID numbers, the dates, the place and how to object; the draft survives the
// detour. The route answers only for a notice task the user may see.

import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { maskIdNumber } from '@libs/domain';
import { syntheticApplication } from '../../scripts/lib/synthetic-households';
import { type TestCounty, createCounty } from '../support/county';
import * as forms from '../support/forms';
import { SCREENSHOTS, browserSpec, openPage, screenshot, signIn, yesterday } from '../support/browser';
import { createUser } from '../support/users';

const spec = browserSpec();
let county: TestCounty;

/** An application of `head`'s household in the county's village, through the survey and the appraisal. */
async function awaitingNotice(head: string) {
  const application = syntheticApplication(county.villageId);
  application.members[0].name = head;
  const created = await county.caseworker.post('/cases', application);
  expect(created.status).toBe(201);
  const caseId = created.body.id as string;
  await spec.lifecycle.survey(county, caseId, application);
  await spec.lifecycle.complete(
    county.caseworker,
    await spec.lifecycle.openTask(caseId, 'democraticAppraisal'),
    {
      decision: 'approve',
      form: forms.meeting(),
    },
  );
  return { caseId, application, noticeTaskId: await spec.lifecycle.openTask(caseId, 'publicNotice') };
}

beforeAll(async () => {
  county = await createCounty(spec.platform.dataSource, spec.platform.baseUrl, {
    policy: { publicNotice: 'P7D' },
  });
});

it('prints the village notice sheet from the notice task, as a PDF with masked ID numbers, then posts the notice', async () => {
  const first = await awaitingNotice('李秀英');
  const second = await awaitingNotice('张德顺');
  const caseworker = await createUser(spec.platform.dataSource, 'caseworker', county.villageId);
  const page = await openPage(spec.browser, spec.platform.origin, 'desktop');
  page.setDefaultTimeout(30_000);
  await signIn(page, caseworker.username);
  await page.goto(`/tasks/${encodeURIComponent(first.noticeTaskId)}`);

  const print = page.getByRole('button', { name: '打印公示名单' });
  await print.waitFor();
  expect(await print.isDisabled()).toBe(true);
  const startsOn = yesterday();
  await page.getByLabel('公示开始日期').fill(startsOn);
  await page.getByLabel('公示开始日期').press('Enter');
  await page.getByLabel('公示地点').fill('测试村村务公开栏');
  await print.click();

  await page.getByRole('heading', { name: /相对贫困人口认定公示/ }).waitFor();
  await screenshot(page, 'notice-sheet');
  mkdirSync(SCREENSHOTS, { recursive: true });
  const pdfPath = join(SCREENSHOTS, 'notice-sheet.pdf');
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: pdfPath, format: 'A4', preferCSSPageSize: true });
  const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });

  const lastDay = new Date(Date.parse(`${startsOn}T00:00:00Z`) + 6 * 86_400_000);
  const chinese = (d: Date) => `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
  expect(text).toContain('拟将以下2户6人认定为相对贫困人口');
  expect(text).toContain(
    `公示期：${chinese(new Date(`${startsOn}T00:00:00Z`))}至${chinese(lastDay)}（共7天）`,
  );
  expect(text).toContain('公示地点：测试村村务公开栏');
  expect(text).toContain(`请于${chinese(lastDay)}`);
  for (const { application } of [first, second]) {
    const head = application.members[0];
    expect(text).toContain(head.name);
    expect(text).toContain(maskIdNumber(head.idNumber));
    for (const member of application.members) expect(text).not.toContain(member.idNumber);
    // Other members are not on the sheet.
    for (const member of application.members.slice(1)) expect(text).not.toContain(member.name);
  }
  // The page's own buttons stay off the paper.
  expect(text).not.toContain('返回公示任务');
  expect(text.split('\f').filter((p) => p.trim()).length).toBe(1);

  // Back at the task, the date and place are still there, and the notice is posted.
  await page.emulateMedia({ media: 'screen' });
  await page.getByRole('link', { name: '返回公示任务' }).click();
  await page.getByRole('button', { name: '张贴公示' }).waitFor();
  expect(await page.getByLabel('公示地点').inputValue()).toBe('测试村村务公开栏');
  await page.getByRole('button', { name: '张贴公示' }).click();
  await page.getByText(/「村内公示」已办理：张贴公示/).waitFor();

  // The posted household stays on its own task's sheet; the other household's sheet no longer lists it.
  const own = await county.caseworker.get(`/tasks/${encodeURIComponent(first.noticeTaskId)}/notice-sheet`);
  expect(own.body.households.map((h: { caseId: string }) => h.caseId)).toEqual([first.caseId, second.caseId]);
  const other = await county.caseworker.get(`/tasks/${encodeURIComponent(second.noticeTaskId)}/notice-sheet`);
  expect(other.body.households.map((h: { caseId: string }) => h.caseId)).toEqual([second.caseId]);
});

it('answers the sheet only for a notice task the user may see', async () => {
  const { caseId, noticeTaskId } = await awaitingNotice('赵春花');
  const path = `/tasks/${encodeURIComponent(noticeTaskId)}/notice-sheet`;

  const sheet = await county.reviewer.get(path);
  expect(sheet.status).toBe(200);
  expect(sheet.body.households.find((h: { caseId: string }) => h.caseId === caseId).idNumber).toMatch(
    /^\d{6}\*{8}\d{3}[\dX]$/,
  );

  const elsewhere = await createCounty(spec.platform.dataSource, spec.platform.baseUrl);
  const refused = await elsewhere.caseworker.get(path);
  expect(refused.status).toBe(404);
  expect(refused.body.message).toContain('不在您的管辖范围内');

  const [survey] = await spec.platform.dataSource.query(
    `SELECT id FROM tasks WHERE case_id = $1 AND kind = 'homeSurvey'`,
    [caseId],
  );
  const notNotice = await county.caseworker.get(`/tasks/${encodeURIComponent(survey.id)}/notice-sheet`);
  expect(notNotice.status).toBe(404);
  expect(notNotice.body.message).toContain('不是村内公示任务');

  const hostile = await county.caseworker.get(`/tasks/${encodeURIComponent('x\u0000y')}/notice-sheet`);
  expect(hostile.status).toBeGreaterThanOrEqual(400);
  expect(hostile.status).toBeLessThan(500);
});
