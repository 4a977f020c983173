// The access matrix: each role, in the case's own jurisdiction and in another, against each case and
// task endpoint. Another jurisdiction's case or task is a 404; an action the role may not take a 403. A
// department officer sees only cases and tasks of their department's business (test/scope.spec.ts): this
// case has none, so even in the county it is a 404 to them.

import type { Role } from '@libs/domain';
import { syntheticApplication } from '../scripts/lib/synthetic-households';
import { createVillage } from './support/places';
import { ApiClient, type Platform, startPlatform } from './support/platform';
import { createUser } from './support/users';

let village: string; // this spec's own village in 东里镇, 沂源县
let platform: Platform;
let caseId: string;
let taskId: string;

type Place = 'own' | 'other';
const clients = new Map<string, ApiClient>();

// Where each role's "own" and "other" user sits: own contains the case's village, other does not.
const PLACES: Record<Role, Record<Place, string>> = {
  caseworker: { own: 'VILLAGE', other: '370323105201' },
  townshipReviewer: { own: '370323104', other: '370323105' },
  countyOfficer: { own: '370323', other: 'OTHER_COUNTY' },
  departmentOfficer: { own: '370323', other: 'OTHER_COUNTY' },
  supervisor: { own: '370323104', other: '370323105' },
  inspector: { own: '370323', other: 'OTHER_COUNTY' },
  admin: { own: '370323', other: 'OTHER_COUNTY' },
};
const ROLES = Object.keys(PLACES) as Role[];

beforeAll(async () => {
  platform = await startPlatform();
  village = await createVillage(platform.dataSource);
  // A second county, so county-level roles have an "other" jurisdiction too.
  await platform.dataSource.query(
    `INSERT INTO jurisdictions (id, name, level, parent_id, path) VALUES ('370324', '沂水县', 'county', NULL, '370324')
     ON CONFLICT (id) DO NOTHING`,
  );
  for (const role of ROLES) {
    for (const place of ['own', 'other'] as Place[]) {
      const named = PLACES[role][place];
      const jurisdiction = named === 'OTHER_COUNTY' ? '370324' : named === 'VILLAGE' ? village : named;
      const user = await createUser(platform.dataSource, role, jurisdiction);
      clients.set(`${role}:${place}`, await ApiClient.login(platform.baseUrl, user.username));
    }
  }
  const created = await clients.get('caseworker:own')!.post('/cases', syntheticApplication(village));
  caseId = created.body.id;
  taskId = `${caseId}:homeSurvey:1`;
});

afterAll(async () => {
  await platform?.stop();
});

const client = (role: Role, place: Place) => clients.get(`${role}:${place}`)!;

describe.each(ROLES)('%s', (role) => {
  it('reads the case and task in its own jurisdiction, and gets 404 for another', async () => {
    const seen = role === 'departmentOfficer' ? 404 : 200;
    expect((await client(role, 'own').get(`/cases/${caseId}`)).status).toBe(seen);
    expect((await client(role, 'own').get(`/tasks/${taskId}`)).status).toBe(seen);
    expect((await client(role, 'other').get(`/cases/${caseId}`)).status).toBe(404);
    expect((await client(role, 'other').get(`/tasks/${taskId}`)).status).toBe(404);
    expect((await client(role, 'other').get(`/cases/${caseId}/history`)).status).toBe(404);
  });

  it('sees the village task in its inbox only if it may work on it or oversees the place', async () => {
    const listed = async (place: Place) =>
      (await client(role, place).get(`/tasks?limit=100&villageId=${village}`)).body.items.map(
        (t: { id: string }) => t.id,
      );
    const oversees = ['supervisor', 'inspector', 'admin'].includes(role);
    expect((await listed('own')).includes(taskId)).toBe(role === 'caseworker' || oversees);
    expect(await listed('other')).not.toContain(taskId);
  });

  it('may claim and decide the caseworker’s task only as the caseworker of the place', async () => {
    const expected = role === 'caseworker' ? 200 : role === 'departmentOfficer' ? 404 : 403;
    const claim = await client(role, 'own').post(`/tasks/${taskId}/claim`, {});
    expect(claim.status).toBe(expected);
    if (claim.status === 200) await client(role, 'own').post(`/tasks/${taskId}/unclaim`, {});
    // A rejection without a reason is refused (400) only after access was granted.
    const decide = await client(role, 'own').post(`/tasks/${taskId}/complete`, { decision: 'reject' });
    expect(decide.status).toBe(role === 'caseworker' ? 400 : expected);
    const other = await client(role, 'other').post(`/tasks/${taskId}/claim`, {});
    expect(other.status).toBe(role === 'inspector' ? 403 : 404);
  });

  it('files an application only as caseworker, township reviewer or county officer, in scope', async () => {
    const mayFile = ['caseworker', 'townshipReviewer', 'countyOfficer'].includes(role);
    const own = await client(role, 'own').post('/cases', syntheticApplication(village));
    expect(own.status).toBe(mayFile ? 201 : 403);
    const other = await client(role, 'other').post('/cases', syntheticApplication(village));
    expect(other.status).toBe(mayFile ? 404 : 403);
  });
});
