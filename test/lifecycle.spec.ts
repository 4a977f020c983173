// The whole household lifecycle on the real dev server, through the API as people use it: each path of
// issue #4 in a county of its own, with the notice, review and observation periods in seconds.

import { householdCaseWorkflowId } from '../libs/contracts/src';
import { syntheticApplication } from '../scripts/lib/synthetic-households';
import { type TestCounty, createCounty } from './support/county';
import * as forms from './support/forms';
import { recordHistory } from './support/histories';
import { type ApiClient, eventually, type Platform, startPlatform } from './support/platform';

let platform: Platform;

beforeAll(async () => {
  platform = await startPlatform();
});

afterAll(async () => {
  await platform?.stop();
});

/** The id of the open task of `kind` in the case (of its data check or measures too), once it is open. */
async function openTask(caseId: string, kind: string, department?: string): Promise<string> {
  return eventually(async () => {
    const [task] = await platform.dataSource.query(
      `SELECT id FROM tasks WHERE case_id = $1 AND kind = $2 AND status = 'open'
         AND ($3::text IS NULL OR department = $3) ORDER BY opened_at DESC LIMIT 1`,
      [caseId, kind, department ?? null],
    );
    return task?.id as string | undefined;
  });
}

async function complete(client: ApiClient, taskId: string, body: Record<string, unknown>) {
  const response = await client.post(`/tasks/${encodeURIComponent(taskId)}/complete`, body);
  if (response.status !== 200)
    throw new Error(`${taskId}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

async function caseRow(caseId: string) {
  const [row] = await platform.dataSource.query(
    'SELECT stage, status, outcome_reason, recognised_at, previous_case_id FROM cases WHERE id = $1',
    [caseId],
  );
  return row;
}

async function stageOf(caseId: string, stage: string) {
  return eventually(async () => ((await caseRow(caseId)).stage === stage ? true : undefined));
}

/** Each department answers its data-check request in its inbox, with the hits given (none by default). */
async function answerDataCheck(
  county: TestCounty,
  caseId: string,
  departments: string[],
  hits: Record<string, unknown[]> = {},
) {
  for (const department of departments) {
    await complete(county.department(department), await openTask(caseId, 'dataCheckAnswer', department), {
      decision: 'approve',
      form: { hits: hits[department] ?? [] },
    });
  }
}

type Application = ReturnType<typeof syntheticApplication>;

async function apply(county: TestCounty, overrides: Record<string, unknown> = {}) {
  const application = syntheticApplication(county.villageId, overrides);
  const created = await county.caseworker.post('/cases', application);
  if (created.status !== 201) throw new Error(JSON.stringify(created.body));
  return { caseId: created.body.id as string, application };
}

/** Home survey, appraisal and the notice (which passes by itself), up to the township review. */
async function villageProcedure(county: TestCounty, caseId: string, application: Application) {
  await complete(county.caseworker, await openTask(caseId, 'homeSurvey'), {
    decision: 'approve',
    form: forms.homeSurvey(application.members),
  });
  await complete(county.caseworker, await openTask(caseId, 'democraticAppraisal'), {
    decision: 'approve',
    form: forms.meeting(),
  });
  await complete(county.caseworker, await openTask(caseId, 'publicNotice'), {
    decision: 'approve',
    form: forms.publicNotice(),
  });
}

async function recognise(county: TestCounty, caseId: string, application: Application) {
  await villageProcedure(county, caseId, application);
  await complete(county.reviewer, await openTask(caseId, 'townshipReview'), { decision: 'approve' });
  await complete(county.officer, await openTask(caseId, 'recognition'), { decision: 'approve' });
}

describe('the ordinary case (scenario 1)', () => {
  it('goes from application through data check, recognition, support and review to exit, observation and closing', async () => {
    const county = await createCounty(platform.dataSource, platform.baseUrl, {
      departments: [
        { department: 'civilAffairs', connector: 'inbox' },
        { department: 'vehicles', connector: 'inbox' },
      ],
    });
    const { caseId, application } = await apply(county);
    await answerDataCheck(county, caseId, ['civilAffairs', 'vehicles']);
    await recognise(county, caseId, application);
    const detail = await county.officer.get(`/cases/${caseId}`);
    expect(detail.body.evaluation).toMatchObject({
      eligible: true,
      basis: 'quantitative',
      povertyLine: 6312,
    });

    await complete(county.officer, await openTask(caseId, 'supportPlan'), {
      decision: 'approve',
      form: forms.supportPlan(),
    });
    for (const department of ['civilAffairs', 'finance', 'humanResources', 'medicalInsurance']) {
      const officer = county.department(department);
      await complete(officer, await openTask(caseId, 'measureAcceptance', department), {
        decision: 'approve',
        form: {},
      });
      await complete(officer, await openTask(caseId, 'measureImplementation', department), {
        decision: 'approve',
        form: forms.measureReport(),
      });
    }
    for (let i = 0; i < 4; i++) {
      await complete(county.officer, await openTask(caseId, 'measureFollowUp'), {
        decision: 'approve',
        form: forms.followUp(),
      });
    }
    // Six months (three seconds here) on, the review: the data check runs again, then the caseworker finds
    // income risen above the line.
    await answerDataCheck(county, caseId, ['civilAffairs', 'vehicles']);
    const review = await openTask(caseId, 'periodicReview');
    await complete(county.caseworker, review, {
      decision: 'approve',
      form: forms.periodicReview(application.members, 'proposeExit', 7900),
    });
    await complete(county.caseworker, await openTask(caseId, 'villageRepresentativeMeeting'), {
      decision: 'approve',
      form: forms.meeting(),
    });
    await stageOf(caseId, 'closed');
    const handle = platform.temporal.workflow.getHandle(householdCaseWorkflowId(caseId));
    expect(await handle.result()).toMatchObject({ stage: 'closed', openTasks: [] });
    const ledgers = await platform.dataSource.query(
      'SELECT ledger, event FROM ledger_entries WHERE case_id = $1 ORDER BY recorded_at',
      [caseId],
    );
    expect(ledgers.map((l: { ledger: string; event: string }) => `${l.ledger}:${l.event}`)).toEqual(
      expect.arrayContaining([
        'identification:recognised',
        'support:planDrafted',
        'support:measureDone',
        'support:reviewed',
        'exit:exited',
        'exit:closed',
      ]),
    );
    recordHistory('ordinary-case-closed', caseId);
  });
});
