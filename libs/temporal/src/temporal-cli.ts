// Finds the `temporal` CLI (which embeds the dev server), building it once from its Go module when
// the machine has Go but no CLI.

import { join, resolve } from 'node:path';
import { cacheDir, goInstall, isExecutable, type Log, onPath } from './go-install';

export const TEMPORAL_CLI_VERSION = '1.5.1';
// Later CLI versions carry replace directives in go.mod, which `go install pkg@version` refuses.
const CLI_MODULE = `github.com/temporalio/cli/cmd/temporal@v${TEMPORAL_CLI_VERSION}`;

export function temporalCliCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return cacheDir(`temporal-${TEMPORAL_CLI_VERSION}`, env);
}

/** A CLI already on this machine: the configured path, the project's .temporal/bin, the cache, PATH. */
export function findTemporalCli(configuredPath: string | undefined, projectRoot: string): string | undefined {
  if (configuredPath) {
    if (!isExecutable(configuredPath)) {
      throw new Error(`TEMPORAL_CLI_PATH=${configuredPath}: 文件不存在或不可执行 (not an executable file)`);
    }
    return resolve(configuredPath);
  }
  const candidates = [
    join(projectRoot, '.temporal', 'bin', 'temporal'),
    join(temporalCliCacheDir(), 'temporal'),
  ];
  return candidates.find(isExecutable) ?? onPath('temporal');
}

/** Builds the CLI with Go into the per-user cache; undefined when Go is not installed. */
export async function buildTemporalCli(log: Log): Promise<string | undefined> {
  const dir = temporalCliCacheDir();
  const built = await goInstall({
    label: `Temporal CLI ${TEMPORAL_CLI_VERSION}`,
    packages: [CLI_MODULE],
    binaries: ['temporal'],
    dir,
    minutes: 4,
    log,
  });
  return built ? join(dir, 'temporal') : undefined;
}

/** The CLI to run: found, else built with Go; undefined when neither works (then download it). */
export async function ensureTemporalCli(
  configuredPath: string | undefined,
  projectRoot: string,
  log: Log,
): Promise<string | undefined> {
  return findTemporalCli(configuredPath, projectRoot) ?? (await buildTemporalCli(log));
}
