// 数据比对 in the browser: a department officer sees the data-check requests of the department, downloads the
// 比对请求表, fills it in (a "no hit" for every member and a row for somebody not asked about), uploads it and
// reads the report; the answered request leaves the list and the case goes on to the home survey.

import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { syntheticIdNumber } from '../../scripts/lib/synthetic-households';
import { openPage, screenshot, signIn, browserSpec } from '../support/browser';
import { createCounty } from '../support/county';
import { createUser } from '../support/users';

const spec = browserSpec();

/** The request sheet filled in: 无 for every member asked about, and one more row for a stranger. */
async function fillIn(file: Buffer, stranger: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file as unknown as ExcelJS.Buffer);
  const sheet = workbook.getWorksheet('比对请求')!;
  const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const column = (name: string) => headers.indexOf(name) + 1;
  let taskId = '';
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    taskId = row.getCell(column('任务编号')).text;
    row.getCell(column('比对结果')).value = '无';
  });
  const extra = sheet.addRow([]);
  extra.getCell(column('任务编号')).value = taskId;
  extra.getCell(column('姓名')).value = '张三';
  extra.getCell(column('身份证号')).value = stranger;
  extra.getCell(column('比对结果')).value = '无';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

it('a department officer answers the data check with the workbook and reads the upload’s report', async () => {
  const county = await createCounty(spec.platform.dataSource, spec.platform.baseUrl, {
    departments: [{ department: 'housing', connector: 'excel' }],
  });
  const { caseId, application } = await spec.lifecycle.apply(county);
  await spec.lifecycle.openTask(caseId, 'dataCheckAnswer', 'housing');
  const head = application.members.find((m) => m.relation === 'head')!;

  const { username } = await createUser(
    spec.platform.dataSource,
    'departmentOfficer',
    county.countyId,
    'housing',
  );
  const page = await openPage(spec.browser, spec.platform.origin);
  await signIn(page, username);
  await page.getByRole('menuitem', { name: '数据比对' }).click();
  await page.waitForURL('**/data-checks');
  const request = page.getByRole('row').filter({ hasText: head.name });
  await request.waitFor();
  expect(await request.textContent()).toContain('3 人');
  expect(await request.getByRole('link', { name: '逐户办理' }).getAttribute('href')).toMatch(/^\/tasks\//);
  await screenshot(page, 'department-data-checks');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '下载比对请求表' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^比对请求_住建局_\d{4}-\d{2}-\d{2}\.xlsx$/);
  const file = await readFile((await download.path())!);
  // An xlsx is a zip: it opens with the local file header PK\x03\x04.
  expect(file.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));

  const stranger = syntheticIdNumber(1980);
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: '上传比对结果' }).click(),
  ]);
  await chooser.setFiles({
    name: '比对结果.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await fillIn(file, stranger),
  });

  await page.getByText('上传结果').waitFor();
  await page.getByText(`已办结：${head.name}`).waitFor();
  const unmatched = page
    .getByRole('row')
    .filter({ hasText: `${stranger.slice(0, 6)}********${stranger.slice(-4)}` });
  await unmatched.waitFor();
  expect(await unmatched.textContent()).toContain('身份证号不是该比对请求所列的家庭成员');
  // The answered request has left the list.
  await page.getByText('暂无待比对的请求').waitFor();
  await screenshot(page, 'department-upload-report');

  await spec.lifecycle.openTask(caseId, 'homeSurvey');
});
