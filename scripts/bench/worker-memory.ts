// Worker memory per 1,000 open cases: the workers' resident set before and after N new applications, each
// case's workflow then waiting at its home survey. The SDK keeps each open case in its workflow cache (sticky)
// until the cache is full, so the figure is the cache's cost per case while N stays under its size.

import { readFileSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import { Client as PgClient } from 'pg';
import { DEMO_PASSWORD } from '../lib/demo-county';
import { syntheticApplication } from '../lib/synthetic-households';
import { post, round, waitFor } from './measure';
import type { BenchStack } from './stack';

const CASES = Number(process.env.BENCH_MEMORY_CASES ?? 1_000);
const CREATING_USERS = 10;
/** After the last case opens: the workers' heaps settle (a young-generation collection or two). */
const SETTLE_MS = 5_000;

export interface WorkerMemoryResult {
  cases: number;
  workers: number;
  /** The SDK's default maxCachedWorkflows per worker (the platform sets none): from the V8 heap limit. */
  maxCachedWorkflowsPerWorker: number;
  rssBeforeMB: number;
  rssAfterMB: number;
  mbPer1000Cases: number;
  creationSeconds: number;
}

function rssMB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
  return line ? Number(line[1]) / 1024 : NaN;
}

/** What @temporalio/worker 1.24 takes when maxCachedWorkflows is unset (reuseV8Context: 600 per GiB of heap above 200 MiB). */
function defaultMaxCachedWorkflows(): number {
  const heapMiB = getHeapStatistics().heap_size_limit / 2 ** 20;
  return Math.max(Math.floor((Math.max(heapMiB - 200, 0) * 600) / 1024), 10);
}

export async function runWorkerMemoryBench(
  stack: BenchStack,
  log: (message: string) => void,
): Promise<WorkerMemoryResult> {
  const workerRss = () => stack.pids().worker.reduce((sum, pid) => sum + rssMB(pid), 0);
  const { accessToken } = await post(`${stack.baseUrl}/auth/login`, {
    username: 'cw_dongli_east',
    password: DEMO_PASSWORD,
  });
  const pg = new PgClient({ connectionString: stack.databaseUrl });
  await pg.connect();
  try {
    const openSurveys = async () =>
      Number(
        (await pg.query(`SELECT count(*) AS n FROM tasks WHERE kind = 'homeSurvey' AND status = 'open'`))
          .rows[0].n,
      );
    const already = await openSurveys();
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const before = workerRss();
    log(`worker 内存：新开 ${CASES} 件案件（各停在入户调查）…`);
    const t0 = performance.now();
    let created = 0;
    await Promise.all(
      Array.from({ length: CREATING_USERS }, async () => {
        while (created < CASES) {
          created += 1;
          // A random ID number may already be in an open case (409): another application instead.
          await post(`${stack.baseUrl}/cases`, syntheticApplication(), accessToken).catch((error: Error) => {
            if (!error.message.startsWith('409')) throw error;
            created -= 1;
          });
        }
      }),
    );
    await waitFor(async () => (await openSurveys()) >= already + CASES, 'open cases', 120_000);
    const creationSeconds = (performance.now() - t0) / 1000;
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const after = workerRss();
    return {
      cases: CASES,
      workers: stack.workerProcesses,
      maxCachedWorkflowsPerWorker: defaultMaxCachedWorkflows(),
      rssBeforeMB: round(before),
      rssAfterMB: round(after),
      mbPer1000Cases: round(((after - before) / CASES) * 1000),
      creationSeconds: round(creationSeconds),
    };
  } finally {
    await pg.end();
  }
}
