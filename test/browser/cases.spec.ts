// The case screens in the browser: a caseworker enters an application of four (an ID number typed wrong is
// told at once, a lower-case x is taken), lands on the case page with the members' ID numbers masked, the
// progress and the history; finds the case by head name and by ID number; a county officer reveals an ID
// number for a reason; another case is withdrawn with a reason; the case page at phone size.

import { randomInt } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { maskIdNumber } from '@libs/domain';
import { syntheticApplication, syntheticIdNumber } from '../../scripts/lib/synthetic-households';
import {
  chooseOption,
  launchBrowser,
  openPage,
  screenshot,
  signIn,
  tick,
  VIEWPORTS,
} from '../support/browser';
import { Lifecycle } from '../support/lifecycle';
import { ApiClient, type Platform, startPlatform } from '../support/platform';
import { createUser } from '../support/users';

const DONGLI_EAST = '370323104201';
// A head name of this run's own: the demo village holds other specs' cases too.
const HEAD = `周${['立春', '谷雨', '芒种', '白露'][randomInt(4)]}${randomInt(100, 1000)}`;

/** A valid ID number whose check character is X (typed below as a lower-case x). */
function idNumberEndingInX(): string {
  for (;;) {
    const idNumber = syntheticIdNumber(1975);
    if (idNumber.endsWith('X')) return idNumber;
  }
}

const MEMBERS = [
  { name: HEAD, idNumber: syntheticIdNumber(1960), relation: '户主', income: '9000' },
  { name: '吴秀英', idNumber: idNumberEndingInX(), relation: '配偶', income: '2400' },
  { name: '周小满', idNumber: syntheticIdNumber(2008, 2012), relation: '子女', income: '0' },
  { name: '周老汉', idNumber: syntheticIdNumber(1935, 1940), relation: '父母', income: '1200' },
];

let platform: Platform;
let browser: Browser;
let caseworker: { username: string };
let countyOfficer: { username: string };
/** The case entered in the browser, and another one entered through the API to be withdrawn. */
let caseId: string;
let otherCaseId: string;

beforeAll(async () => {
  [platform, browser] = await Promise.all([startPlatform(), launchBrowser()]);
  caseworker = await createUser(platform.dataSource, 'caseworker', DONGLI_EAST);
  countyOfficer = await createUser(platform.dataSource, 'countyOfficer', '370323');
  const api = await ApiClient.login(platform.baseUrl, caseworker.username);
  const created = await api.post('/cases', syntheticApplication(DONGLI_EAST));
  if (created.status !== 201) throw new Error(JSON.stringify(created.body));
  otherCaseId = created.body.id;
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
}, 300_000);

/** A page with a longer deadline per step: the specs share two cores with the rest of the suite. */
async function open(viewport: keyof typeof VIEWPORTS = 'desktop'): Promise<Page> {
  const page = await openPage(browser, platform.origin, viewport);
  page.setDefaultTimeout(45_000);
  return page;
}

const bodyText = (page: Page) => page.locator('body').innerText();

/** Clicks 查询 and waits for the answer to the search whose query contains `filter`. */
async function search(page: Page, filter: string) {
  const answered = page.waitForResponse((r) => r.url().includes('/api/cases?') && r.url().includes(filter));
  await page.getByRole('button', { name: /查\s*询/ }).click();
  expect((await answered).status()).toBe(200);
  await page.getByRole('row').filter({ hasText: HEAD }).waitFor();
}

