// The benchmark's tables, as Markdown on the console (docs/benchmarks.md takes them as they are), and the goals
// of issue 15 checked against each stack's figures.

import type { AuditBenchResult } from './audit';
import type { DecisionCosts, RoundTripsPerDecision } from './costs';
import type { InboxBenchResult } from './inbox';
import type { LedgerExportBenchResult } from './ledger-export';
import type { LifecycleBenchResult, LifecycleRun } from './lifecycle';
import { type PhaseResult, round } from './measure';
import type { ProfileBenchResult, Share } from './profile';
import { CONCURRENCY, COST_USERS, type RoundTripBenchResult, type RoundTripLabel } from './roundtrip';
import { STACK_LABELS, type StackKind } from './stack';
import type { WebBenchResult } from './web';
import type { WorkerMemoryResult } from './worker-memory';

export interface StackResults {
  /** Platform processes that exited during the run (stack.exits). */
  exits: string[];
  roundTrip?: RoundTripBenchResult;
  lifecycle?: LifecycleBenchResult;
  workerMemory?: WorkerMemoryResult;
  profile?: ProfileBenchResult;
}

const print = (lines: string[]) => console.log(['', ...lines, ''].join('\n'));
const percent = (part: number, whole: number) => `${round((part / whole) * 100)}%`;

export function printRoundTripTable(kind: StackKind, { phases }: RoundTripBenchResult): void {
  const find = (label: string, users: number) => phases.find((r) => r.label === label && r.users === users)!;
  const cell = (r: PhaseResult) => `${r.throughput} | ${r.p50} / ${r.p95} / ${r.p99}`;
  print([
    `人工任务往返（办理 → 下一任务已开启）— ${STACK_LABELS[kind]}：API 全链路；直连（同一 Update、同样的读模型写入，无 API）；裸 Temporal 下限`,
    '| users | API ops/s | API p50 / p95 / p99 ms | direct ops/s | direct p50 / p95 / p99 ms | bare ops/s | bare p50 / p95 / p99 ms | API ÷ direct | API ÷ bare | errors |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...CONCURRENCY.map((users) => {
      const [api, direct, bare] = ['api', 'direct', 'floor'].map((label) => find(label, users));
      return (
        `| ${users} | ${cell(api)} | ${cell(direct)} | ${cell(bare)} | ` +
        `${percent(api.throughput, direct.throughput)} | ${percent(api.throughput, bare.throughput)} | ` +
        `${api.errors + direct.errors + bare.errors} |`
      );
    }),
  ]);
}

const LABELS: Record<RoundTripLabel, string> = { api: 'API', direct: 'direct', floor: 'bare' };

export function printCostsTable(kind: StackKind, { costs, temporal }: RoundTripBenchResult): void {
  const labels = Object.keys(costs) as RoundTripLabel[];
  const row = (name: string, value: (c: DecisionCosts, t: RoundTripsPerDecision) => string | number) =>
    `| ${name} | ${labels.map((l) => value(costs[l], temporal[l])).join(' | ')} |`;
  const statements = (counts: Record<string, number>) =>
    Object.entries(counts)
      .filter(([keyword]) => keyword !== 'total')
      .slice(0, 5)
      .map(([keyword, n]) => `${keyword} ${n}`)
      .join(', ');
  const databases = [...new Set(labels.flatMap((l) => Object.keys(costs[l].transactions)))];
  print([
    `每次办理的开销（${COST_USERS} 个并发用户）— ${STACK_LABELS[kind]}`,
    `| per decision | ${labels.map((l) => LABELS[l]).join(' | ')} |`,
    `|---|${labels.map(() => '---').join('|')}|`,
    row('decisions measured', (c) => c.decisions),
    row('worker CPU ms', (c) => c.cpuMs.worker),
    row('floor worker CPU ms', (c) => c.cpuMs.floorWorker),
    row('API CPU ms', (c) => c.cpuMs.api),
    row('Temporal server CPU ms', (c) => c.cpuMs.temporal),
    row('PostgreSQL CPU ms, platform database', (c) => c.cpuMs.postgres),
    row('PostgreSQL CPU ms, Temporal databases', (c) => c.cpuMs.postgresTemporal),
    row('PostgreSQL CPU ms, WAL writer and checkpoints', (c) => c.cpuMs.postgresShared),
    row('total CPU ms', (c) => round(Object.values(c.cpuMs).reduce((a, b) => a + b, 0))),
    row('SQL statements, API', (c) => `${c.statements.api.total ?? 0} (${statements(c.statements.api)})`),
    row(
      'SQL statements, worker',
      (c) => `${c.statements.worker.total ?? 0} (${statements(c.statements.worker)})`,
    ),
    ...databases.map((db) => row(`transactions in ${db}`, (c) => c.transactions[db] ?? 0)),
    row('Temporal workflow tasks', (_, t) => t.workflowTasks),
    row('Temporal activities', (_, t) => t.activities),
    row('local activities (markers)', (_, t) => t.localActivities),
    row('Temporal updates', (_, t) => t.updates),
    row('Temporal timers started', (_, t) => t.timers),
    row('history events', (_, t) => t.events),
    '',
    `最常发送的语句（API 路径，每次办理）`,
    '| process | per decision | statement (first 100 characters) |',
    '|---|---|---|',
    ...(['api', 'worker'] as const).flatMap((role) =>
      (costs.api?.topStatements[role] ?? []).map(
        ({ sql, perDecision }) => `| ${role} | ${perDecision} | \`${sql.replace(/\|/g, '\\|')}\` |`,
      ),
    ),
  ]);
}

