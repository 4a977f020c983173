// A case filed through the API for a synthetic household, as the ledger specs need one to hang entries on.

import { syntheticApplication } from '../../scripts/lib/synthetic-households';
import type { ApiClient, Platform } from './platform';

export interface FiledCase {
  id: string;
  /** The household head's full ID number, which the lists and exports mask. */
  headIdNumber: string;
  path: string;
}

/** The caseworker files a case in the village; its id, head's ID number and jurisdiction path. */
export async function fileCase(
  platform: Platform,
  caseworker: ApiClient,
  village: string,
): Promise<FiledCase> {
  const application = syntheticApplication(village);
  const created = await caseworker.post('/cases', application);
  expect(created.status).toBe(201);
  const [row] = await platform.dataSource.query('SELECT jurisdiction_path FROM cases WHERE id = $1', [
    created.body.id,
  ]);
  return { id: created.body.id, headIdNumber: application.members[0].idNumber, path: row.jurisdiction_path };
}
