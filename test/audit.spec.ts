// The audit log is append-only and hash-chained: the chain verifies, an edit breaks it where it was made,
// and only inspectors and admins may run the check.

import { checkAuditLog, resolveAuditSigningKeys } from '@libs/persistence';
import { syntheticApplication } from '../scripts/lib/synthetic-households';
import { createVillage } from './support/places';
import { ApiClient, type Platform, startPlatform } from './support/platform';
import { signInNewUser } from './support/users';

let platform: Platform;
let caseworker: ApiClient;
let caseId: string;

beforeAll(async () => {
  platform = await startPlatform();
  const village = await createVillage(platform.dataSource);
  caseworker = await signInNewUser(platform, 'caseworker', village);
  caseId = (await caseworker.post('/cases', syntheticApplication(village))).body.id;
});

afterAll(async () => {
  await platform?.stop();
});

it('verifies for an inspector, and is not for a caseworker', async () => {
  const inspector = await ApiClient.login(platform.baseUrl, 'inspector');
  const report = await inspector.get('/audit/verify');
  expect(report.status).toBe(200);
  expect(report.body.ok).toBe(true);
  expect(report.body.checked).toBeGreaterThan(0);
  expect((await caseworker.get('/audit/verify')).status).toBe(403);
});

it('refuses edits, and an edit made around the guard breaks the chain at that row', async () => {
  const [row] = await platform.dataSource.query(
    `SELECT id FROM audit_events WHERE case_id = $1 AND action = 'case.created'`,
    [caseId],
  );
  // The platform's role is refused by its grants, the owner by the trigger.
  await expect(
    platform.dataSource.query(`UPDATE audit_events SET reason = '改' WHERE id = $1`, [row.id]),
  ).rejects.toThrow(/permission denied/);
  await expect(
    platform.ownerDataSource.query(`UPDATE audit_events SET reason = '改' WHERE id = $1`, [row.id]),
  ).rejects.toThrow(/append-only/);

  // The owner, whom grants do not bind, on one snapshot while other specs write.
  const runner = platform.ownerDataSource.createQueryRunner();
  await runner.startTransaction('REPEATABLE READ');
  try {
    await runner.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_change');
    await runner.query(`UPDATE audit_events SET reason = '事后补录' WHERE id = $1`, [row.id]);
    const report = await checkAuditLog(runner.manager, resolveAuditSigningKeys(platform.config), {
      full: true,
    });
    expect(report).toMatchObject({ ok: false, brokenAt: String(row.id) });
  } finally {
    await runner.rollbackTransaction();
    await runner.release();
  }
});
