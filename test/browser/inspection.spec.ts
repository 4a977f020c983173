// Story 8 in the browser, in the order the inspector (县纪委监委) works: she opens the favouritism report and
// finds the caseworker who tried to approve the survey of her own brother's household (a declared relative),
// refused and recorded; she verifies the audit chain for the county and exports the identification ledger for
// the quarter. Then the override report: the case of story 2 (a disqualifying hit overridden with a reason and
// a photo) with its full history, reached from the report and from the case search. The attempt and the cases
// are made through the API beforehand.

import { randomInt } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { maskIdNumber } from '@libs/domain';
import { syntheticApplication } from '../../scripts/lib/synthetic-households';
import {
  PHOTO,
  browserSpec,
  chooseOption,
  openPage,
  screenshot,
  signIn,
  type VIEWPORTS,
} from '../support/browser';
import { createCounty, type TestCounty } from '../support/county';
import * as forms from '../support/forms';
import { ApiClient, eventually } from '../support/platform';
import { createUser } from '../support/users';

const spec = browserSpec();

const STORY_MS = 600_000;
const HEAD = `郑${['守田', '长庚', '福海', '来顺'][randomInt(4)]}${randomInt(100, 1000)}`;
const REASON = '经入户核实为2008年的三轮汽车，已报废无价值';
const BROTHER = `钱${['守田', '长庚', '福海', '来顺'][randomInt(4)]}${randomInt(100, 1000)}`;
const SISTER = `钱${['秀兰', '桂芳', '玉梅'][randomInt(3)]}`;

let county: TestCounty;
let caseId: string;
let headIdNumber: string;
let inspector: string;
let brotherCaseId: string;
let brotherIdNumber: string;

/** A page at the viewport signed in as the inspector, with room for a busy machine. */
async function inspectorPage(viewport: keyof typeof VIEWPORTS = 'desktop'): Promise<Page> {
  const page = await openPage(spec.browser, spec.platform.origin, viewport);
  page.setDefaultTimeout(45_000);
  await signIn(page, inspector);
  return page;
}

beforeAll(async () => {
  county = await createCounty(spec.platform.dataSource, spec.platform.baseUrl, {
    departments: [{ department: 'vehicles', connector: 'inbox' }],
  });
  const application = syntheticApplication(county.villageId);
  application.members[0].name = HEAD;
  headIdNumber = application.members[0].idNumber;
  const created = await county.caseworker.post('/cases', application);
  if (created.status !== 201) throw new Error(JSON.stringify(created.body));
  caseId = created.body.id;

  // Story 2: 车管 reports a car; the county centre sets the hit aside with a reason and a photo.
  await spec.lifecycle.answerDataCheck(county, caseId, ['vehicles'], {
    vehicles: [{ category: 'vehicle', idNumber: headIdNumber, detail: '登记机动车一辆（2008年三轮汽车）' }],
  });
  const review = await spec.lifecycle.openTask(caseId, 'hitReview');
  const photo = new FormData();
  photo.append('file', new Blob([PHOTO], { type: 'image/png' }), '三轮车照片.png');
  const uploaded = await county.officer.postForm(`/cases/${caseId}/attachments`, photo);
  if (uploaded.status !== 201) throw new Error(JSON.stringify(uploaded.body));
  await spec.lifecycle.complete(county.officer, review, {
    decision: 'approve',
    reason: REASON,
    form: { attachmentIds: [uploaded.body.id] },
  });
  // The village procedure, the township's review and the county's recognition: an entry in 认定台账.
  await spec.lifecycle.recognise(county, caseId, application);
  await eventually(async () => {
    const [entry] = await spec.platform.dataSource.query(
      `SELECT id FROM ledger_entries WHERE case_id = $1 AND ledger = 'identification'`,
      [caseId],
    );
    return entry;
  }, 60_000);
  ({ username: inspector } = await createUser(spec.platform.dataSource, 'inspector', county.countyId));

  // The sister, a caseworker of the village, has declared her brother; her approval of his survey is refused.
  const brothers = syntheticApplication(county.villageId);
  brothers.members[0].name = BROTHER;
  brotherIdNumber = brothers.members[0].idNumber;
  const applied = await county.caseworker.post('/cases', brothers);
  if (applied.status !== 201) throw new Error(JSON.stringify(applied.body));
  brotherCaseId = applied.body.id;
  await spec.lifecycle.answerDataCheck(county, brotherCaseId, ['vehicles']);
  const sister = await createUser(spec.platform.dataSource, 'caseworker', county.villageId);
  await spec.platform.dataSource.query('UPDATE users SET display_name = $2 WHERE id = $1', [
    sister.id,
    SISTER,
  ]);
  const client = await ApiClient.login(spec.platform.baseUrl, sister.username);
  const declared = await client.post('/me/relatives', {
    name: BROTHER,
    idNumber: brotherIdNumber,
    relation: 'sibling',
  });
  if (declared.status !== 201) throw new Error(JSON.stringify(declared.body));
  const survey = await spec.lifecycle.openTask(brotherCaseId, 'homeSurvey');
  const refused = await client.post(`/tasks/${encodeURIComponent(survey)}/complete`, {
    decision: 'approve',
    form: forms.homeSurvey(brothers.members),
  });
  if (refused.status !== 403) throw new Error(`expected the refusal: ${JSON.stringify(refused.body)}`);
}, STORY_MS);

