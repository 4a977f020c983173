// Makes the read-model database ready: created if missing, migrated, and (optionally) the demo county seeded.

import type { DataSource } from 'typeorm';
import { createDataSource, ensureDatabase } from '../../libs/persistence/src';
import { seedDemoCounty } from './demo-county';

export interface PreparedDatabase {
  dataSource: DataSource;
  created: boolean;
  migrations: string[];
  seeded: boolean;
}

export async function prepareDatabase(url: string, seed: boolean): Promise<PreparedDatabase> {
  const created = await ensureDatabase(url);
  const dataSource = await createDataSource(url, 2).initialize();
  const migrations = (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
  const seeded = seed ? await seedDemoCounty(dataSource) : false;
  return { dataSource, created, migrations, seeded };
}