export function printLifecycleTable(kind: StackKind, result: LifecycleBenchResult): void {
  const { steps } = result;
  const cell = (r: LifecycleRun) =>
    `${r.cases} | ${r.casesPerMinute} | ${r.p50} / ${r.p95} / ${r.max} | ${r.errors}` +
    (r.conflicts ? `（另有 ${r.conflicts} 次 409：措施任务已随退出撤销）` : '');
  print([
    `整个生命周期（申请 → 销档，${result.concurrency} 件同时办理；公示、核查间隔、持续关注期各 1 秒）— ${STACK_LABELS[kind]}`,
    `每件的步骤（下限工作流照此执行）：${steps.activities} 个 activity，${steps.localActivities} 个本地 activity，` +
      `${steps.updates} 次办理（Update），` +
      `${steps.timers} 个到期的计时器（共 ${steps.timerSeconds} 秒），${steps.children} 个子工作流`,
    '| path | cases | cases/min | duration p50 / p95 / max s | errors |',
    '|---|---|---|---|---|',
    `| API | ${cell(result.api)} |`,
    `| bare floor | ${cell(result.floor)} |`,
    `| API ÷ bare | | ${percent(result.api.casesPerMinute, result.floor.casesPerMinute)} | | |`,
  ]);
}

export function printWorkerMemoryTable(kind: StackKind, result: WorkerMemoryResult): void {
  print([
    `worker 内存 — ${STACK_LABELS[kind]}（每个 worker 的工作流缓存上限 maxCachedWorkflows = ${result.maxCachedWorkflowsPerWorker}，SDK 默认）`,
    '| workers | cases opened | RSS before → after (all workers) | per 1,000 open cases | opening took |',
    '|---|---|---|---|---|',
    `| ${result.workers} | ${result.cases} | ${result.rssBeforeMB} → ${result.rssAfterMB} MB | ` +
      `${result.mbPer1000Cases} MB | ${result.creationSeconds} s |`,
  ]);
}

export function printProfile(kind: StackKind, { phase, profiles }: ProfileBenchResult): void {
  const list = (shares: Share[]) => shares.map((s) => `${s.name} ${s.percent}%`).join('; ');
  print([
    `CPU 剖析（--cpu-prof，${COST_USERS} 个并发用户，${phase.throughput} ops/s 剖析中）— ${STACK_LABELS[kind]}`,
    ...profiles.flatMap((p) => [
      `${p.role}（${p.processes} 个剖析文件，阶段内 CPU ${Math.round(p.busyMs)} ms）`,
      `- named parts, inclusive: ${list(p.subsystems)}`,
      `- self by module: ${list(p.selfByModule)}`,
      `- inclusive by module: ${list(p.inclusiveByModule)}`,
      `- self by function: ${list(p.selfByFunction)}`,
    ]),
  ]);
}

export function printGoals(
  stacks: Partial<Record<StackKind, StackResults>>,
  inbox?: InboxBenchResult[],
): void {
  const kinds = Object.keys(stacks) as StackKind[];
  const rows: string[] = [];
  const verdict = (ok: boolean) => (ok ? '达标' : '未达标');
  if (inbox) {
    for (const { scope, api } of inbox) {
      rows.push(
        `| inbox p99 ≤ 30 ms, ${scope} | ${kinds.map(() => `${api.p99} ms ${verdict(api.p99 <= 30)}`).join(' | ')} |`,
      );
    }
  }
  const at = (kind: StackKind, label: string) =>
    stacks[kind]?.roundTrip?.phases.find((p) => p.label === label && p.users === COST_USERS);
  const cells = (value: (kind: StackKind) => string) => kinds.map(value).join(' | ');
  if (kinds.some((k) => stacks[k]?.roundTrip)) {
    rows.push(
      `| completion ≥ 40/s, p95 ≤ 500 ms at ${COST_USERS} users | ${cells((k) => {
        const api = at(k, 'api');
        return api
          ? `${api.throughput}/s, p95 ${api.p95} ms ${verdict(api.throughput >= 40 && api.p95 <= 500)}`
          : '—';
      })} |`,
      `| round trip ≥ 50% of bare at ${COST_USERS} users | ${cells((k) => {
        const [api, bare] = [at(k, 'api'), at(k, 'floor')];
        return api && bare
          ? `${percent(api.throughput, bare.throughput)} ${verdict(api.throughput >= bare.throughput / 2)}`
          : '—';
      })} |`,
    );
  }
  if (kinds.some((k) => stacks[k]?.lifecycle)) {
    rows.push(
      `| lifecycle ≥ 50% of bare (cases/min) | ${cells((k) => {
        const l = stacks[k]?.lifecycle;
        return l
          ? `${percent(l.api.casesPerMinute, l.floor.casesPerMinute)} ${verdict(l.api.casesPerMinute >= l.floor.casesPerMinute / 2)}`
          : '—';
      })} |`,
    );
  }
  if (rows.length === 0) return;
  print([
    '目标（issue 15）对比 实测（收件箱只依赖 PostgreSQL，只测一次，两栈同值）',
    `| goal | ${kinds.join(' | ')} |`,
    `|---|${kinds.map(() => '---').join('|')}|`,
    ...rows,
  ]);
}

