// Creates the database if missing, runs the migrations and seeds the demo county once (SEED_DEMO).
// docker-compose runs it as the `migrate` service; `npm start` does the same by itself.

import { ConfigError, loadConfig } from '@libs/config';
import { prepareDatabase } from './lib/prepare-database';

async function main(): Promise<void> {
  const config = loadConfig();
  const { dataSource, created, migrations, seeded } = await prepareDatabase(
    config.database.url,
    config.seedDemo,
  );
  console.log(
    `database ${created ? 'created' : 'present'}; ${migrations.length} migration(s) applied` +
      (seeded ? '; demo county seeded' : ''),
  );
  await dataSource.destroy();
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
