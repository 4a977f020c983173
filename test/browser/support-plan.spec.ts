// The support phase in the browser, one urgent household through it: the centre marks the case 特事特办 on
// its page (story 5), pays temporary assistance (临时救助) and draws up the 1+N plan; the department's
// officer accepts the transferred measure and reports it carried out; the centre records its effect
// (跟踪问效); the caseworker's half-year review (半年核查). The case is driven to the plan through the API;
// the steps run in order on the same case.

import type { Page } from 'playwright-core';
import { WELLBEING_INDICATOR_LABELS } from '@libs/domain';
import {
  browserSpec,
  chooseOption,
  openPage,
  pick,
  screenshot,
  signIn,
  tick,
  yesterday,
} from '../support/browser';
import { createCounty, type TestCounty } from '../support/county';
import { createUser } from '../support/users';

const spec = browserSpec();

let county: TestCounty;
let caseId: string;
let head: string;
let centre: Page;

beforeAll(async () => {
  county = await createCounty(spec.platform.dataSource, spec.platform.baseUrl);
});

// Each step walks a stretch of the lifecycle in workflows and browsers: minutes on a busy machine.
const STEP_TIMEOUT = 240_000;

const INDICATORS = Object.values(WELLBEING_INDICATOR_LABELS);

const taskPath = (id: string) => `/tasks/${encodeURIComponent(id)}`;

async function signedIn(
  role: 'countyOfficer' | 'departmentOfficer' | 'caseworker',
  department?: string,
  viewport?: 'laptop',
) {
  const at = role === 'caseworker' ? county.villageId : county.countyId;
  const { username } = await createUser(spec.platform.dataSource, role, at, department);
  const page = await openPage(spec.browser, spec.platform.origin, viewport);
  await signIn(page, username);
  return page;
}

it(
  'the centre marks the case urgent, pays temporary assistance at once and, once the household is recognised, draws up a 1+N plan',
  async () => {
    const applied = await spec.lifecycle.apply(county);
    caseId = applied.caseId;
    head = applied.application.members.find((m) => m.relation === 'head')!.name;

    // 1024×768: the forms fit the narrower screen too.
    centre = await signedIn('countyOfficer', undefined, 'laptop');
    // Story 5: a fire; the centre marks the case 特事特办 on its page, with the reason.
    await centre.goto(`/cases/${caseId}`);
    await centre.getByRole('button', { name: '特事特办' }).click();
    const marking = centre.getByRole('dialog');
    await marking.getByLabel('特事特办理由').fill('户主家中突发火灾，房屋损毁');
    await marking.getByRole('button', { name: /提\s*交/ }).click();
    await marking.waitFor({ state: 'hidden' });
    // Marked: the tag shows and the action is gone.
    await centre.getByText('特事特办', { exact: true }).waitFor();
    expect(await centre.getByRole('button', { name: '特事特办' }).count()).toBe(0);
    await screenshot(centre, 'case-marked-urgent');
    // The temporary assistance opens at once, urgent, and leads the centre's 紧急 tab.
    const assistance = await spec.lifecycle.openTask(caseId, 'temporaryAssistance');
    const [opened] = await spec.platform.dataSource.query(
      `SELECT urgent, due_at - opened_at <= interval '24 hours' AS within_a_day FROM tasks WHERE id = $1`,
      [assistance],
    );
    expect(opened).toEqual({ urgent: true, within_a_day: true });
    await centre.goto('/?tab=urgent');
    await centre.getByRole('row').filter({ hasText: head }).getByRole('link').first().click();
    await centre.waitForURL((url) => decodeURIComponent(url.pathname) === `/tasks/${assistance}`);
    await centre.getByLabel('救助金额').fill('0');
    await centre.getByRole('button', { name: '已救助' }).click();
    await centre.getByText('应大于 0').waitFor();
    await centre.getByLabel('救助金额').fill('3000');
    await centre.getByLabel('发放日期').fill(yesterday());
    await centre.getByLabel('发放日期').press('Enter');
    await centre.getByLabel('说明').fill('户主突发重病住院，先行救助');
    await screenshot(centre, 'temporary-assistance-form');
    await centre.getByRole('button', { name: '已救助' }).click();
    await centre.getByText(/已办理：已救助/).waitFor();

    await spec.lifecycle.recognise(county, caseId, applied.application);
    await centre.goto(taskPath(await spec.lifecycle.openTask(caseId, 'supportPlan')));
    await centre.getByRole('button', { name: '添加兜底保障' }).click();
    await chooseOption(centre, '兜底保障类型', '防贫保险');
    // The department follows the type: 防贫保险 is the finance bureau's.
    expect(await centre.getByTitle('财政局', { exact: true }).count()).toBeGreaterThan(0);
    await centre.getByRole('button', { name: '添加帮扶措施' }).click();
    await chooseOption(centre, '帮扶类别', '就业帮扶');
    await chooseOption(centre, '落实部门', '人社局', 1);

    // Without covers for the insurance and a description for the measure the plan is not sent.
    await centre.getByRole('button', { name: '确定计划' }).click();
    await centre.getByText('防贫保险须选择至少一项保障类型').waitFor();
    await centre.getByText('表单有误，请按提示修改').waitFor();
    await tick(centre.getByLabel('因病'));
    await tick(centre.getByLabel('因学'));
    await centre.getByLabel('措施内容').fill('推荐到县城物流园务工');
    await screenshot(centre, 'support-plan-form');
    await centre.getByRole('button', { name: '确定计划' }).click();
    await centre.getByText(/已办理：确定计划/).waitFor();
  },
  STEP_TIMEOUT,
);

