import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from './config';

/** JWT_SECRET when set; otherwise one generated on first start and kept under the data directory. */
export function resolveJwtSecret(config: AppConfig): string {
  return config.jwt.secret ?? keptSecret(config.dataDir, 'jwt-secret', () => randomBytes(32).toString('hex'));
}

/**
 * The secret kept in `<dataDir>/<name>` (mode 0600), made by `make` on first use. Processes starting at
 * once (the worker and the API) all read the one that was written first, never a half-written file.
 */
export function keptSecret(dataDir: string, name: string, make: () => string): string {
  const file = join(dataDir, name);
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dataDir, { recursive: true });
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(draft, make(), { mode: 0o600 });
  try {
    // link() fails when the file exists: whoever links first wins, complete.
    linkSync(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(draft);
  }
  return readFileSync(file, 'utf8').trim();
}
