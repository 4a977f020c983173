// What the dev server (dev-server.ts) and the Temporal server on PostgreSQL (temporal-server.ts) share as
// child processes of the launcher: their dynamic config, waiting for the port, their log, stopping them.

import type { ChildProcess } from 'node:child_process';
import { createConnection } from 'node:net';

/** Updates (a task's decision) and update-with-start need these; the last makes a new search attribute usable at once. */
export const TEMPORAL_DYNAMIC_CONFIG: Record<string, boolean> = {
  'frontend.enableUpdateWorkflowExecution': true,
  'frontend.enableExecuteMultiOperation': true,
  'system.forceSearchAttributesCacheRefreshOnRead': true,
};

export function portAnswers(port: number): Promise<boolean> {
  return new Promise<boolean>((done) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Resolves once the child listens on the port; rejects when it exits or the time is up. */
export async function waitForPort(
  port: number,
  child: ChildProcess,
  timeoutMs: number,
  name: string,
): Promise<void> {
  const spawnFailed = new Promise<never>((_, fail) => child.once('error', fail));
  const deadline = Date.now() + timeoutMs;
  const listening = async () => {
    while (Date.now() < deadline) {
      if (exited(child)) throw new Error(`${name} exited (${child.signalCode ?? `code ${child.exitCode}`})`);
      if (await portAnswers(port)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${name} did not listen on port ${port} within ${timeoutMs / 1000} s`);
  };
  try {
    await Promise.race([listening(), spawnFailed]);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}

/**
 * Passes on the server's output, each line as `format` has it (undefined: not passed on; servers warn freely,
 * slow calls and the like).
 */
export function forwardServerLog(
  child: ChildProcess,
  format: (line: string) => string | undefined,
  log: (message: string) => void,
): void {
  const forward = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      const message = line.trim() ? format(line) : undefined;
      if (message) log(`[temporal] ${message}`);
    }
  };
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);
}

/** SIGTERM, then SIGKILL when it is still there after graceMs; resolves once it has exited. */
export async function stopServerProcess(child: ChildProcess, graceMs: number): Promise<void> {
  if (exited(child)) return;
  const gone = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await gone;
  clearTimeout(timer);
}
