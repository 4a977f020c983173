// 督查问责 the anomaly reports: each finds what is seeded for it in one county, with its evidence, and nothing
// in a clean county beside it (whose inspector sees nothing of the first). Seeds go through the API where
// the platform lets them happen; SQL only makes what time or an edit outside the platform would.

import { randomUUID } from 'node:crypto';
import { syntheticIdNumber } from '../scripts/lib/synthetic-households';
import { createCounty, type TestCounty } from './support/county';
import * as forms from './support/forms';
import { type Application, Lifecycle } from './support/lifecycle';
import { ApiClient, eventually, type Platform, startPlatform } from './support/platform';
import { createUser } from './support/users';

let platform: Platform;
let steps: Lifecycle;
let county: TestCounty;
let clean: TestCounty;

// The cases seeded in `county`, by what they carry.
const seeded: Record<string, string> = {};
let lifecycleApplication: Application;
let addedMemberId: string;
let refusedHeadId: string;

/** A caseworker of the county's village beside the county's own, with the name given. */
async function caseworker(of: TestCounty, name: string): Promise<{ id: string; client: ApiClient }> {
  const user = await createUser(platform.dataSource, 'caseworker', of.villageId);
  await platform.dataSource.query('UPDATE users SET display_name = $2 WHERE id = $1', [user.id, name]);
  return { id: user.id, client: await ApiClient.login(platform.baseUrl, user.username) };
}

async function declare(client: ApiClient, member: { name: string; idNumber: string }, relation: string) {
  const declared = await client.post('/me/relatives', {
    name: member.name,
    idNumber: member.idNumber,
    relation,
  });
  expect(declared.status).toBe(201);
}