export function printInboxTable(inbox: InboxBenchResult[], dashboard: PhaseResult): void {
  print([
    `待办首页（每页 20 条，${inbox[0]?.api.users ?? 0} 个并发用户）：API 对比 直接执行同一 SQL（只依赖 PostgreSQL：只测一次）`,
    '| scope | open tasks in scope | API ops/s | API p50 / p95 / p99 ms | SQL p50 / p95 / p99 ms | API p95 ÷ SQL p95 |',
    '|---|---|---|---|---|---|',
    ...inbox.map(
      ({ scope, openTasksInScope, api, sql }) =>
        `| ${scope} | ${openTasksInScope} | ${api.throughput} | ${api.p50} / ${api.p95} / ${api.p99} | ` +
        `${sql.p50} / ${sql.p95} / ${sql.p99} | ${round(api.p95 / sql.p95)}× |`,
    ),
    '',
    `督办汇总（县级，${dashboard.users} 个并发用户）：${dashboard.throughput} ops/s，p50 / p95 / p99 = ${dashboard.p50} / ${dashboard.p95} / ${dashboard.p99} ms`,
  ]);
}

export function printAuditTable(audit: AuditBenchResult): void {
  const verified = (label: string, { seconds, report }: AuditBenchResult['full'], budget = '< 1 s') =>
    `| ${label} | ${report.checked} rows, ${report.chains} chains, ${report.checkpoints} checkpoints | ` +
    `${seconds} s | ${budget} |`;
  print([
    `留痕（${audit.events} 条，${audit.chains} 条链，生成用时 ${audit.generateSeconds} 秒）：校验 对比 预算`,
    '| verification | read | took | budget |',
    '|---|---|---|---|',
    verified('full', audit.full, '< 60 s'),
    verified('incremental, after the appends below', audit.incremental[0]),
    verified('incremental, after 1,000 more events in 100 cases', audit.incremental[1]),
    '',
    '追加速率（每次一个事务、一条留痕）',
    '| writers | ops/s | p50 / p95 / p99 ms | errors |',
    '|---|---|---|---|',
    ...audit.appends.map(
      (r) => `| ${r.users} × ${r.label} | ${r.throughput} | ${r.p50} / ${r.p95} / ${r.p99} | ${r.errors} |`,
    ),
  ]);
}

export function printLedgerExportTable(result: LedgerExportBenchResult): void {
  print([
    `台账导出 xlsx（${result.entries} 条，逐行读回核对）：预算 < 60 s、< 200 MB 对比 实测`,
    '| API heap | file | time to the last byte | API RSS idle → peak (sampled / high-water mark) |',
    '|---|---|---|---|',
    ...result.runs.map(
      (run) =>
        `| ${run.heap} | ${run.rowsRead} rows, ${run.megabytes} MB | ${run.seconds} s | ` +
        `${run.idleRssMB} → ${run.peakRssMB} / ${run.highWaterMarkMB} MB |`,
    ),
  ]);
}

export function printWebTable(web: WebBenchResult): void {
  const spread = (ms: number[]) => {
    const sorted = [...ms].sort((a, b) => a - b);
    return `${sorted[Math.floor(sorted.length / 2)]} / ${sorted[sorted.length - 1]}`;
  };
  print([
    '网页（Chromium，本机回环）：预算 对比 实测',
    '| budget | limit | measured |',
    '|---|---|---|',
    `| login + inbox JavaScript, gzipped | ≤ 350 kB | ${web.loginAndInboxScriptKB} kB in ${web.scriptFiles} files |`,
    `| inbox interactive after navigation (${web.openTasksInScope} open tasks in scope), median / max | ≤ 1000 ms | ` +
      `navigation ${spread(web.inboxColdMs)} ms; reload ${spread(web.inboxWarmMs)} ms |`,
    `| decision → next task shown, median / max | ≤ 1000 ms | ${spread(web.decisionToNextTaskMs)} ms |`,
  ]);
}
