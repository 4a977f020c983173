// `npm run seed`: the test scale into a database of its own, twice; what a seeded caseworker sees and may do
// through the API, and the seeded audit chains verified as the platform verifies its own.

import { randomUUID } from 'node:crypto';
import { dropDatabase, resolveAuditSigningKeys, verifyAuditLog } from '@libs/persistence';
import { DEMO_PASSWORD } from '../scripts/lib/demo-county';
import { SEED_SCALES } from '../scripts/lib/seed/scales';
import { SeedRefused, seedDatabase } from '../scripts/lib/seed/seed-database';
import { type Platform, startPlatform, testEnv } from './support/platform';

const url = (() => {
  const base = new URL(testEnv().databaseUrl);
  base.pathname = `/changxiao_seed_spec_${process.pid}`;
  return base.toString();
})();
const quiet = () => undefined;

describe('npm run seed', () => {
  let platform: Platform;

  beforeAll(async () => {
    await dropDatabase(url);
  });

  afterAll(async () => {
    await platform?.stop();
    await dropDatabase(url);
  });

  it('seeds the test scale once: a second run adds nothing', async () => {
    const first = await seedDatabase(url, 'test', { log: quiet });
    const { townshipsPerCounty, villagesPerTownship, householdsPerCounty } = SEED_SCALES.test;
    expect(first.seededCounties).toBe(1);
    expect(first.counts.jurisdictions).toBe(1 + townshipsPerCounty * (1 + villagesPerTownship));
    expect(first.counts.households).toBe(householdsPerCounty);
    expect(first.counts.cases).toBeGreaterThanOrEqual(householdsPerCounty);
    expect(first.counts.tasks).toBeGreaterThan(first.counts.cases * 10);
    expect(first.openTasks).toBeGreaterThan(first.counts.cases);
    expect(first.counts.audit_chain_heads).toBe(first.counts.cases);
    for (const table of ['support_measures', 'ledger_entries', 'audit_events'] as const) {
      expect(first.counts[table]).toBeGreaterThan(0);
    }

    const second = await seedDatabase(url, 'test', { log: quiet });
    expect(second.seededCounties).toBe(0);
    expect(second.presentCounties).toBe(1);
    expect(second.counts).toEqual(first.counts);
  });

  it('refuses a scale other than the one the database was seeded at, in Chinese', async () => {
    await expect(seedDatabase(url, 'county', { log: quiet })).rejects.toThrow(SeedRefused);
    await expect(seedDatabase(url, 'county', { log: quiet })).rejects.toThrow(/按另一规模生成/);
  });

  it('lets a seeded caseworker sign in and see her inbox; a decision on a seeded task is refused with a 4xx', async () => {
    platform = await startPlatform({ settings: { DATABASE_URL: url } });
    const [task] = await platform.dataSource.query(
      `SELECT id, village_id, workflow_id FROM tasks
       WHERE status = 'open' AND candidate_role = 'caseworker' AND assignee_id IS NULL
         AND kind IN ('homeSurvey', 'democraticAppraisal', 'intake', 'villageRepresentativeMeeting')
       ORDER BY id LIMIT 1`,
    );
    expect(task.workflow_id).toMatch(/^seed-householdCase-/);
    const [{ open }] = await platform.dataSource.query(
      `SELECT count(*)::int AS open FROM tasks WHERE status = 'open' AND candidate_role = 'caseworker'
         AND village_id = $1`,
      [task.village_id],
    );

    const login = await fetch(`${platform.baseUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: `cw_${task.village_id}`, password: DEMO_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const auth = { authorization: `Bearer ${accessToken}` };
    const inbox = await fetch(`${platform.baseUrl}/tasks?limit=100`, { headers: auth });
    expect(inbox.status).toBe(200);
    const page = (await inbox.json()) as { items: { id: string }[] };
    expect(page.items.length).toBe(Math.min(open, 100));
    expect(page.items.map((item) => item.id)).toContain(task.id);

    // No workflow runs behind a seeded case: the decision cannot reach one, and the API says so as a 4xx.
    const completion = await fetch(`${platform.baseUrl}/tasks/${encodeURIComponent(task.id)}/complete`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({ decision: 'reject', reason: '经入户调查，家庭收入高于认定标准' }),
    });
    expect(completion.status).toBe(409);
    expect(await completion.json()).toMatchObject({
      code: 'CASE_WORKFLOW_MISSING',
      message: expect.stringContaining('流程已不在运行'),
    });
  });

  it('seeds audit chains that verify in full', async () => {
    const report = await verifyAuditLog(platform.dataSource, resolveAuditSigningKeys(platform.config), {
      full: true,
    });
    expect(report.breaks).toEqual([]);
    expect(report.ok).toBe(true);
    const [{ events }] = await platform.dataSource.query('SELECT count(*)::int AS events FROM audit_events');
    expect(report.checked).toBe(events);

    // As the platform audits a task: opened, then completed or cancelled once it is closed.
    const [audited] = await platform.dataSource.query(
      `SELECT count(*)::int AS tasks, count(*) FILTER (WHERE e.opened = 1
         AND e.closed = CASE WHEN t.status = 'open' THEN 0 ELSE 1 END)::int AS audited
       FROM tasks t LEFT JOIN (
         SELECT entity_id, count(*) FILTER (WHERE action = 'task.opened') AS opened,
           count(*) FILTER (WHERE action IN ('task.completed', 'task.cancelled')) AS closed
         FROM audit_events WHERE entity_type = 'task' GROUP BY entity_id) e ON e.entity_id = t.id
       WHERE t.workflow_id LIKE 'seed-%'`,
    );
    expect(audited.tasks).toBeGreaterThan(0);
    expect(audited.audited).toBe(audited.tasks);
  });
});
