// `npm run bench`: on each stack BENCH_STACK names (dev, prod or both, the default; scripts/bench/stack):
// (1) the human-task round trip at 1, 10, 20 and 50 users beside the bare-Temporal floor, with the costs per
// decision at 20 (CPU per process, SQL statements and transactions, Temporal round trips; bench/roundtrip,
// bench/costs); (2) whole-lifecycle throughput beside a bare workflow of the same steps (bench/lifecycle);
// (3) worker memory per 1,000 open cases (bench/worker-memory); (4) CPU profiles of the workers and the API
// under the 20-user load (bench/profile). Once, on the first stack: (5) the web UI's budgets in Chromium
// (bench/web); (6) the inbox's first page at province scale (bench/inbox: PostgreSQL only); (7) a 200,000-row
// ledger exported as xlsx (bench/ledger-export). Before the stacks: (8) the audit log's verification and append
// rate at 1,000,000 events (bench/audit). BENCH_ONLY=roundtrip,lifecycle,memory,profile,web,inbox,ledger,audit
// runs the parts listed. Prints tables and writes a JSON report (and the CPU profiles) to bench-results/.
// Everything runs on loopback, bounded in count and time per phase.

import type { ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { runAuditBench } from './bench/audit';
import { type InboxBenchResult, runInboxBench } from './bench/inbox';
import { runLedgerExportBench } from './bench/ledger-export';
import { runLifecycleBench } from './bench/lifecycle';
import { PHASE_SECONDS, stopChild } from './bench/measure';
import { runProfileBench } from './bench/profile';
import {
  printAuditTable,
  printCostsTable,
  printGoals,
  printInboxTable,
  printLedgerExportTable,
  printLifecycleTable,
  printProfile,
  printRoundTripTable,
  printWebTable,
  printWorkerMemoryTable,
  type StackResults,
} from './bench/report';
import { runRoundTripBench } from './bench/roundtrip';
import { STACK_KINDS, STACK_LABELS, type StackKind, startStack } from './bench/stack';
import { runWebBench } from './bench/web';
import { runWorkerMemoryBench } from './bench/worker-memory';

const ROOT = join(__dirname, '..', '..');
const PARTS = ['roundtrip', 'lifecycle', 'memory', 'profile', 'web', 'inbox', 'ledger', 'audit'] as const;
type Part = (typeof PARTS)[number];

function parseSettings(): { stacks: StackKind[]; parts: Set<Part> } {
  const stack = process.env.BENCH_STACK || 'both';
  if (stack !== 'both' && !STACK_KINDS.includes(stack as StackKind)) {
    throw new Error(`BENCH_STACK=${stack}: 应为 dev、prod 或 both`);
  }
  const only = process.env.BENCH_ONLY?.split(',').map((p) => p.trim());
  const unknown = only?.filter((p) => !PARTS.includes(p as Part));
  if (unknown?.length)
    throw new Error(`BENCH_ONLY: 未知的部分 ${unknown.join('、')}（可选：${PARTS.join('、')}）`);
  return {
    stacks: stack === 'both' ? [...STACK_KINDS] : [stack as StackKind],
    parts: new Set((only ?? PARTS) as Part[]),
  };
}

async function main(): Promise<void> {
  const { stacks, parts } = parseSettings();
  const log = (message: string) => console.log(message);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const resultsDir = join(ROOT, 'bench-results');
  const report: Record<string, unknown> = { stacks: {} };
  const stackResults = report.stacks as Partial<Record<StackKind, StackResults>>;
  const children: ChildProcess[] = [];

  const failures: string[] = [];
  report.failures = failures;
  /** A part that fails is reported and the run goes on with the next one. */
  const run = async <T>(part: Part, measure: () => Promise<T>, print: (result: T) => void) => {
    if (!parts.has(part)) return undefined;
    try {
      const result = await measure();
      print(result);
      return result;
    } catch (error) {
      const message = `${part}: ${error instanceof Error ? error.message : String(error)}`;
      failures.push(message);
      console.error(`部分失败 ${message}`);
      return undefined;
    }
  };

  // The audit log's part needs a scratch database only, not a stack: it runs first.
  report.audit = await run('audit', () => runAuditBench(log), printAuditTable);
  const stackParts: Part[] = ['roundtrip', 'lifecycle', 'memory', 'profile', 'web', 'inbox', 'ledger'];
  for (const [index, kind] of stacks.entries()) {
    if (!stackParts.some((part) => parts.has(part))) break;
    log(`\n=== ${STACK_LABELS[kind]} ===\n准备：临时数据库、Temporal、worker、API 与下限 worker…`);
    const stack = await startStack(kind, log);
    stopRunning = async () => {
      await Promise.all(children.map(stopChild));
      await stack.stop();
    };
    const results: StackResults = { exits: stack.exits };
    stackResults[kind] = results;
    try {
      results.roundTrip = await run(
        'roundtrip',
        () => runRoundTripBench(stack, log),
        (result) => {
          printRoundTripTable(kind, result);
          printCostsTable(kind, result);
        },
      );
      results.lifecycle = await run(
        'lifecycle',
        () => runLifecycleBench(stack, log),
        (result) => printLifecycleTable(kind, result),
      );
      results.workerMemory = await run(
        'memory',
        () => runWorkerMemoryBench(stack, log),
        (result) => printWorkerMemoryTable(kind, result),
      );
      // The web UI's budgets, the inbox and the ledger export do not depend on the Temporal stack: once.
      if (index === 0) {
        report.web = await run('web', () => runWebBench(stack.origin, log), printWebTable);
        const inbox = await run(
          'inbox',
          () => runInboxBench(stack.temporalAddress, children, log),
          (result) => printInboxTable(result.inbox, result.dashboard),
        );
        Object.assign(report, inbox);
        await Promise.all(children.splice(0).map(stopChild));
        report.ledgerExport = await run(
          'ledger',
          () => runLedgerExportBench(stack.temporalAddress, children, log),
          printLedgerExportTable,
        );
        await Promise.all(children.splice(0).map(stopChild));
      }
      // Last: it restarts the workers and the API with the profiler.
      results.profile = await run(
        'profile',
        () => runProfileBench(stack, join(resultsDir, `profiles-${stamp}`, kind), log),
        (result) => printProfile(kind, result),
      );
    } finally {
      await Promise.all(children.splice(0).map(stopChild));
      await stack.stop();
    }
    for (const exit of stack.exits) console.error(exit);
  }
  printGoals(stackResults, report.inbox as InboxBenchResult[] | undefined);
  if (failures.length > 0) console.error(`失败的部分：\n${failures.join('\n')}`);
  writeReport(resultsDir, stamp, report);
}

function writeReport(dir: string, stamp: string, results: Record<string, unknown>): void {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `bench-${stamp}.json`);
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
  writeFileSync(file, JSON.stringify({ phaseSeconds: PHASE_SECONDS, machine, ...results }, null, 2));
  console.log(`报告已写入 ${file}`);
}

/** What Ctrl-C stops before the bench exits: the running stack's processes and databases. */
let stopRunning: (() => Promise<void>) | undefined;
process.once('SIGINT', () => void (stopRunning?.() ?? Promise.resolve()).finally(() => process.exit(130)));

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
