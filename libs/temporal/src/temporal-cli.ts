// Finds the `temporal` CLI (which embeds the dev server), building it once from its Go module when
// the machine has Go but no CLI. The build lands in a per-user cache that every clone reuses.

import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';

export const TEMPORAL_CLI_VERSION = '1.5.1';
// Later CLI versions carry replace directives in go.mod, which `go install pkg@version` refuses.
const CLI_MODULE = `github.com/temporalio/cli/cmd/temporal@v${TEMPORAL_CLI_VERSION}`;

type Log = (message: string) => void;

export function temporalCliCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const cacheRoot = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cacheRoot, 'changxiao', `temporal-${TEMPORAL_CLI_VERSION}`);
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, command);
    if (dir && isExecutable(candidate)) return candidate;
  }
  return undefined;
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
  const go = onPath('go') ?? (isExecutable('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : undefined);
  if (!go || spawnSync(go, ['version']).status !== 0) return undefined;
  const cacheDir = temporalCliCacheDir();
  const target = join(cacheDir, 'temporal');
  mkdirSync(cacheDir, { recursive: true });
  // Build into a private directory, then rename: a parallel build never sees a half-written binary.
  const staging = mkdtempSync(join(cacheDir, 'build-'));
  log(`正在用 Go 构建 Temporal CLI ${TEMPORAL_CLI_VERSION}（仅首次，约 4 分钟）: go install ${CLI_MODULE}`);
  const started = Date.now();
  const ticker = setInterval(
    () => log(`  仍在构建 Temporal CLI… ${Math.round((Date.now() - started) / 1000)} s`),
    30_000,
  );
  try {
    const code = await new Promise<number | null>((done, fail) => {
      const child = spawn(go, ['install', CLI_MODULE], {
        env: { ...process.env, CGO_ENABLED: '0', GOBIN: staging },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      child.on('error', fail);
      child.on('exit', done);
    });
    if (code !== 0) throw new Error(`go install ${CLI_MODULE} failed with exit code ${code}`);
    if (!existsSync(target)) renameSync(join(staging, 'temporal'), target);
    log(`Temporal CLI 构建完成 (${Math.round((Date.now() - started) / 1000)} s): ${target}`);
    return target;
  } finally {
    clearInterval(ticker);
    rmSync(staging, { recursive: true, force: true });
  }
}

/** The CLI to run: found, else built with Go; undefined when neither works (then download it). */
export async function ensureTemporalCli(
  configuredPath: string | undefined,
  projectRoot: string,
  log: Log,
): Promise<string | undefined> {
  return findTemporalCli(configuredPath, projectRoot) ?? (await buildTemporalCli(log));
}
