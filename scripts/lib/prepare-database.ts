// Makes the read-model database ready: created if missing, migrated, and (optionally) the demo county seeded.

import type { DataSource } from 'typeorm';
import { DEFAULT_DATABASE_TIMEOUTS } from '@libs/config';
import { createDataSource, ensureDatabase } from '@libs/persistence';
import { seedDemoCounty } from './demo-county';

export interface PreparedDatabase {
  dataSource: DataSource;
  created: boolean;
  migrations: string[];
  seeded: boolean;
}

export async function prepareDatabase(url: string, seed: boolean): Promise<PreparedDatabase> {
  const created = await ensureDatabase(url);
  // A migration of a large table may run for minutes: no statement timeout here (0 turns it off). As the
  // owner: the migrations make the application's role and its grants.
  const dataSource = await createDataSource(
    url,
    2,
    { ...DEFAULT_DATABASE_TIMEOUTS, statementTimeoutMs: 0 },
    'owner',
  ).initialize();
  const migrations = (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
  const seeded = seed ? await seedDemoCounty(dataSource) : false;
  return { dataSource, created, migrations, seeded };
}