it(
  'the department accepts the measure and reports it carried out; the centre records its effect',
  async () => {
    const acceptance = await spec.lifecycle.openTask(caseId, 'measureAcceptance', 'humanResources');
    await spec.lifecycle.openTask(caseId, 'measureAcceptance', 'finance');

    // The employment bureau's officer: the measure to accept, on the measures screen.
    const officer = await signedIn('departmentOfficer', 'humanResources');
    await officer.goto('/measures');
    const toAccept = officer.getByRole('row').filter({ hasText: head });
    await toAccept.waitFor();
    expect(await toAccept.textContent()).toContain('就业帮扶：推荐到县城物流园务工');
    // The finance bureau's insurance is not this officer's.
    expect(await officer.getByRole('row').filter({ hasText: '防贫保险' }).count()).toBe(0);
    await screenshot(officer, 'department-measures');
    await toAccept.getByRole('link', { name: '受理' }).click();
    await officer.waitForURL(`**${taskPath(acceptance)}`);
    // The task page waits for the case too; on a busy machine that has taken longer than the default.
    await officer.getByLabel('受理说明').waitFor({ timeout: 30_000 });
    await officer.getByLabel('受理说明').fill('已安排专人对接物流园');
    await officer.getByRole('button', { name: /接\s*收/ }).click();
    await officer.getByText(/已办理：接收/).waitFor();

    const implementation = await spec.lifecycle.openTask(caseId, 'measureImplementation', 'humanResources');
    await officer.goto('/measures');
    await officer.getByRole('tab', { name: '待落实' }).click();
    await officer
      .getByRole('tabpanel', { name: '待落实' })
      .getByRole('row')
      .filter({ hasText: head })
      .getByRole('link', { name: '报告落实情况' })
      .click();
    await officer.waitForURL(`**${taskPath(implementation)}`);
    await officer.getByLabel('落实日期').fill(yesterday());
    await officer.getByLabel('落实日期').press('Enter');
    await officer.getByLabel('落实情况').fill('户主已在物流园上岗，月工资 3200 元');
    await officer.getByLabel('落实金额').fill('500');
    await screenshot(officer, 'measure-implementation-form');
    await officer.getByRole('button', { name: '报告落实情况' }).click();
    await officer.getByText(/已办理：报告落实情况/).waitFor();

    // 跟踪问效: the centre sees what the department reported and records the effect.
    const followUp = await spec.lifecycle.openTask(caseId, 'measureFollowUp');
    await centre.goto(taskPath(followUp));
    await centre.getByText('户主已在物流园上岗，月工资 3200 元').waitFor();
    await pick(centre, '见效');
    await centre.getByLabel('成效说明').fill('家庭收入稳定增加');
    await screenshot(centre, 'measure-follow-up-form');
    await centre.getByRole('button', { name: '记录成效' }).click();
    await centre.getByText(/已办理：记录成效/).waitFor();
    const [measure] = await spec.platform.dataSource.query(
      `SELECT status, detail FROM support_measures WHERE case_id = $1 AND department = 'humanResources'`,
      [caseId],
    );
    expect(measure.status).toBe('done');
    expect(measure.detail.implementation).toMatchObject({ implementedOn: yesterday(), amount: 500 });
  },
  STEP_TIMEOUT,
);

it(
  'the caseworker reviews the household after half a year and proposes it go on being supported',
  async () => {
    const review = await spec.lifecycle.openTask(caseId, 'periodicReview');
    const caseworker = await signedIn('caseworker');
    await caseworker.goto(taskPath(review));
    // One line per member, named from the audited reveal of their ID numbers.
    const wages = caseworker.getByLabel('工资性收入');
    await wages.nth(2).waitFor();
    for (let i = 0; i < 3; i += 1) {
      await wages.nth(i).fill(i === 0 ? '4800' : '0');
      for (const kind of ['经营净收入', '财产净收入', '转移净收入'])
        await caseworker.getByLabel(kind).nth(i).fill('0');
    }
    for (const indicator of INDICATORS) {
      await pick(
        caseworker.getByRole('radiogroup', { name: indicator }),
        indicator === '收入达标' ? '否' : '是',
      );
    }
    await pick(caseworker, '继续帮扶');
    await caseworker.getByLabel('核查情况说明').fill('户主在物流园务工，收入仍低于相对贫困线');
    await screenshot(caseworker, 'periodic-review-form');
    await caseworker.getByRole('button', { name: '提交核查结论' }).click();
    await caseworker.getByText(/已办理：提交核查结论/).waitFor();
    const [reviewed] = await spec.platform.dataSource.query(
      `SELECT status, decision FROM tasks WHERE id = $1`,
      [review],
    );
    expect(reviewed).toEqual({ status: 'completed', decision: 'approve' });
  },
  STEP_TIMEOUT,
);
