// Keeps a child process of the launcher running: whenever it exits it is started again, after a delay that
// doubles while it keeps dying soon after starting and falls back once it has stayed up a while.

import type { ChildProcess } from 'node:child_process';

export interface SuperviseOptions {
  /** How the log names it: 'worker', 'API', 'Temporal 开发服务器'. */
  name: string;
  /** Starts the process; resolves once it runs (or is ready), rejects when it could not start. */
  start: () => Promise<ChildProcess>;
  log: (message: string) => void;
  /** The first restart's delay; it doubles with each quick death, up to maxDelayMs. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** A process that ran this long before dying was healthy: its restart waits initialDelayMs again. */
  stableAfterMs?: number;
  /** stop() sends SIGTERM, then SIGKILL when the process is still there after this long. */
  stopGraceMs?: number;
}

export interface SupervisedChild {
  readonly name: string;
  /** The running process; undefined between a death and the restart. */
  readonly process: ChildProcess | undefined;
  /** How many times it has been started again. */
  readonly restarts: number;
  /** Ends the supervision and stops the process. */
  stop(): Promise<void>;
}

export const SUPERVISION_DEFAULTS = {
  initialDelayMs: 1_000,
  maxDelayMs: 30_000,
  stableAfterMs: 60_000,
  stopGraceMs: 15_000,
};

/** Seconds for the log: 1, 2.5, 0.05. */
function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(2))} 秒`;
}

function exitedAlready(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Starts the process and keeps it running until stop(); rejects when the first start fails. */
export async function supervise(options: SuperviseOptions): Promise<SupervisedChild> {
  const { name, log } = options;
  const { initialDelayMs, maxDelayMs, stableAfterMs, stopGraceMs } = { ...SUPERVISION_DEFAULTS, ...options };
  let current: ChildProcess | undefined;
  let restarts = 0;
  let stopped = false;
  let nextDelayMs = initialDelayMs;
  let quickDeaths = 0;
  let timer: NodeJS.Timeout | undefined;
  let starting: Promise<void> | undefined;

  const watch = (child: ChildProcess) => {
    const startedAt = Date.now();
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      if (current === child) current = undefined;
      if (stopped) return;
      const upMs = Date.now() - startedAt;
      if (upMs >= stableAfterMs) {
        nextDelayMs = initialDelayMs;
        quickDeaths = 0;
      } else {
        quickDeaths += 1;
      }
      const how = signal ? `signal ${signal}` : `code ${code}`;
      const crashLoop =
        quickDeaths >= 2
          ? `；启动后连续 ${quickDeaths} 次很快退出，重启间隔逐次加倍（最长 ${seconds(maxDelayMs)}）`
          : '';
      log(`${name} 意外退出（${how}，运行了 ${seconds(upMs)}），${seconds(nextDelayMs)}后重启${crashLoop}`);
      schedule();
    };
    // A process that died while start() still waited for it has emitted its 'exit' already.
    if (exitedAlready(child)) setImmediate(() => onExit(child.exitCode, child.signalCode));
    else child.once('exit', onExit);
  };

  const schedule = () => {
    const delayMs = nextDelayMs;
    nextDelayMs = Math.min(nextDelayMs * 2, maxDelayMs);
    timer = setTimeout(() => {
      timer = undefined;
      starting = restart().finally(() => (starting = undefined));
    }, delayMs);
  };

  const restart = async () => {
    try {
      const child = await options.start();
      restarts += 1;
      if (stopped) {
        await terminate(child);
        return;
      }
      current = child;
      watch(child);
      log(`${name} 已重启（第 ${restarts} 次，pid ${child.pid}）`);
    } catch (error) {
      if (stopped) return;
      quickDeaths += 1;
      log(
        `${name} 重启失败: ${error instanceof Error ? error.message : error}；${seconds(nextDelayMs)}后再试`,
      );
      schedule();
    }
  };

  const terminate = async (child: ChildProcess) => {
    if (exitedAlready(child)) return;
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), stopGraceMs);
    await exited;
    clearTimeout(killer);
  };

  const first = await options.start();
  current = first;
  watch(first);
  log(`${name} 已启动（pid ${first.pid}）`);

  return {
    name,
    get process() {
      return current;
    },
    get restarts() {
      return restarts;
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await starting;
      if (current) await terminate(current);
    },
  };
}

/** Resolves with the process once it runs; rejects when it could not be spawned (ENOENT, EACCES). */
export function whenSpawned(child: ChildProcess): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    child.once('spawn', () => resolve(child));
    child.once('error', reject);
  });
}