it('a caseworker enters an application of four and lands on its case page, ID numbers masked', async () => {
  const page = await open();
  await signIn(page, caseworker.username);
  await page.getByRole('menuitem', { name: '新建申请' }).click();
  await page.getByText('新建申请（个人申报）').waitFor();

  await page.getByLabel('家庭住址').fill('东里镇东里东村5组8号');
  for (const [index, member] of MEMBERS.entries()) {
    if (index > 0) await page.getByRole('button', { name: '添加家庭成员' }).click();
    await page.getByLabel('姓名').nth(index).fill(member.name);
    if (index > 0) await chooseOption(page, '与户主关系', member.relation, index);
    await page.getByLabel('上年度收入（元）').nth(index).fill(member.income);
  }
  const idInputs = page.getByLabel('身份证号码');
  // The head's number with a wrong check character is told as it is typed.
  const head = MEMBERS[0].idNumber;
  const wrongCheck = head.slice(0, 17) + (head[17] === '1' ? '2' : '1');
  await idInputs.nth(0).fill(wrongCheck);
  await page.getByText('身份证号码无效：校验码不正确').waitFor();
  await idInputs.nth(0).fill(head);
  await page.getByText('身份证号码无效：校验码不正确').waitFor({ state: 'detached' });
  // The spouse's X typed lower-case is accepted (and shown upper-case).
  await idInputs.nth(1).fill(MEMBERS[1].idNumber.toLowerCase());
  expect(await idInputs.nth(1).inputValue()).toBe(MEMBERS[1].idNumber);
  await idInputs.nth(2).fill(MEMBERS[2].idNumber);
  await idInputs.nth(3).fill(MEMBERS[3].idNumber);
  expect(await page.getByText('身份证号码无效').count()).toBe(0);

  await tick(page.getByLabel('因病'));
  await tick(page.getByLabel('缺劳动力'));
  await tick(page.getByLabel(/申请人已签署授权承诺书/));
  await page.getByLabel('签署日期').fill(new Date().toISOString().slice(0, 10));
  await page.getByLabel('签署日期').press('Tab');
  await screenshot(page, 'case-new-application');

  await page.getByRole('button', { name: /提\s*交/ }).dblclick();
  await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
  caseId = new URL(page.url()).pathname.split('/').pop()!;
  // The double click made one case.
  const [{ count }] = await platform.dataSource.query(
    `SELECT count(*)::int AS count FROM household_members WHERE id_number = $1`,
    [MEMBERS[0].idNumber],
  );
  expect(count).toBe(1);
  const refused = await platform.dataSource.query(
    `SELECT 1 FROM audit_events WHERE action = 'case.duplicateRefused' AND actor_username = $1`,
    [caseworker.username],
  );
  expect(refused).toHaveLength(0);

  await page.getByRole('heading', { name: new RegExp(HEAD) }).waitFor();
  const members = page.getByRole('row').filter({ hasText: /\*{8}/ });
  await members.nth(3).waitFor();
  expect(await members.count()).toBe(4);
  const text = await bodyText(page);
  for (const member of MEMBERS) {
    expect(text).toContain(maskIdNumber(member.idNumber));
    expect(text).not.toContain(member.idNumber);
  }
  // The demo county has no data-check departments: the case is at the home survey.
  const progress = page.getByRole('region', { name: '流程进度' });
  await progress.getByText(/进行中/).waitFor();
  expect(await progress.textContent()).toMatch(/受理已完成.*入户调查进行中/);
  const history = page.getByRole('region', { name: '办理记录' });
  await history.getByText('登记案件').waitFor();
  await history.getByText('进入阶段：入户调查').waitFor();
  await screenshot(page, 'case-page-desktop');
}, 300_000);

