import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { DEFAULT_DATABASE_TIMEOUTS, type DatabaseTimeouts } from '@libs/config';
import { MIGRATIONS } from './migrations';

/**
 * The role the platform acts as (made by the migrations): it may read and write what the platform keeps,
 * but only add to the audit log and its checkpoints, never change, remove or truncate them.
 */
export const APP_DATABASE_ROLE = 'changxiao_app';

/**
 * A pool of at most `poolSize` connections. With the timeouts an unreachable or stuck server fails a request
 * (the API answers 503) instead of holding it and its connection without end. Each connection takes the
 * application's role, whoever DATABASE_URL signs in as; `as: 'owner'` keeps the owner's (the migrations, the
 * specs that inject faults with DDL).
 */
export function createDataSource(
  url: string,
  poolSize = 10,
  timeouts: DatabaseTimeouts = DEFAULT_DATABASE_TIMEOUTS,
  as: 'app' | 'owner' = 'app',
): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    synchronize: false,
    extra: {
      max: poolSize,
      connectionTimeoutMillis: timeouts.connectTimeoutMs,
      statement_timeout: timeouts.statementTimeoutMs,
      ...(as === 'app' ? { options: `-c role=${APP_DATABASE_ROLE}` } : {}),
    },
  });
}

/** Creates the database named in `url` when the server does not have it yet. */
export async function ensureDatabase(url: string): Promise<boolean> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return false;
    await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    return true;
  } finally {
    await client.end();
  }
}

/** Drops a database (throw-away test databases only). */
export async function dropDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Does a PostgreSQL server answer at this URL's host and port? */
export async function postgresAnswers(url: string): Promise<boolean> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString(), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
