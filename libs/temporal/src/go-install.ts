// Builds Temporal's binaries from their Go modules (`go install`) into a per-user cache that every clone
// reuses: the CLI for `npm start`, the server and its SQL tool for `npm run start:prod`.

import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

export type Log = (message: string) => void;

/** ~/.cache/changxiao/<name> (or under XDG_CACHE_HOME). */
export function cacheDir(name: string, env: NodeJS.ProcessEnv = process.env): string {
  const cacheRoot = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cacheRoot, 'changxiao', name);
}

export function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function onPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, command);
    if (dir && isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** The Go toolchain, when installed and working. */
export function findGo(): string | undefined {
  const go = onPath('go') ?? (isExecutable('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : undefined);
  return go && spawnSync(go, ['version']).status === 0 ? go : undefined;
}

export interface GoInstall {
  /** What the log calls it: 'Temporal CLI 1.5.1'. */
  label: string;
  /** Packages with their version: `go.temporal.io/server/cmd/server@v1.29.1`. */
  packages: string[];
  /** The binaries the packages build, by file name; each lands in `dir`. */
  binaries: string[];
  dir: string;
  /** About how long the build takes here, for the user waiting on it. */
  minutes: number;
  log: Log;
}

/** Builds the packages with Go into `dir`; false when Go is not installed. */
export async function goInstall({
  label,
  packages,
  binaries,
  dir,
  minutes,
  log,
}: GoInstall): Promise<boolean> {
  const go = findGo();
  if (!go) return false;
  mkdirSync(dir, { recursive: true });
  // Build into a private directory, then rename: a parallel build never sees a half-written binary.
  const staging = mkdtempSync(join(dir, 'build-'));
  log(
    `正在用 Go 构建 ${label}（仅首次，约 ${minutes} 分钟，之后使用缓存 ${dir}）: go install ${packages.join(' ')}`,
  );
  const started = Date.now();
  const ticker = setInterval(
    () => log(`  仍在构建 ${label}… ${Math.round((Date.now() - started) / 1000)} 秒`),
    30_000,
  );
  try {
    const code = await new Promise<number | null>((done, fail) => {
      const child = spawn(go, ['install', ...packages], {
        env: { ...process.env, CGO_ENABLED: '0', GOBIN: staging },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      child.on('error', fail);
      child.on('exit', done);
    });
    if (code !== 0) throw new Error(`go install ${packages.join(' ')} failed with exit code ${code}`);
    for (const binary of binaries) {
      if (!existsSync(join(dir, binary))) renameSync(join(staging, binary), join(dir, binary));
    }
    log(`${label} 构建完成（${Math.round((Date.now() - started) / 1000)} 秒）: ${dir}`);
    return true;
  } finally {
    clearInterval(ticker);
    rmSync(staging, { recursive: true, force: true });
  }
}
