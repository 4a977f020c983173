// `npm run openapi`: writes the API's OpenAPI document to apps/web/src/api/openapi.json and the web UI's
// types generated from it (openapi-typescript) to schema.d.ts. Nothing is connected: the document comes
// from the controllers and DTOs alone. test/openapi.spec.ts fails when the served document differs.

import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { createApi, openApiDocument } from '@api/create-api';
import { createLogger } from '@libs/logging';
import { loadConfig } from '@libs/config';
import { createDataSource } from '@libs/persistence';

const PROJECT_ROOT = join(__dirname, '..', '..');
export const OPENAPI_FILE = join(PROJECT_ROOT, 'apps', 'web', 'src', 'api', 'openapi.json');
const SCHEMA_FILE = join(PROJECT_ROOT, 'apps', 'web', 'src', 'api', 'schema.d.ts');

async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, NODE_ENV: 'development' });
  // A lazy connection that is never used: the document needs the providers, not their servers.
  const temporal = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
  const dataSource = createDataSource(config.database.url, 1);
  const app = await createApi({
    config,
    jwtSecret: 'openapi-document-only',
    dataSource,
    temporal,
    logger: createLogger('api', { level: 'silent' }),
  });
  await app.init();
  writeFileSync(OPENAPI_FILE, `${JSON.stringify(openApiDocument(app), null, 2)}\n`);
  await app.close();
  execFileSync(
    join(PROJECT_ROOT, 'node_modules', '.bin', 'openapi-typescript'),
    [OPENAPI_FILE, '-o', SCHEMA_FILE],
    {
      stdio: 'inherit',
    },
  );
  console.log(`已写入 ${OPENAPI_FILE} 与 ${SCHEMA_FILE}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
