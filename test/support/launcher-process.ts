// A launcher (`npm start`, `npm run start:prod`: dist/scripts/start.js, start-prod.js, built by
// `npm run build`, which `pretest` runs) as a spec's child process: its output collected line by line, its
// children found by the pids it logs.

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { eventually } from './platform';

const LAUNCHERS = { start: 'start.js', 'start:prod': 'start-prod.js' };

export class LauncherProcess {
  readonly lines: string[] = [];
  private readonly exited: Promise<number | null>;

  private constructor(
    private readonly tag: keyof typeof LAUNCHERS,
    private readonly process: ChildProcess,
  ) {
    let partial = '';
    const collect = (chunk: Buffer) => {
      const text = partial + chunk.toString();
      const lines = text.split('\n');
      partial = lines.pop() ?? '';
      this.lines.push(...lines);
    };
    process.stdout?.on('data', collect);
    process.stderr?.on('data', collect);
    this.exited = new Promise((done) => process.once('exit', (code) => done(code)));
  }

  /** Starts the launcher with the spec's environment and `env`; TEMPORAL_ADDRESS only when `env` has it. */
  static start(tag: keyof typeof LAUNCHERS, env: Record<string, string>): LauncherProcess {
    const script = join(__dirname, '..', '..', 'dist', 'scripts', LAUNCHERS[tag]);
    if (!existsSync(script)) throw new Error(`${script} is missing: run \`npm run build\` first`);
    const launcherEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
    if (!('TEMPORAL_ADDRESS' in env)) delete launcherEnv.TEMPORAL_ADDRESS;
    return new LauncherProcess(tag, spawn(process.execPath, [script], { env: launcherEnv, stdio: 'pipe' }));
  }

  get running(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  /** The first line matching, once it has been printed. */
  async waitFor(pattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
    try {
      return await eventually(async () => {
        for (const line of this.lines) {
          const match = pattern.exec(line);
          if (match) return match;
        }
        if (!this.running) throw new Error(`the launcher exited (${this.process.exitCode})`);
        return undefined;
      }, timeoutMs);
    } catch (error) {
      throw new Error(`${pattern}: ${(error as Error).message}\n${this.lines.slice(-40).join('\n')}`);
    }
  }

  /** The pid of the child's latest start, as the launcher logged it. */
  pidOf(name: string): number {
    const pattern = new RegExp(`\\[${this.tag}\\] ${name} 已(启动|重启（第 \\d+ 次，)（?pid (\\d+)）`);
    const started = this.lines.map((line) => pattern.exec(line)).filter((m) => m !== null);
    if (started.length === 0) throw new Error(`no pid of ${name} in the launcher's output`);
    return Number(started[started.length - 1][2]);
  }

  /** Ctrl-C: the launcher stops its children in order and exits. */
  async stop(): Promise<number | null> {
    if (this.running) this.process.kill('SIGINT');
    return this.exited;
  }
}

/** Is a process with this pid still running? */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