describe('story 8: the inspector’s day in the browser', () => {
  it(
    'finds the refused attempt in the favouritism report with who, on whose household and why, and exports it',
    async () => {
      const page = await inspectorPage();
      await page.getByRole('menuitem', { name: '监督检查' }).click();
      await page.getByRole('tab', { name: '优亲厚友' }).click();
      const row = page.getByRole('row').filter({ hasText: BROTHER });
      await row.waitFor();
      const text = await row.innerText();
      expect(text).toContain('申报亲属的办理被拒');
      expect(text).toContain(SISTER);
      expect(text).toContain(`申报的亲属（${BROTHER}）是该户成员`);
      expect(text).toContain(maskIdNumber(brotherIdNumber));
      expect(text).not.toContain(brotherIdNumber);
      await screenshot(page, 'inspection-00-favouritism');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: /导出/ }).click(),
      ]);
      const csv = await readFile((await download.path())!, 'utf8');
      const line = csv.split(/\r?\n/).find((l) => l.includes(brotherCaseId));
      expect(line).toContain('申报亲属的办理被拒');
      expect(line).toContain(SISTER);
      expect(csv).not.toContain(brotherIdNumber);

      await row.getByRole('link', { name: '全程留痕' }).click();
      await page.waitForURL(`**/inspection/cases/${brotherCaseId}`);
      await page
        .getByRole('region', { name: '全程留痕' })
        .getByText(/回避（亲属）/)
        .first()
        .waitFor();
      await screenshot(page, 'inspection-00-favouritism-history');
      await page.context().close();
    },
    STORY_MS,
  );

  it(
    'verifies the audit chain and sees it intact',
    async () => {
      const page = await inspectorPage();
      await page.goto('/inspection');
      await page.getByRole('tab', { name: '留痕链校验' }).click();
      const verified = page.waitForResponse((r) => r.url().endsWith('/api/audit/verify'));
      // The first of 校验 and 全量校验.
      await page
        .getByRole('button', { name: /校\s*验/ })
        .first()
        .click();
      const report = await (await verified).json();
      expect(report).toMatchObject({ ok: true });
      await page.getByText('留痕链完整').waitFor();
      await page.getByText(`已校验 ${report.checked} 条操作记录，未发现删除或改动。`).waitFor();
      // Every row again, on request.
      const fully = page.waitForResponse((r) => r.url().endsWith('/api/audit/verify?full=true'));
      await page.getByRole('button', { name: '全量校验' }).click();
      expect(await (await fully).json()).toMatchObject({ ok: true, full: true });
      await page.getByText('全量', { exact: true }).waitFor();
      await screenshot(page, 'inspection-04-audit-chain');

      // The audit search finds the override by case and action.
      await page.getByRole('tab', { name: '留痕检索' }).click();
      await page.getByLabel('案件编号').fill(caseId);
      // A searchable select of many actions (a virtual list): typed, then picked.
      await page.getByLabel('操作', { exact: true }).fill('比对命中核实排除');
      await page.getByTitle('比对命中核实排除（dataCheck.overridden）', { exact: true }).click();
      await page.getByRole('button', { name: /查\s*询/ }).click();
      const found = page.getByRole('row').filter({ hasText: REASON });
      await found.waitFor();
      // The header and the one override: the unfiltered page, kept while the search loads, is gone.
      await page.getByRole('row').nth(2).waitFor({ state: 'detached' });
      expect(await page.getByRole('row').count()).toBe(2);
      await screenshot(page, 'inspection-05-audit-events');
      await page.context().close();
    },
    STORY_MS,
  );

  it(
    'exports the identification ledger of the township for the quarter as a CSV holding the recognised case',
    async () => {
      const page = await inspectorPage();
      await page.getByRole('menuitem', { name: '台账' }).click();
      await page.getByRole('tab', { name: '认定台账', selected: true }).waitFor();
      const narrowed = page.waitForResponse(
        (r) =>
          r.url().includes('/api/ledgers/identification?') &&
          r.url().includes(`jurisdictionId=${county.townshipId}`),
      );
      await chooseOption(page, '辖区', '测试镇');
      expect((await narrowed).status()).toBe(200);
      const row = page.getByRole('row').filter({ hasText: HEAD });
      await row.waitFor();
      expect(await row.innerText()).toContain('认定纳入');
      await screenshot(page, 'inspection-06-identification-ledger');

      const [download, exported] = await Promise.all([
        page.waitForEvent('download'),
        page.waitForResponse((r) => r.url().includes('/api/ledgers/identification/export?')),
        page.getByRole('button', { name: '导出 CSV' }).click(),
      ]);
      const quarter = Math.floor(new Date(Date.now() + 8 * 3_600_000).getUTCMonth() / 3);
      expect(download.suggestedFilename()).toMatch(/^认定台账_\d{4}-\d{2}-01_\d{4}-\d{2}-\d{2}\.csv$/);
      expect(download.suggestedFilename()).toContain(`-${String(quarter * 3 + 1).padStart(2, '0')}-01_`);
      const csv = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '');
      const lines = csv.trim().split(/\r?\n/);
      expect(lines[0]).toBe('登记时间,镇(街道),村(社区),户主,身份证号,事项,详情,案件编号');
      const line = lines.find((l) => l.includes(caseId));
      expect(line).toBeDefined();
      expect(line).toContain('测试镇');
      expect(line).toContain(HEAD);
      expect(line).toContain('认定纳入');
      expect(csv).not.toContain(headIdNumber);
      // Only this county's township: nothing of another county's cases.
      expect(lines.slice(1).every((l) => l.includes('测试镇'))).toBe(true);

      // The same ledger as a workbook: Chinese headers, the header row frozen, the time a date.
      const [workbookDownload] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: '导出 Excel' }).click(),
      ]);
      expect(workbookDownload.suggestedFilename()).toMatch(/^认定台账_.*\.xlsx$/);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile((await workbookDownload.path())!);
      const sheet = workbook.worksheets[0];
      expect(sheet.getRow(1).values).toEqual(expect.arrayContaining(['户主', '身份证号', '案件编号']));
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      const entry = sheet
        .getRows(2, sheet.rowCount - 1)!
        .find((r) => JSON.stringify(r.values).includes(caseId))!;
      expect(entry).toBeDefined();
      expect(entry.getCell(1).value).toBeInstanceOf(Date);
      expect(JSON.stringify(entry.values)).not.toContain(headIdNumber);
      await page.context().close();

      // A township of the county without cases: narrowed to it, the same quarter's ledger is empty.
      const otherTownship = `${county.countyId}102`;
      await spec.platform.dataSource.query(
        `INSERT INTO jurisdictions (id, name, level, parent_id, path) VALUES ($1, '另一镇', 'township', $2, $3)`,
        [otherTownship, county.countyId, `${county.countyId}.${otherTownship}`],
      );
      const window = new URL(exported.url()).searchParams;
      const ledgerOf = (place: string) =>
        county.inspector.get(
          `/ledgers/identification?from=${window.get('from')}&to=${window.get('to')}&jurisdictionId=${place}`,
        );
      expect((await ledgerOf(otherTownship)).body.items).toEqual([]);
      expect(
        (await ledgerOf(county.townshipId)).body.items.map((e: { caseId: string }) => e.caseId),
      ).toContain(caseId);

      // The ledger and the inspector's desk at a laptop's size.
      const laptop = await inspectorPage('laptop');
      await laptop.goto('/ledgers');
      await laptop.getByRole('tab', { name: '认定台账', selected: true }).waitFor();
      await laptop.getByRole('button', { name: '导出 CSV' }).waitFor();
      await screenshot(laptop, 'inspection-07-ledgers-1024');
      await laptop.goto('/inspection');
      await laptop.getByRole('row').filter({ hasText: HEAD }).waitFor();
      await screenshot(laptop, 'inspection-08-overrides-1024');
      await laptop.context().close();
    },
    STORY_MS,
  );

  it(
    'lists the override in the report and opens the case’s full history with who, why and the photo',
    async () => {
      const page = await inspectorPage();
      await page.getByRole('menuitem', { name: '监督检查' }).click();
      await page.getByRole('tab', { name: '比对命中排除' }).waitFor();
      const row = page.getByRole('row').filter({ hasText: HEAD });
      await row.waitFor();
      const text = await row.innerText();
      expect(text).toContain(REASON);
      expect(text).toContain('县相对贫困服务中心');
      expect(text).toMatch(/高档乘用车辆|三轮汽车/);
      expect(text).toContain(maskIdNumber(headIdNumber));
      expect(text).not.toContain(headIdNumber);
      await screenshot(page, 'inspection-01-override-report');

      // The report's export holds the override with who and why.
      const [report] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: /导出/ }).click(),
      ]);
      const reportCsv = await readFile((await report.path())!, 'utf8');
      const reportLine = reportCsv.split(/\r?\n/).find((l) => l.includes(caseId));
      expect(reportLine).toContain(REASON);
      expect(reportLine).toContain('县相对贫困服务中心');
      expect(reportCsv).not.toContain(headIdNumber);

      await row.getByRole('link', { name: '全程留痕' }).click();
      await page.waitForURL(`**/inspection/cases/${caseId}`);
      const history = page.getByRole('region', { name: '全程留痕' });
      const override = history.getByText('比对命中核实排除');
      await override.waitFor();
      // The reason shows twice: on the 比对命中复核 decision and on the override it made.
      expect(await history.getByText(`理由：${REASON}`).count()).toBe(2);
      await history.getByText('证据附件：三轮车照片.png').waitFor();
      await history.getByText(/被排除的命中：.*登记机动车一辆/).waitFor();
      // Who decided what: the township's approval and the county's recognition, each with its actor.
      await history.getByText('办理任务：镇(街道)审核（通过）').waitFor();
      await history.getByText('办理任务：县级认定（通过）').waitFor();
      expect(await history.innerText()).not.toContain(headIdNumber);
      await screenshot(page, 'inspection-02-case-history');

      // The same history from 案件查询: the case page links it for an inspector.
      await page.goto(`/cases?headName=${encodeURIComponent(HEAD)}`);
      await page.getByRole('link', { name: HEAD }).click();
      await page.waitForURL(`**/cases/${caseId}`);
      await page.getByRole('link', { name: '全程留痕' }).click();
      await page.waitForURL(`**/inspection/cases/${caseId}`);
      await page.getByRole('region', { name: '全程留痕' }).getByText('比对命中核实排除').waitFor();
      await page.context().close();

      const phone = await inspectorPage('phone');
      await phone.goto(`/inspection/cases/${caseId}`);
      await phone.getByRole('region', { name: '全程留痕' }).getByText('证据附件：三轮车照片.png').waitFor();
      const width = await phone.locator('html').evaluate((html: { scrollWidth: number }) => html.scrollWidth);
      expect(width).toBeLessThanOrEqual(390);
      await screenshot(phone, 'inspection-03-case-history-phone');
      await phone.context().close();
    },
    STORY_MS,
  );
});
