// The launcher's supervision against real, short-lived node processes.

import { type ChildProcess, spawn } from 'node:child_process';
import { supervise, type SupervisedChild, whenSpawned } from './supervisor';

/** A node process running `script`; it resolves once the script has printed `ready`. */
async function nodeChild(script: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', `${script}; console.log('ready')`], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await whenSpawned(child);
  await new Promise<void>((ready) => {
    child.stdout?.once('data', () => ready());
    child.once('exit', () => ready());
  });
  return child;
}

const RUNS = 'setInterval(() => undefined, 1000)';

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The delays the log announced, in ms. */
function announcedDelays(lines: string[]): number[] {
  return lines.flatMap((line) => {
    const match = /([\d.]+) 秒后(重启|再试)/.exec(line);
    return match ? [Math.round(Number(match[1]) * 1000)] : [];
  });
}

let supervised: SupervisedChild | undefined;
afterEach(async () => {
  await supervised?.stop();
  supervised = undefined;
});

it('restarts a child killed with SIGKILL, saying which child died and when it comes back', async () => {
  const lines: string[] = [];
  supervised = await supervise({
    name: 'worker',
    start: () => nodeChild(RUNS),
    log: (line) => lines.push(line),
    initialDelayMs: 50,
  });
  const first = supervised.process!;
  expect(lines).toEqual([`worker 已启动（pid ${first.pid}）`]);

  first.kill('SIGKILL');
  await until(() => supervised!.restarts === 1 && supervised!.process !== undefined);
  const second = supervised.process!;
  expect(second.pid).not.toBe(first.pid);
  expect(second.exitCode).toBeNull();
  expect(lines[1]).toMatch(/^worker 意外退出（signal SIGKILL，运行了 [\d.]+ 秒），0\.05 秒后重启$/);
  expect(lines[2]).toBe(`worker 已重启（第 1 次，pid ${second.pid}）`);
});

it('restarts a child that exits by itself, whatever its exit code', async () => {
  const lines: string[] = [];
  let starts = 0;
  supervised = await supervise({
    name: 'API',
    start: () => nodeChild(++starts === 1 ? 'setTimeout(() => process.exit(0), 50)' : RUNS),
    log: (line) => lines.push(line),
    initialDelayMs: 20,
  });
  await until(() => supervised!.restarts === 1);
  expect(lines[1]).toMatch(/^API 意外退出（code 0，/);
});

it('backs off a child that keeps dying right after it starts, doubling the delay up to the limit, and says so', async () => {
  const lines: string[] = [];
  const startedAt: number[] = [];
  supervised = await supervise({
    name: 'worker',
    start: () => {
      startedAt.push(Date.now());
      return nodeChild('process.exit(3)');
    },
    log: (line) => lines.push(line),
    initialDelayMs: 50,
    maxDelayMs: 200,
    stableAfterMs: 10_000,
  });
  await until(() => supervised!.restarts >= 5);
  const deaths = lines.filter((line) => line.includes('意外退出'));
  expect(announcedDelays(deaths).slice(0, 5)).toEqual([50, 100, 200, 200, 200]);
  expect(deaths[0]).toMatch(/^worker 意外退出（code 3，/);
  expect(deaths[0]).not.toContain('很快退出');
  expect(deaths[1]).toContain('启动后连续 2 次很快退出，重启间隔逐次加倍（最长 0.2 秒）');
  // Each start came no sooner than the delay announced before it.
  for (let i = 1; i < 5; i++) {
    expect(startedAt[i] - startedAt[i - 1]).toBeGreaterThanOrEqual(announcedDelays(deaths)[i - 1] - 2);
  }
});

it('waits the initial delay again once a child has stayed up a while', async () => {
  const lines: string[] = [];
  let starts = 0;
  supervised = await supervise({
    name: 'worker',
    start: () => {
      starts += 1;
      if (starts <= 3) return nodeChild('process.exit(1)');
      if (starts === 4) return nodeChild('setTimeout(() => process.exit(1), 400)');
      return nodeChild(RUNS);
    },
    log: (line) => lines.push(line),
    initialDelayMs: 50,
    maxDelayMs: 1_000,
    stableAfterMs: 300,
  });
  await until(() => supervised!.restarts === 4);
  expect(announcedDelays(lines)).toEqual([50, 100, 200, 50]);
  expect(lines.filter((line) => line.includes('意外退出'))[3]).not.toContain('很快退出');
});

it('tries again with backoff when a restart cannot start the child', async () => {
  const lines: string[] = [];
  let starts = 0;
  supervised = await supervise({
    name: 'Temporal 开发服务器',
    start: async () => {
      starts += 1;
      if (starts === 2 || starts === 3) throw new Error('端口 7233 未能监听');
      return nodeChild(RUNS);
    },
    log: (line) => lines.push(line),
    initialDelayMs: 50,
  });
  supervised.process!.kill('SIGKILL');
  await until(() => supervised!.restarts === 1);
  expect(starts).toBe(4);
  expect(lines.slice(2, 4)).toEqual([
    'Temporal 开发服务器 重启失败: 端口 7233 未能监听；0.1 秒后再试',
    'Temporal 开发服务器 重启失败: 端口 7233 未能监听；0.2 秒后再试',
  ]);
  expect(supervised.process!.exitCode).toBeNull();
});

it('stop() ends the child without restarting it, with SIGKILL when it ignores SIGTERM', async () => {
  const lines: string[] = [];
  supervised = await supervise({
    name: 'worker',
    start: () => nodeChild(`process.on('SIGTERM', () => undefined); ${RUNS}`),
    log: (line) => lines.push(line),
    initialDelayMs: 10,
    stopGraceMs: 100,
  });
  const child = supervised.process!;
  await supervised.stop();
  expect(child.signalCode).toBe('SIGKILL');
  expect(supervised.process).toBeUndefined();
  expect(supervised.restarts).toBe(0);
  expect(lines.filter((line) => line.includes('意外退出'))).toEqual([]);
});

it('stop() cancels a restart that is waiting for its delay', async () => {
  const lines: string[] = [];
  let starts = 0;
  supervised = await supervise({
    name: 'worker',
    start: () => {
      starts += 1;
      return nodeChild('process.exit(1)');
    },
    log: (line) => lines.push(line),
    initialDelayMs: 60_000,
  });
  await until(() => lines.some((line) => line.includes('意外退出')));
  await supervised.stop();
  expect(starts).toBe(1);
  expect(supervised.restarts).toBe(0);
});

it('fails when the first start fails, and a command that does not exist never counts as started', async () => {
  await expect(
    supervise({ name: 'worker', start: () => Promise.reject(new Error('no bundle')), log: () => undefined }),
  ).rejects.toThrow('no bundle');
  await expect(whenSpawned(spawn('/nonexistent/temporal', ['server']))).rejects.toThrow(/ENOENT/);
});