/** Every finding of a report the client sees (following nextCursor), or the refusal. */
async function report(client: ApiClient, name: string, query = ''): Promise<any[]> {
  const items: any[] = [];
  let cursor: string | null = null;
  do {
    const response: { status: number; body: any } = await client.get(
      `/inspection/anomalies/${name}?limit=100${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(response.status).toBe(200);
    items.push(...response.body.items);
    cursor = response.body.nextCursor;
  } while (cursor);
  return items;
}

const ofCase = (items: any[], caseId: string, kind: string) =>
  items.filter((item) => item.caseId === caseId && item.kind === kind);

/** A case of another county, written as rows only, holding one ID number of a case of ours. */
async function caseElsewhere(member: { name: string; idNumber: string }): Promise<string> {
  const countyId = `8${Date.now() % 100_000}`.padEnd(6, '0');
  const villageId = `${countyId}101201`;
  await platform.dataSource.query(
    `INSERT INTO jurisdictions (id, name, level, parent_id, path) VALUES
       ($1::varchar, '外县', 'county', NULL, $1::varchar),
       ($2::varchar, '外县某村', 'village', $1::varchar, $1::varchar || '.' || $2::varchar)`,
    [countyId, villageId],
  );
  const householdId = randomUUID();
  const caseId = randomUUID();
  const [creator] = await platform.dataSource.query(`SELECT id FROM users WHERE username = 'admin'`);
  await platform.dataSource.query(
    `INSERT INTO households (id, village_id, address) VALUES ($1, $2, '外县某村 1 号')`,
    [householdId, villageId],
  );
  await platform.dataSource.query(
    `INSERT INTO household_members (id, household_id, name, id_number, relation) VALUES ($1, $2, $3, $4, 'head')`,
    [randomUUID(), householdId, member.name, member.idNumber],
  );
  await platform.dataSource.query(
    `INSERT INTO cases (id, household_id, workflow_id, channel, stage, status, village_id, jurisdiction_path,
       per_capita_income, application, created_by)
     VALUES ($1, $2, $3, 'application', 'homeSurvey', 'open', $4, $5, 3000, '{}', $6)`,
    [caseId, householdId, `elsewhere-${caseId}`, villageId, `${countyId}.${villageId}`, creator.id],
  );
  return caseId;
}

beforeAll(async () => {
  platform = await startPlatform();
  steps = new Lifecycle(platform);
  [county, clean] = [
    await createCounty(platform.dataSource, platform.baseUrl),
    await createCounty(platform.dataSource, platform.baseUrl),
  ];

  // 优亲厚友 (SCENARIOS story 8): a caseworker tries to approve the survey of her brother's household.
  const refused = await steps.apply(county);
  seeded.refused = refused.caseId;
  refusedHeadId = refused.application.members[0].idNumber;
  const sister = await caseworker(county, '测试专员甲');
  await declare(sister.client, refused.application.members[0], 'sibling');
  const surveyTask = await steps.openTask(refused.caseId, 'homeSurvey');
  const attempt = await sister.client.post(`/tasks/${encodeURIComponent(surveyTask)}/complete`, {
    decision: 'approve',
    form: forms.homeSurvey(refused.application.members),
  });
  expect(attempt.status).toBe(403);
  // ...and the task waits: 不作为 once its deadline is far behind (time made by SQL).
  await platform.dataSource.query(`UPDATE tasks SET due_at = now() - interval '30 days' WHERE id = $1`, [
    surveyTask,
  ]);

  // A relative declared only after the worker decided on the household.
  const decided = await steps.apply(county);
  seeded.relativeDecided = decided.caseId;
  const later = await caseworker(county, '测试专员乙');
  await steps.survey({ ...county, caseworker: later.client }, decided.caseId, decided.application);
  await declare(later.client, decided.application.members[1], 'inLaw');

  // Signals: the deciding worker shares the household's surname and is posted in its village...
  const zhao = await caseworker(county, '赵敏');
  const surnamed = await steps.apply(county, {
    members: [
      { name: '赵大山', idNumber: syntheticIdNumber(1960), relation: 'head', annualIncome: 9000 },
      { name: '孙秀英', idNumber: syntheticIdNumber(1962), relation: 'spouse', annualIncome: 2000 },
    ],
  });
  seeded.surname = surnamed.caseId;
  await steps.survey({ ...county, caseworker: zhao.client }, surnamed.caseId, surnamed.application);

  // ...or has declared a relative registered at the household's address, in another household.
  const neighbour = await steps.apply(county, { address: '测试村幸福路 8 号' });
  const sameAddress = await steps.apply(county, { address: '测试村幸福路8号' });
  seeded.sameAddress = sameAddress.caseId;
  seeded.escalated = neighbour.caseId;
  const cousin = await caseworker(county, '测试专员丙');
  await declare(cousin.client, neighbour.application.members[0], 'other');
  await steps.survey({ ...county, caseworker: cousin.client }, sameAddress.caseId, sameAddress.application);

  // 不作为: the supervisor escalates the neighbour's survey, and nobody takes it up.
  const neighbourSurvey = await steps.openTask(neighbour.caseId, 'homeSurvey');
  const escalate = await county.supervisor.post(
    `/supervision/tasks/${encodeURIComponent(neighbourSurvey)}/escalate-now`,
    { reason: '群众反映久拖未办' },
  );
  expect(escalate.status).toBe(202);
  await eventually(async () => {
    const rows = await platform.dataSource.query(
      `SELECT 1 FROM audit_events WHERE entity_id = $1 AND action = 'task.escalated'`,
      [neighbourSurvey],
    );
    return rows.length > 0 ? true : undefined;
  });

  // 虚报冒领: one member's ID number also in a case of another county.
  const twice = await steps.apply(county);
  seeded.twice = twice.caseId;
  seeded.elsewhere = await caseElsewhere(twice.application.members[0]);

  // A whole lifecycle: surveyed at the application's incomes, a member added outside the platform before the
  // half-yearly review, which finds far more income; then the plan is edited outside a review.
  const lifecycle = await steps.apply(county);
  seeded.lifecycle = lifecycle.caseId;
  lifecycleApplication = lifecycle.application;
  await steps.recognise(county, lifecycle.caseId, lifecycle.application);
  await steps.simplePlan(county, lifecycle.caseId);
  addedMemberId = syntheticIdNumber(1990);
  await platform.dataSource.query(
    `INSERT INTO household_members (id, household_id, name, id_number, relation, annual_income)
     SELECT $1, household_id, '王新来', $2, 'other', 0 FROM cases WHERE id = $3`,
    [randomUUID(), addedMemberId, lifecycle.caseId],
  );
  await steps.complete(county.caseworker, await steps.openTask(lifecycle.caseId, 'periodicReview'), {
    decision: 'approve',
    form: forms.periodicReview(
      [...lifecycle.application.members, { idNumber: addedMemberId }],
      'proposeExit',
      12_000,
    ),
  });
  await platform.dataSource.query(
    `UPDATE cases SET plan = jsonb_set(plan, '{note}', '"会后另加一项"') WHERE id = $1`,
    [lifecycle.caseId],
  );

  // The clean county: an application surveyed, appraised and posted by its own caseworker, as it should be.
  const fine = await steps.apply(clean);
  await steps.villageProcedure(clean, fine.caseId, fine.application);
}, 300_000);

afterAll(async () => {
  await platform?.stop();
});

describe('优亲厚友 favouritism', () => {
  it('shows the refused attempt on a declared relative, with who tried what', async () => {
    const [found] = ofCase(await report(county.inspector, 'favouritism'), seeded.refused, 'refusedAttempt');
    expect(found).toEqual(
      expect.objectContaining({
        kindLabel: '申报亲属的办理被拒',
        signal: false,
        worker: expect.objectContaining({ displayName: '测试专员甲', roleLabel: '村工作专员' }),
        evidence: expect.objectContaining({ attempt: 'decide' }),
      }),
    );
    expect(found.summary).toContain('办理任务被拒');
    // Masked like every answer: the relative's ID number is not in it.
    expect(JSON.stringify(found)).not.toContain(refusedHeadId);
  });

  it('shows a decision by a worker who declared a household member, even when declared afterwards', async () => {
    const [found] = ofCase(
      await report(county.inspector, 'favouritism'),
      seeded.relativeDecided,
      'relativeDecided',
    );
    expect(found.worker.displayName).toBe('测试专员乙');
    expect(found.evidence.relative).toEqual(expect.objectContaining({ relation: 'inLaw' }));
    expect(found.evidence.decisions).toEqual([expect.objectContaining({ taskKind: 'homeSurvey' })]);
    expect(found.summary).toContain('入户调查（通过');
  });

  it('marks the same surname in the same village and a relative at the same address as signals', async () => {
    const items = await report(county.inspector, 'favouritism');
    const [surname] = ofCase(items, seeded.surname, 'sameSurnameSameVillage');
    expect(surname).toEqual(expect.objectContaining({ signal: true, kindLabel: '同姓同村（线索）' }));
    expect(surname.evidence).toEqual(
      expect.objectContaining({ surname: '赵', members: [{ name: '赵大山', relation: 'head' }] }),
    );
    const [address] = ofCase(items, seeded.sameAddress, 'relativeAtSameAddress');
    expect(address.signal).toBe(true);
    expect(address.evidence.address).toBe('测试村幸福路8号');
    expect(address.worker.displayName).toBe('测试专员丙');
    // Nobody else's decisions: one finding per seeded case and kind.
    expect(
      items
        .filter((item) => item.signal)
        .map((item) => item.caseId)
        .sort(),
    ).toEqual([seeded.surname, seeded.sameAddress].sort());
  });
});

describe('虚报冒领 false claims', () => {
  it('shows an ID number also in a case of another county', async () => {
    const [found] = ofCase(await report(county.inspector, 'falseClaims'), seeded.twice, 'idNumberInTwoCases');
    expect(found.evidence).toEqual(
      expect.objectContaining({
        atTheSameTime: true,
        inAnotherCounty: true,
        otherCase: expect.objectContaining({ caseId: seeded.elsewhere, county: '外县' }),
      }),
    );
  });

  it('shows a review that found far more income than the survey, and the members it added', async () => {
    const items = await report(county.inspector, 'falseClaims');
    const [income] = ofCase(items, seeded.lifecycle, 'incomeBelowReview');
    expect(Number(income.evidence.ratio)).toBeGreaterThanOrEqual(1.5);
    // Incomes leave masked, as everywhere; the ratio says how far apart they are.
    expect(income.summary).toMatch(/入户调查人均收入.*半年核查人均收入/);
    const [members] = ofCase(items, seeded.lifecycle, 'membersChangedBeforeReview');
    expect(members.evidence.added).toHaveLength(1);
    expect(members.evidence.removed).toEqual([]);
    expect(JSON.stringify(members)).not.toContain(addedMemberId);
    expect(lifecycleApplication.members).toHaveLength(3);
  });
});

describe('不作为 inaction', () => {
  it('shows a task far past its deadline, and an escalation nobody acted on', async () => {
    const items = await report(county.inspector, 'inaction');
    const [overdue] = ofCase(items, seeded.refused, 'overdueTask');
    expect(overdue.evidence.taskKind).toBe('homeSurvey');
    expect(overdue.summary).toMatch(/已超期 \d+ 个工作日未办/);
    const [ignored] = ofCase(items, seeded.escalated, 'escalationIgnored');
    expect(ignored.evidence.escalationLevel).toBe(1);
    // Nothing else of the county is overdue yet; a threshold beyond the 30 days shows nothing.
    expect(items.filter((item) => item.kind === 'overdueTask')).toHaveLength(1);
    expect(
      (await report(county.inspector, 'inaction', '&kind=overdueTask&overdueWorkingDays=60')).length,
    ).toBe(0);
  });

  it('counts the overdue tasks by worker and by place', async () => {
    const summary = await county.inspector.get('/inspection/anomalies/inaction/summary');
    expect(summary.status).toBe(200);
    expect(summary.body.byJurisdiction).toEqual([
      expect.objectContaining({ jurisdictionId: county.villageId, overdue: 1 }),
    ]);
    expect(summary.body.byWorker).toEqual([expect.objectContaining({ overdue: 1 })]);
    const elsewhere = await clean.inspector.get('/inspection/anomalies/inaction/summary');
    expect(elsewhere.body).toEqual(expect.objectContaining({ byWorker: [], byJurisdiction: [] }));
  });
});

describe('决定后改动 edits after a decision', () => {
  it('shows the plan edited outside a review and the household changed since intake', async () => {
    const items = await report(county.inspector, 'editsAfterDecision');
    expect(items.map((item) => item.kind).sort()).toEqual([
      'membersChangedAfterIntake',
      'planChangedWithoutReview',
    ]);
    expect(items.every((item) => item.caseId === seeded.lifecycle)).toBe(true);
    const members = items.find((item) => item.kind === 'membersChangedAfterIntake');
    expect(members.evidence).toEqual(expect.objectContaining({ membersAtIntake: 3, membersNow: 4 }));
  });
});

describe('every report', () => {
  const REPORTS = ['favouritism', 'falseClaims', 'inaction', 'editsAfterDecision'];

  it('finds nothing in the clean county, whose inspector sees nothing of the other', async () => {
    for (const name of REPORTS) {
      expect({ name, items: await report(clean.inspector, name) }).toEqual({ name, items: [] });
    }
    const overrides = await clean.inspector.get('/inspection/overrides');
    expect(overrides.body.items).toEqual([]);
  });

  it('narrows to a kind and a place, and refuses a kind of another report', async () => {
    const kind = await report(county.inspector, 'favouritism', '&kind=refusedAttempt');
    expect(kind.map((item) => item.caseId)).toEqual([seeded.refused]);
    expect(await report(county.inspector, 'favouritism', `&jurisdictionId=${clean.villageId}`)).toEqual([]);
    const wrong = await county.inspector.get('/inspection/anomalies/favouritism?kind=overdueTask');
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toEqual([expect.objectContaining({ field: 'kind' })]);
    expect((await county.inspector.get('/inspection/anomalies/everything')).status).toBe(400);
  });

  it('is for inspectors and admins only', async () => {
    expect((await county.caseworker.get('/inspection/anomalies/favouritism')).status).toBe(403);
    expect((await county.supervisor.get('/inspection/anomalies/inaction/summary')).status).toBe(403);
    expect((await county.admin.get('/inspection/anomalies/favouritism')).status).toBe(200);
  });

  it('exports a CSV Excel opens, and audits each run and export with its filters', async () => {
    const file = await county.inspector.getBytes(
      '/inspection/anomalies/favouritism/export?kind=refusedAttempt',
    );
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('text/csv');
    const text = file.bytes.toString('utf8');
    expect(text.startsWith('\uFEFF发生时间,类型,线索/问题')).toBe(true);
    expect(text).toContain(seeded.refused);
    expect(text).toContain('申报亲属的办理被拒');
    const [inspector] = await platform.dataSource.query(
      `SELECT id FROM users WHERE jurisdiction_id = $1 AND role = 'inspector'`,
      [county.countyId],
    );
    const runs = await platform.dataSource.query(
      `SELECT action, entity_id, after FROM audit_events
       WHERE actor_id = $1 AND action IN ('inspection.report', 'inspection.export') ORDER BY id`,
      [inspector.id],
    );
    expect(runs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'inspection.report', entity_id: 'inaction' }),
        expect.objectContaining({
          action: 'inspection.export',
          entity_id: 'favouritism',
          after: expect.objectContaining({ filters: { kind: 'refusedAttempt' } }),
        }),
      ]),
    );
    await county.inspector.get('/inspection/overrides');
    const [overrides] = await platform.dataSource.query(
      `SELECT entity_id FROM audit_events WHERE actor_id = $1 AND action = 'inspection.report'
       AND entity_id = 'overrides'`,
      [inspector.id],
    );
    expect(overrides).toBeDefined();
  });
});