it('the caseworker finds the case by head name and by an ID number typed with a lower-case x', async () => {
  const page = await open();
  await signIn(page, caseworker.username);
  await page.getByRole('menuitem', { name: '案件查询' }).click();
  await page.getByLabel('户主姓名').fill(HEAD);
  await search(page, 'headName=');
  expect(await page.getByRole('row').filter({ hasText: HEAD }).count()).toBe(1);

  await page.getByLabel('户主姓名').fill('');
  await page.getByLabel('身份证号码').fill(MEMBERS[1].idNumber.toLowerCase());
  await page.getByText('按身份证号查询将记入留痕', { exact: false }).waitFor();
  await search(page, `idNumber=${MEMBERS[1].idNumber}`);
  expect(new URL(page.url()).searchParams.get('headName')).toBeNull();
  expect(await page.getByRole('row').filter({ hasText: HEAD }).count()).toBe(1);
  // The search by ID number is on the record, with the number masked.
  const audits = await platform.dataSource.query(
    `SELECT entity_id FROM audit_events WHERE action = 'case.searchedByIdNumber' AND actor_username = $1`,
    [caseworker.username],
  );
  // (A refetch, on the window regaining focus, is a search of its own and audited as one.)
  expect(audits.length).toBeGreaterThan(0);
  expect(new Set(audits.map((a: { entity_id: string }) => a.entity_id))).toEqual(
    new Set([maskIdNumber(MEMBERS[1].idNumber)]),
  );
  await screenshot(page, 'case-search');

  await page.getByRole('row').filter({ hasText: HEAD }).click();
  await page.waitForURL(`**/cases/${caseId}`);
}, 300_000);

it('a county officer reveals a member’s ID number for a reason', async () => {
  const page = await open();
  await signIn(page, countyOfficer.username);
  await page.goto(`/cases/${caseId}`);
  await page.getByRole('button', { name: '查看完整信息' }).click();
  const dialog = page.getByRole('dialog', { name: '查看完整个人信息' });
  await dialog.getByRole('button', { name: /查\s*看/ }).click();
  await dialog.getByText('请说明查看理由').waitFor();
  await dialog.getByLabel('查看理由').fill('县级认定前核实家庭成员身份');
  await dialog.getByRole('button', { name: /查\s*看/ }).click();
  await dialog.getByText(MEMBERS[1].idNumber).waitFor();
  await dialog.getByRole('button', { name: /关\s*闭/ }).click();
  // The reveal was audited, with the reason.
  const [audit] = await platform.dataSource.query(
    `SELECT reason FROM audit_events WHERE case_id = $1 AND action = 'personalData.revealed'`,
    [caseId],
  );
  expect(audit.reason).toBe('县级认定前核实家庭成员身份');
}, 300_000);

it('the caseworker withdraws another case with a reason, asked for at the field', async () => {
  const page = await open();
  await signIn(page, caseworker.username);
  await page.goto(`/cases/${otherCaseId}`);
  await page.getByRole('button', { name: '撤回申请' }).click();
  const dialog = page.getByRole('dialog', { name: '撤回申请' });
  await dialog.getByRole('button', { name: /提\s*交/ }).click();
  await dialog.getByText('请填写撤回理由').waitFor();
  await dialog.getByLabel('撤回理由').fill('申请人家庭收入已好转，本人申请撤回');
  await dialog.getByRole('button', { name: /提\s*交/ }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByText('已办结').first().waitFor();
  const history = page.getByRole('region', { name: '办理记录' });
  await history.getByText('理由：申请人家庭收入已好转，本人申请撤回').first().waitFor();
  expect((await new Lifecycle(platform).caseRow(otherCaseId)).stage).toBe('withdrawn');
  expect(await page.getByRole('button', { name: '撤回申请' }).count()).toBe(0);
}, 300_000);

it('the case page reads on a phone and at 1024×768', async () => {
  const page = await open('phone');
  await signIn(page, caseworker.username);
  await page.goto(`/cases/${caseId}`);
  await page.getByRole('heading', { name: new RegExp(HEAD) }).waitFor();
  await page.getByText('进入阶段：入户调查').waitFor();
  const width = await page.locator('html').evaluate((html: { scrollWidth: number }) => html.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
  await screenshot(page, 'case-page-phone');

  const laptop = await open('laptop');
  await signIn(laptop, caseworker.username);
  await laptop.goto(`/cases/${caseId}`);
  await laptop.getByText('进入阶段：入户调查').waitFor();
  const laptopWidth = await laptop
    .locator('html')
    .evaluate((html: { scrollWidth: number }) => html.scrollWidth);
  expect(laptopWidth).toBeLessThanOrEqual(1024);
}, 300_000);
