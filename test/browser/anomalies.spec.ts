// Story 8's first sentence in the browser: the inspector opens the favouritism report and finds the
// caseworker who tried to approve the survey of her own brother's household (a declared relative); the
// platform refused the decision and recorded the attempt, and the report shows it with the evidence, links
// it to the case's full history and exports it. The attempt is made through the API beforehand.

import { randomInt } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { maskIdNumber } from '@libs/domain';
import { syntheticApplication } from '../../scripts/lib/synthetic-households';
import { browserSpec, openPage, screenshot, signIn } from '../support/browser';
import { createCounty, type TestCounty } from '../support/county';
import * as forms from '../support/forms';
import { ApiClient } from '../support/platform';
import { createUser } from '../support/users';

const spec = browserSpec();

const STORY_MS = 300_000;
const BROTHER = `钱${['守田', '长庚', '福海', '来顺'][randomInt(4)]}${randomInt(100, 1000)}`;
const SISTER = `钱${['秀兰', '桂芳', '玉梅'][randomInt(3)]}`;

let county: TestCounty;
let caseId: string;
let brotherIdNumber: string;

beforeAll(async () => {
  county = await createCounty(spec.platform.dataSource, spec.platform.baseUrl);
  const application = syntheticApplication(county.villageId);
  application.members[0].name = BROTHER;
  brotherIdNumber = application.members[0].idNumber;
  const created = await county.caseworker.post('/cases', application);
  if (created.status !== 201) throw new Error(JSON.stringify(created.body));
  caseId = created.body.id;

  // The sister, a caseworker of the village, has declared her brother; her approval of his survey is refused.
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
  const survey = await spec.lifecycle.openTask(caseId, 'homeSurvey');
  const refused = await client.post(`/tasks/${encodeURIComponent(survey)}/complete`, {
    decision: 'approve',
    form: forms.homeSurvey(application.members),
  });
  if (refused.status !== 403) throw new Error(`expected the refusal: ${JSON.stringify(refused.body)}`);
}, STORY_MS);

describe('story 8: the favouritism report in the browser', () => {
  it(
    'shows the refused attempt with who, on whose household and why, links the history and exports it',
    async () => {
      const page = await openPage(spec.browser, spec.platform.origin, 'desktop');
      page.setDefaultTimeout(45_000);
      const [{ username }] = await spec.platform.dataSource.query(
        `SELECT username FROM users WHERE jurisdiction_id = $1 AND role = 'inspector'`,
        [county.countyId],
      );
      await signIn(page, username);
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
      await screenshot(page, 'anomalies-01-favouritism');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: /导出/ }).click(),
      ]);
      const csv = await readFile((await download.path())!, 'utf8');
      const line = csv.split(/\r?\n/).find((l) => l.includes(caseId));
      expect(line).toContain('申报亲属的办理被拒');
      expect(line).toContain(SISTER);
      expect(csv).not.toContain(brotherIdNumber);

      await row.getByRole('link', { name: '全程留痕' }).click();
      await page.waitForURL(`**/inspection/cases/${caseId}`);
      await page
        .getByRole('region', { name: '全程留痕' })
        .getByText(/回避（亲属）/)
        .first()
        .waitFor();
      await screenshot(page, 'anomalies-02-case-history');
      await page.context().close();
    },
    STORY_MS,
  );
});
