// Shared by the benchmarks: timed phases of concurrent users, percentiles, child processes, HTTP.

import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const PHASE_SECONDS = Number(process.env.BENCH_PHASE_SECONDS ?? 15);
const PHASE_MAX_OPS = 20_000;
/** No request of the bench waits longer: a platform that stopped answering fails the part, not the run. */
const REQUEST_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 30_000;
const ROOT = join(__dirname, '..', '..', '..');

export interface PhaseResult {
  label: string;
  users: number;
  ops: number;
  errors: number;
  seconds: number;
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
}

/** What a phase drives: an untimed `prepare` before each timed `roundTrip` of a user. */
export interface Subject {
  prepare?(user: number): Promise<void>;
  roundTrip(user: number): Promise<void>;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const round = (value: number) => Math.round(value * 10) / 10;

/** Runs `users` loops of the subject for the phase's time (or until the op budget is spent). */
export async function phase(
  label: string,
  users: number,
  subject: Subject,
  seconds = PHASE_SECONDS,
): Promise<PhaseResult> {
  const latencies: number[] = [];
  let errors = 0;
  let started = 0;
  const began = performance.now();
  const deadline = began + seconds * 1000;
  await Promise.all(
    Array.from({ length: users }, async (_, user) => {
      while (performance.now() < deadline && started < PHASE_MAX_OPS) {
        started += 1;
        try {
          await subject.prepare?.(user);
          const t0 = performance.now();
          await subject.roundTrip(user);
          latencies.push(performance.now() - t0);
        } catch (error) {
          errors += 1;
          if (errors <= 3) console.error(`  ${label} error:`, error instanceof Error ? error.message : error);
        }
      }
    }),
  );
  const elapsed = (performance.now() - began) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    label,
    users,
    ops: latencies.length,
    errors,
    seconds: round(elapsed),
    throughput: round(latencies.length / elapsed),
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    p99: round(percentile(latencies, 99)),
  };
}

/** A compiled script of dist/ as a child process; `execArgv` are Node's own flags (e.g. --cpu-prof). */
export function spawnNode(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  execArgv: string[] = [],
): ChildProcess {
  return fork(join(ROOT, 'dist', script), args, {
    env,
    execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

/** Sends SIGTERM and waits for the process to exit; after 30 s kills it and its children (a cluster's). */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  const children = child.pid ? childPids(child.pid) : [];
  child.kill('SIGTERM');
  const timer = setTimeout(() => {
    for (const pid of children) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Gone already.
      }
    }
    child.kill('SIGKILL');
  }, STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

/** The ids of a process's direct children (a cluster's processes), from /proc. */
export function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

export async function waitFor(
  probe: () => Promise<boolean>,
  what: string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`${what} not ready within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the API's JSON answers, read loosely
export type Json = any;

export async function request(method: string, url: string, body?: unknown, token?: string): Promise<Json> {
  const response = await fetch(url, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const json = (await response.json()) as Json;
  if (!response.ok) throw new Error(`${response.status} ${json.message}`);
  return json;
}

export const post = (url: string, body: unknown, token?: string) => request('POST', url, body, token);
