// 纳入 with an Idempotency-Key: a repeat of an intake (a retry after the answer was lost, a double click with
// both requests in flight) answers the case the first one made and makes nothing new; the key reused for a
// different request is refused; each user's keys are their own; without a key nothing changes.

import { randomUUID } from 'node:crypto';
import { syntheticApplication } from '../scripts/lib/synthetic-households';
import { createCounty, type TestCounty } from './support/county';
import { type ApiClient, type Platform, startPlatform } from './support/platform';
import { signInNewUser } from './support/users';

let platform: Platform;
let county: TestCounty;
let colleague: ApiClient; // another caseworker of the same village

const withKey = (key: string) => ({ 'idempotency-key': key });

/** How many cases hold the person with this ID number. */
async function casesOf(idNumber: string): Promise<number> {
  const [row] = await platform.dataSource.query(
    `SELECT count(*)::int AS n FROM cases c JOIN household_members m ON m.household_id = c.household_id
     WHERE m.id_number = $1`,
    [idNumber],
  );
  return row.n;
}

beforeAll(async () => {
  platform = await startPlatform();
  county = await createCounty(platform.dataSource, platform.baseUrl);
  colleague = await signInNewUser(platform, 'caseworker', county.villageId);
});

afterAll(async () => {
  await platform?.stop();
});

describe('POST /cases with an Idempotency-Key', () => {
  it('answers a retried application with the case the first one made, and makes no second case', async () => {
    const application = syntheticApplication(county.villageId);
    const key = randomUUID();
    const first = await county.caseworker.post('/cases', application, withKey(key));
    expect(first.status).toBe(201);
    const retried = await county.caseworker.post('/cases', application, withKey(key));
    expect(retried.status).toBe(201);
    expect(retried.body).toMatchObject({ id: first.body.id, stage: first.body.stage });
    expect(await casesOf(application.members[0].idNumber)).toBe(1);
  });

  it('makes one case of a double click, both requests in flight at once', async () => {
    const application = syntheticApplication(county.villageId);
    const key = randomUUID();
    const answers = await Promise.all([
      county.caseworker.post('/cases', application, withKey(key)),
      county.caseworker.post('/cases', application, withKey(key)),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([201, 201]);
    expect(answers[1].body.id).toBe(answers[0].body.id);
    expect(await casesOf(application.members[0].idNumber)).toBe(1);
  });

  it('refuses the key reused for a different application, in Chinese, and records nothing of it', async () => {
    const key = randomUUID();
    const first = await county.caseworker.post(
      '/cases',
      syntheticApplication(county.villageId),
      withKey(key),
    );
    expect(first.status).toBe(201);
    const other = syntheticApplication(county.villageId);
    const reused = await county.caseworker.post('/cases', other, withKey(key));
    expect(reused.status).toBe(422);
    expect(reused.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(reused.body.message).toMatch(/Idempotency-Key 已用于另一份内容不同的登记/);
    expect(await casesOf(other.members[0].idNumber)).toBe(0);
  });

  it("keeps each user's keys their own: a colleague's application with the same key is a case of its own", async () => {
    const key = randomUUID();
    const mine = await county.caseworker.post('/cases', syntheticApplication(county.villageId), withKey(key));
    const theirs = await colleague.post('/cases', syntheticApplication(county.villageId), withKey(key));
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.body.id).not.toBe(mine.body.id);
  });

  it('answers a repeated department referral with its case as well', async () => {
    const { villageId, address, members } = syntheticApplication(county.villageId);
    const referral = { villageId, address, members, category: 'largeExpense', detail: '住院自付 8.6 万元' };
    const civilAffairs = county.department('civilAffairs');
    const key = randomUUID();
    const first = await civilAffairs.post('/cases/referrals', referral, withKey(key));
    const retried = await civilAffairs.post('/cases/referrals', referral, withKey(key));
    expect([first.status, retried.status]).toEqual([201, 201]);
    expect(retried.body.id).toBe(first.body.id);
    expect(await casesOf(members[0].idNumber)).toBe(1);
  });

  it('refuses a key that is not one (400, naming the header)', async () => {
    const response = await county.caseworker.post(
      '/cases',
      syntheticApplication(county.villageId),
      withKey('short'),
    );
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field: 'Idempotency-Key', message: expect.any(String) }]);
  });
});

describe('POST /cases without a key', () => {
  it('still refuses a repeat as a household already in an open case', async () => {
    const application = syntheticApplication(county.villageId);
    expect((await county.caseworker.post('/cases', application)).status).toBe(201);
    const repeated = await county.caseworker.post('/cases', application);
    expect(repeated.status).toBe(409);
    expect(repeated.body).toMatchObject({ code: 'OPEN_CASE_EXISTS' });
  });
});
