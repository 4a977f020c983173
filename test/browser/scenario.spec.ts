// SCENARIOS.md in the browser, each step taken by its role on its own screen: story 1 from the caseworker's
// application through the six departments' data check (five in their inboxes, 住建 by workbook), the survey,
// appraisal and notice on her phone, the township's approval and the county's recognition to the 1+N plan;
// a return by the township; a disqualifying hit overridden with a reason and a photo (story 2); an objection
// during the notice, investigated and upheld (story 4). Each story runs in a county of its own; steps the
// issue does not name are taken through the API.

import { randomInt } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import {
  DEFAULT_LIFECYCLE_POLICY,
  type Role,
  WELLBEING_INDICATOR_LABELS,
  WELLBEING_INDICATORS,
} from '@libs/domain';
import { DEMO_POLICY } from '../../scripts/lib/demo-county';
import { syntheticApplication, syntheticIdNumber } from '../../scripts/lib/synthetic-households';
import {
  browserSpec,
  chooseOption,
  openPage,
  pick,
  PHOTO,
  screenshot,
  signIn,
  tick,
  type VIEWPORTS,
  yesterday,
} from '../support/browser';
import { createCounty, type TestCounty } from '../support/county';
import { ApiClient } from '../support/platform';
import { createUser } from '../support/users';

const spec = browserSpec();

// Each story walks several screens as several people; beside the rest of the suite on two busy cores a
// screen has taken half a minute to come up, so the deadlines are generous (a quiet machine needs a tenth).
const STORY_MS = 300_000;
const STORY_1_MS = 900_000;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A button by its label: antd spaces out a two-character Chinese label (通 过), and an icon's name comes
 * first (paper-clip 上传附件); 通过 is not 不予通过.
 */
const button = (within: Page | Locator, label: string) =>
  within.getByRole('button', { name: new RegExp(`(^|\\s)${[...label].map(escape).join('\\s*')}$`) });

/** A new user of the role and place, signed in through the login screen at the viewport. */
async function signedIn(
  role: Role,
  at: string,
  options: { department?: string; viewport?: keyof typeof VIEWPORTS } = {},
): Promise<{ page: Page; api: ApiClient }> {
  const { username } = await createUser(spec.platform.dataSource, role, at, options.department);
  const page = await newTab(options.viewport ?? 'desktop');
  await signIn(page, username);
  return { page, api: await ApiClient.login(spec.platform.baseUrl, username) };
}

// One browser per viewport, each person in a tab of their own: the session lives in the tab
// (sessionStorage), and the tabs share the cached bundles, which keeps a dozen sign-ins quick.
const browsers = new Map<keyof typeof VIEWPORTS, BrowserContext>();

async function newTab(viewport: keyof typeof VIEWPORTS): Promise<Page> {
  const context = browsers.get(viewport);
  const page = context
    ? await context.newPage()
    : await openPage(spec.browser, spec.platform.origin, viewport);
  browsers.set(viewport, page.context());
  // Beside the rest of the suite on two cores a screen can take longer than openPage's 15 s.
  page.setDefaultTimeout(45_000);
  return page;
}

const close = (page: Page) => page.close();

/** The household's task of that kind in the 工作台's 待认领 (a row, or a card on a phone): opens it. */
async function openFromInbox(page: Page, kind: string, head: string): Promise<void> {
  await page.goto('/');
  await page.getByRole('tab', { name: /^待认领/ }).click();
  const phone = (page.viewportSize()?.width ?? 1280) < 600;
  const entry = page
    .getByRole(phone ? 'listitem' : 'row')
    .filter({ hasText: head })
    .filter({ has: page.getByRole('link', { name: kind, exact: true }) });
  await entry.getByRole('link', { name: kind, exact: true }).click();
  await page.waitForURL(/\/tasks\//);
}

/** Decides the open task with the button and waits for the page to say so. */
async function decide(page: Page, kind: string, decision: string): Promise<void> {
  await button(page, decision).click();
  await page.getByText(`「${kind}」已办理：${decision}`).waitFor();
}

/** A photo chosen with the upload button, once the case has it (the form keeps only its id). */
async function upload(page: Page, label: string, name: string): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), button(page, label).click()]);
  const uploaded = page.waitForResponse(
    (r) => r.url().endsWith('/attachments') && r.request().method() === 'POST',
  );
  await chooser.setFiles({ name, mimeType: 'image/png', buffer: PHOTO });
  expect((await uploaded).status()).toBe(201);
  await page.getByText(name).waitFor();
}

