// 统计 in the browser: the county centre opens 统计 from the menu and sees the quarter's charts, then narrows to
// a village of the spec's own (the place in the URL, as a bookmarked view would) and reads its figures: one
// household of three recognised this quarter and in support at its end. Screenshots at 1280×800 and 390×844.

import { randomUUID } from 'node:crypto';
import { browserSpec, openPage, screenshot, signIn } from '../support/browser';
import { createVillage } from '../support/places';
import { createUser } from '../support/users';

const spec = browserSpec();

const CHART_TITLES = [
  '各辖区户数',
  '致贫原因（期末在帮扶户）',
  '帮扶措施（按部门和状态）',
  '按时办结率（按任务类型）',
];

it('shows the charts of the quarter and a village’s figures', async () => {
  const { platform } = spec;
  const villageId = await createVillage(platform.dataSource);
  const [{ name: villageName }] = await platform.dataSource.query(
    'SELECT name FROM jurisdictions WHERE id = $1',
    [villageId],
  );
  // A household of three recognised now: the read model as the workflow's activities leave it.
  const officer = await createUser(platform.dataSource, 'countyOfficer', '370323');
  const household = randomUUID();
  await platform.dataSource.query(
    `INSERT INTO households (id, village_id, address) VALUES ($1, $2, '测试地址')`,
    [household, villageId],
  );
  for (const [i, relation] of ['head', 'spouse', 'child'].entries()) {
    await platform.dataSource.query(
      `INSERT INTO household_members (id, household_id, name, id_number, relation)
       VALUES ($1, $2, $3, $4, $5)`,
      [randomUUID(), household, `统计${i}`, `98${String(Date.now()).slice(-9)}00000${i}X`, relation],
    );
  }
  const caseId = randomUUID();
  await platform.dataSource.query(
    `INSERT INTO cases (id, household_id, workflow_id, channel, stage, status, village_id, jurisdiction_path,
       per_capita_income, application, created_by, recognised_at)
     SELECT $1, $2, $3, 'application', 'inSupport', 'open', v.id, v.path, 4000, '{"povertyCauses": ["schooling"]}',
       $4, now()
     FROM jurisdictions v WHERE v.id = $5`,
    [caseId, household, `statistics-${caseId}`, officer.id, villageId],
  );

  const page = await openPage(spec.browser, platform.origin, 'desktop');
  page.setDefaultTimeout(45_000);
  await signIn(page, officer.username);
  await page.getByRole('menuitem', { name: /统计/ }).click();
  await page.waitForURL((url) => url.pathname === '/statistics');
  for (const title of CHART_TITLES) await page.getByText(title, { exact: true }).waitFor();
  await page.getByRole('figure', { name: '各辖区户数' }).waitFor();
  await screenshot(page, 'statistics-01-county');

  await page.goto(`/statistics?place=${villageId}`);
  const row = page.getByRole('row').filter({ hasText: villageName }).first();
  await row.waitFor();
  // 辖区, then 户 and 人 for 申请受理, 认定纳入, 期末在帮扶, 退出, 返贫纳入.
  const cells = (await row.getByRole('cell').allInnerTexts()).map((text) => text.trim());
  expect(cells).toEqual([villageName, '1', '3', '1', '3', '1', '3', '0', '0', '0', '0']);
  await page.getByText('3 人').first().waitFor();
  await page.getByRole('figure', { name: '致贫原因（期末在帮扶户）' }).getByText('因学').waitFor();
  await screenshot(page, 'statistics-02-village');
  await page.context().close();

  const phone = await openPage(spec.browser, platform.origin, 'phone');
  phone.setDefaultTimeout(45_000);
  await signIn(phone, officer.username);
  await phone.goto(`/statistics?place=${villageId}`);
  await phone.getByText('各辖区户数', { exact: true }).waitFor();
  await screenshot(phone, 'statistics-03-phone');
  await phone.context().close();
});