async function pickDate(page: Page, label: string): Promise<void> {
  await page.getByLabel(label).fill(yesterday());
  await page.getByLabel(label).press('Enter');
}

/** The case page, once its progress diagram shows `step` as the one in progress. */
async function caseAt(page: Page, caseId: string, step: string): Promise<void> {
  await page.goto(`/cases/${caseId}`);
  await page
    .getByRole('region', { name: '流程进度' })
    .filter({ hasText: new RegExp(`${escape(step)}\\s*进行中`) })
    .waitFor();
}

const timeline = (page: Page) => page.getByRole('region', { name: '办理记录' });

/** A household of this story's own naming, entered through the API by `caseworker`. */
async function applied(county: TestCounty, caseworker: ApiClient, head: string) {
  const application = syntheticApplication(county.villageId);
  application.members[0].name = head;
  const created = await caseworker.post('/cases', application);
  if (created.status !== 201) throw new Error(JSON.stringify(created.body));
  return { caseId: created.body.id as string, application };
}

describe('SCENARIOS.md walked in the browser, role by role', () => {
  it(
    'story 1: application, data check by inbox and workbook, the village procedure on a phone, review, recognition and the 1+N plan',
    async () => {
      const county = await createCounty(spec.platform.dataSource, spec.platform.baseUrl, {
        departments: DEMO_POLICY.dataCheckDepartments,
        // A notice of seconds; the half-year review at its usual distance, so the case stays in support.
        policy: { publicNotice: 'PT3S', reviewInterval: DEFAULT_LIFECYCLE_POLICY.reviewInterval },
      });
      const head = `孙${['德胜', '国强', '建华', '永福'][randomInt(4)]}${randomInt(100, 1000)}`;
      // A family of four: 23,200 yuan a year, 5,800 a head, below the line of 6,312.
      const members = [
        { name: head, idNumber: syntheticIdNumber(1968), relation: '户主', income: 12_000 },
        { name: '李秀梅', idNumber: syntheticIdNumber(1970), relation: '配偶', income: 8_000 },
        { name: `${head[0]}小军`, idNumber: syntheticIdNumber(2010, 2014), relation: '子女', income: 0 },
        { name: `${head[0]}老汉`, idNumber: syntheticIdNumber(1940, 1945), relation: '父母', income: 3_200 },
      ];

      // 村工作专员 enters the application at /cases/new.
      const { page: desk } = await signedIn('caseworker', county.villageId);
      await desk.getByRole('menuitem', { name: '新建申请' }).click();
      await desk.getByText('新建申请（个人申报）').waitFor();
      await desk.getByLabel('家庭住址').fill('测试村3组17号');
      for (const [index, member] of members.entries()) {
        if (index > 0) {
          await desk.getByRole('button', { name: '添加家庭成员' }).click();
          await chooseOption(desk, '与户主关系', member.relation, index);
        }
        await desk.getByLabel('姓名').nth(index).fill(member.name);
        await desk.getByLabel('身份证号码').nth(index).fill(member.idNumber);
        await desk.getByLabel('上年度收入（元）').nth(index).fill(String(member.income));
      }
      await tick(desk.getByLabel('因病'));
      await tick(desk.getByLabel(/申请人已签署授权承诺书/));
      await desk.getByLabel('签署日期').fill(yesterday());
      await desk.getByLabel('签署日期').press('Tab');
      await screenshot(desk, 'scenario-01-application');
      await button(desk, '提交').click();
      await desk.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
      const caseId = new URL(desk.url()).pathname.split('/').pop()!;
      await desk.getByRole('heading', { name: new RegExp(head) }).waitFor();
      await desk
        .getByRole('region', { name: '流程进度' })
        .filter({ hasText: /受理\s*已完成.*大数据比对\s*进行中/ })
        .waitFor();
      await timeline(desk).getByText('登记案件').waitFor();
      // Her 工作台 lists what she entered.
      await desk.goto('/');
      await desk.getByRole('tab', { name: /^我发起的/ }).click();
      await desk.getByRole('row').filter({ hasText: head }).waitFor();

      // Five departments answer "no hit" on their task pages, reached from their inboxes.
      const inboxes = DEMO_POLICY.dataCheckDepartments.filter((d) => d.connector === 'inbox');
      expect(inboxes).toHaveLength(5);
      for (const { department } of inboxes) {
        await spec.lifecycle.openTask(caseId, 'dataCheckAnswer', department);
        const { page } = await signedIn('departmentOfficer', county.countyId, { department });
        await openFromInbox(page, '部门比对反馈', head);
        await page.getByText('待比对的家庭成员').waitFor();
        await page.getByText('未发现命中').waitFor();
        if (department === 'civilAffairs') await screenshot(page, 'scenario-02-department');
        await decide(page, '部门比对反馈', '办结');
        await close(page);
      }

      // 住建 answers by workbook: downloaded, filled in (无 for every member), uploaded on 数据比对.
      await spec.lifecycle.openTask(caseId, 'dataCheckAnswer', 'housing');
      const { page: housing } = await signedIn('departmentOfficer', county.countyId, {
        department: 'housing',
      });
      await housing.getByRole('menuitem', { name: '数据比对' }).click();
      const request = housing.getByRole('row').filter({ hasText: head });
      await request.waitFor();
      expect(await request.textContent()).toContain('4 人');
      const [download] = await Promise.all([
        housing.waitForEvent('download'),
        button(housing, '下载比对请求表').click(),
      ]);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await readFile((await download.path())!)) as unknown as ExcelJS.Buffer);
      const sheet = workbook.getWorksheet('比对请求')!;
      const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
      let asked = 0;
      sheet.eachRow((row, number) => {
        if (number === 1) return;
        asked += 1;
        row.getCell(headers.indexOf('比对结果') + 1).value = '无';
      });
      expect(asked).toBe(4);
      const [chooser] = await Promise.all([
        housing.waitForEvent('filechooser'),
        button(housing, '上传比对结果').click(),
      ]);
      await chooser.setFiles({
        name: '比对结果_住建局.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: Buffer.from(await workbook.xlsx.writeBuffer()),
      });
      await housing.getByText(`已办结：${head}`).waitFor();
      await housing.getByText('暂无待比对的请求').waitFor();
      await screenshot(housing, 'scenario-03-workbook');
      await close(housing);

      // No hit anywhere: the case moves on to the home survey.
      await spec.lifecycle.openTask(caseId, 'homeSurvey');
      await caseAt(desk, caseId, '入户调查');
      await timeline(desk).getByText('比对完成').waitFor();

      // The caseworker in the household, on her phone: survey with a photo, appraisal, notice.
      const { page: phone } = await signedIn('caseworker', county.villageId, { viewport: 'phone' });
      await openFromInbox(phone, '入户调查', head);
      await pickDate(phone, '调查日期');
      const wages = phone.getByLabel('工资性收入');
      await wages.nth(3).waitFor();
      // One card per member, titled 姓名（关系）, in the order the form lists them (the summary's follow).
      const cards = (await phone.getByText(/^.+（(户主|配偶|子女|父母)）$/).allTextContents()).slice(0, 4);
      for (const [index, title] of cards.entries()) {
        const member = members.find((m) => title.startsWith(`${m.name}（`))!;
        await wages.nth(index).fill(String(member.income));
        for (const kind of ['经营净收入', '财产净收入', '转移净收入'])
          await phone.getByLabel(kind).nth(index).fill('0');
      }
      for (const indicator of WELLBEING_INDICATORS) {
        const secured = indicator !== 'income' && indicator !== 'medical';
        await pick(
          phone.getByRole('radiogroup', { name: WELLBEING_INDICATOR_LABELS[indicator] }),
          secured ? '是' : '否',
        );
      }
      await tick(phone.getByRole('checkbox', { name: '因病', exact: true }));
      await phone.getByLabel('调查情况说明').fill('入户核实：户主患慢性病长期服药，配偶务农，父亲年迈');
      await upload(phone, '拍照上传', '入户照片.png');
      await screenshot(phone, 'scenario-04-home-survey-phone');
      await decide(phone, '入户调查', '提交调查');

      await spec.lifecycle.openTask(caseId, 'democraticAppraisal');
      await openFromInbox(phone, '民主评议', head);
      await pickDate(phone, '会议日期');
      await phone.getByLabel('出席人数').fill('25');
      await phone.getByLabel('同意票').fill('23');
      await phone.getByLabel('反对票').fill('2');
      await phone.getByLabel('会议记录').fill('到会代表25人，23人同意，2人反对');
      await screenshot(phone, 'scenario-05-appraisal-phone');
      await decide(phone, '民主评议', '通过');

      await spec.lifecycle.openTask(caseId, 'publicNotice');
      await openFromInbox(phone, '村内公示', head);
      await pickDate(phone, '公示开始日期');
      await phone.getByLabel('公示地点').fill('测试村村务公开栏');
      await screenshot(phone, 'scenario-06-notice-phone');
      await decide(phone, '村内公示', '张贴公示');
      await close(phone);

      // The notice passes without objection: 镇(街道) approves.
      await spec.lifecycle.openTask(caseId, 'townshipReview', undefined, 30_000);
      const { page: township } = await signedIn('townshipReviewer', county.townshipId);
      await openFromInbox(township, '镇(街道)审核', head);
      await township.getByLabel('审核意见').fill('经审核，家庭人均收入低于相对贫困线，同意上报');
      await screenshot(township, 'scenario-07-township-review');
      await decide(township, '镇(街道)审核', '通过');
      await close(township);

      // 县中心 recognises, then drafts the 1+N plan.
      await spec.lifecycle.openTask(caseId, 'recognition');
      const { page: centre } = await signedIn('countyOfficer', county.countyId);
      await openFromInbox(centre, '县级认定', head);
      await centre.getByText('符合认定条件').waitFor();
      await centre.getByLabel('审核意见').fill('认定为相对贫困家庭');
      await screenshot(centre, 'scenario-08-recognition');
      await decide(centre, '县级认定', '通过');
      await caseAt(desk, caseId, '制定帮扶计划');
      await timeline(desk).getByText('办理任务：县级认定（通过）').waitFor();

      await spec.lifecycle.openTask(caseId, 'supportPlan');
      await openFromInbox(centre, '制定帮扶计划', head);
      const choose = (label: string, option: string, nth: number) => chooseOption(centre, label, option, nth);
      // 1 = 低保 + 防贫保险 (illness cover); each item's department follows its type.
      await centre.getByRole('button', { name: '添加兜底保障' }).click();
      await choose('兜底保障类型', '低保', 0);
      await centre.getByLabel('每月金额').nth(0).fill('560');
      await centre.getByRole('button', { name: '添加兜底保障' }).click();
      await choose('兜底保障类型', '防贫保险', 1);
      await tick(centre.getByLabel('因病'));
      // N = employment (人社) and medical (医保); 落实部门 counts the two safety-net items first.
      await centre.getByRole('button', { name: '添加帮扶措施' }).click();
      await choose('帮扶类别', '就业帮扶', 0);
      await choose('落实部门', '人社局', 2);
      await centre.getByLabel('措施内容').nth(0).fill('推荐到本村种植合作社务工');
      await centre.getByRole('button', { name: '添加帮扶措施' }).click();
      await choose('帮扶类别', '医疗帮扶', 1);
      await choose('落实部门', '医保局', 3);
      await centre.getByLabel('措施内容').nth(1).fill('慢性病门诊报销倾斜');
      await screenshot(centre, 'scenario-09-support-plan');
      await decide(centre, '制定帮扶计划', '确定计划');
      await close(centre);

      // The case page shows the plan with its four measures and the case in support.
      await spec.lifecycle.reachesStage(caseId, 'inSupport');
      await caseAt(desk, caseId, '帮扶中');
      const plan = desk.getByText('帮扶计划（1+N）');
      await plan.waitFor();
      const text = await desk.locator('body').innerText();
      for (const label of ['低保', '防贫保险', '就业帮扶', '医疗帮扶', '人社局', '医保局'])
        expect(text).toContain(label);
      expect(text).toMatch(/县级认定\s*已完成/);
      await screenshot(desk, 'scenario-10-case-in-support');
      await close(desk);
    },
    STORY_1_MS,
  );

  it(
    'a return by the township: the reviewer sends the case back to the survey with a reason; it is back in the caseworker’s inbox',
    async () => {
      const county = await createCounty(spec.platform.dataSource, spec.platform.baseUrl, {
        policy: { publicNotice: 'PT1S' },
      });
      const head = '钱守义';
      const { page: inbox, api } = await signedIn('caseworker', county.villageId);
      const { caseId, application } = await applied(county, api, head);
      await spec.lifecycle.villageProcedure({ ...county, caseworker: api }, caseId, application);
      await spec.lifecycle.openTask(caseId, 'townshipReview', undefined, 30_000);

      const { page: township } = await signedIn('townshipReviewer', county.townshipId);
      await openFromInbox(township, '镇(街道)审核', head);
      await township.getByLabel('审核意见').fill('收入材料不全');
      await button(township, '退回').click();
      const dialog = township.getByRole('dialog', { name: '退回' });
      await pick(dialog.getByRole('radiogroup', { name: '退回到' }), '入户调查');
      await dialog.getByLabel('退回理由').fill('配偶务工收入未计入，请重新入户调查');
      await screenshot(township, 'scenario-11-township-return');
      await dialog.getByRole('button', { name: '确认提交' }).click();
      await township.getByText('「镇(街道)审核」已办理：退回').waitFor();
      await close(township);

      // The survey is hers again, the reason on the case's record.
      await spec.lifecycle.openTask(caseId, 'homeSurvey');
      await inbox.goto('/');
      await inbox.getByRole('tab', { name: /^待认领/ }).click();
      const back = inbox.getByRole('row').filter({ hasText: head });
      await back.getByRole('link', { name: '入户调查', exact: true }).waitFor();
      await screenshot(inbox, 'scenario-12-returned-to-caseworker');
      await caseAt(inbox, caseId, '入户调查');
      await timeline(inbox).getByText('理由：配偶务工收入未计入，请重新入户调查').first().waitFor();
      await close(inbox);
    },
    STORY_MS,
  );

  it(
    'story 2: 车管 reports a car; the county officer overrides the hit with a reason and a photo, and the case goes on',
    async () => {
      const county = await createCounty(spec.platform.dataSource, spec.platform.baseUrl, {
        departments: [{ department: 'vehicles', connector: 'inbox' }],
      });
      const head = '周福田';
      const { caseId, application } = await applied(county, county.caseworker, head);
      await spec.lifecycle.answerDataCheck(county, caseId, ['vehicles'], {
        vehicles: [
          {
            category: 'vehicle',
            idNumber: application.members[0].idNumber,
            detail: '登记机动车一辆（2008年三轮汽车）',
          },
        ],
      });
      await spec.lifecycle.openTask(caseId, 'hitReview');

      const { page: centre } = await signedIn('countyOfficer', county.countyId);
      await openFromInbox(centre, '比对命中复核', head);
      await centre.getByText('登记机动车一辆（2008年三轮汽车）').waitFor();
      await centre.getByLabel(/核实排除的理由/).fill('经入户核实为2008年的三轮车，已无价值');
      await upload(centre, '上传附件', '三轮车照片.png');
      await screenshot(centre, 'scenario-13-hit-override');
      await decide(centre, '比对命中复核', '核实排除（说明理由）');

      // The case goes on to the home survey; the override and its evidence are on the case page.
      await spec.lifecycle.openTask(caseId, 'homeSurvey');
      await caseAt(centre, caseId, '入户调查');
      await timeline(centre).getByText('比对命中核实排除').waitFor();
      await timeline(centre).getByText('理由：经入户核实为2008年的三轮车，已无价值').first().waitFor();
      await centre.getByText('三轮车照片.png').waitFor();
      const [override] = await spec.platform.dataSource.query(
        `SELECT reason, after FROM audit_events WHERE case_id = $1 AND action = 'dataCheck.overridden'`,
        [caseId],
      );
      expect(override.reason).toBe('经入户核实为2008年的三轮车，已无价值');
      // The photo went with the decision: the inspectors' report links it.
      expect(override.after.attachmentIds).toHaveLength(1);
      await close(centre);
    },
    STORY_MS,
  );

  it(
    'story 4: an objection entered on the case page during the notice is investigated and upheld; the case is rejected',
    async () => {
      const county = await createCounty(spec.platform.dataSource, spec.platform.baseUrl, {
        policy: { publicNotice: 'PT10M' },
      });
      const head = '吴长顺';
      const { page: desk, api } = await signedIn('caseworker', county.villageId);
      const { caseId, application } = await applied(county, api, head);
      await spec.lifecycle.villageProcedure({ ...county, caseworker: api }, caseId, application);
      await spec.lifecycle.reachesStage(caseId, 'publicNotice');

      // A villager objects to the township while the notice hangs; the reviewer enters it on the case page.
      const { page: township } = await signedIn('townshipReviewer', county.townshipId);
      await caseAt(township, caseId, '村内公示');
      await township.getByRole('button', { name: '提出异议' }).click();
      const dialog = township.getByRole('dialog', { name: '提出异议' });
      await dialog.getByLabel('异议人').fill('村民张某');
      await dialog.getByLabel('异议内容').fill('该户在镇上经营一家超市，收入可观');
      await screenshot(township, 'scenario-14-objection');
      await button(dialog, '提交').click();
      await dialog.waitFor({ state: 'detached' });
      await close(township);

      // The caseworker investigates: 市场监管 confirms the licence and the turnover.
      await spec.lifecycle.openTask(caseId, 'objectionInvestigation');
      await openFromInbox(desk, '异议调查', head);
      await desk.getByText('该户在镇上经营一家超市，收入可观').waitFor();
      await desk.getByLabel('调查核实情况').fill('经市场监管局核实，该户营业执照在册，超市年营业额约30万元');
      await button(desk, '异议成立，不予认定').click();
      const refusal = desk.getByRole('dialog', { name: '异议成立，不予认定' });
      await refusal.getByLabel('不予通过的理由').fill('该户经营超市，家庭收入高于相对贫困线');
      await screenshot(desk, 'scenario-15-investigation');
      await refusal.getByRole('button', { name: '确认提交' }).click();
      await desk.getByText('「异议调查」已办理：异议成立，不予认定').waitFor();

      // The case ends at the notice, with the reason, and leaves nothing in her inbox.
      await spec.lifecycle.reachesStage(caseId, 'rejected');
      await desk.goto(`/cases/${caseId}`);
      const progress = desk.getByRole('region', { name: '流程进度' });
      await progress.filter({ hasText: /村内公示\s*在此终止/ }).waitFor();
      await desk.getByText('该户经营超市，家庭收入高于相对贫困线').first().waitFor();
      await timeline(desk).getByText('办理任务：异议调查（异议成立，不予认定）').waitFor();
      await close(desk);
    },
    STORY_MS,
  );
});
