// Where a decision's cost goes, read around a measured phase: CPU seconds of each process (worker, API,
// Temporal server, PostgreSQL's backends of the run's databases) from /proc; the SQL statements the platform's
// processes sent (query-counter) and the transactions PostgreSQL committed (pg_stat_database); and the
// Temporal round trips, from the touched workflows' histories (workflow tasks, activities, updates, timers).

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client as PgClient } from 'pg';
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { BenchStack } from './stack';
import { round } from './measure';

const CLOCK_TICKS_PER_SECOND = 100;
/** PostgreSQL folds a backend's statistics into pg_stat_database at most once a second. */
const STATS_DELAY_MS = 1_200;
const TOP_STATEMENTS = 10;

/** postgres: the backends of the platform's database; postgresTemporal: of Temporal's (production stack);
 * postgresShared: the server's own writers (WAL, checkpoints), shared with whatever else runs. */
type Role =
  'worker' | 'floorWorker' | 'api' | 'temporal' | 'postgres' | 'postgresTemporal' | 'postgresShared';
const ROLES: Role[] = [
  'worker',
  'floorWorker',
  'api',
  'temporal',
  'postgres',
  'postgresTemporal',
  'postgresShared',
];

interface Snapshot {
  /** CPU seconds by process id, and each process's role. */
  cpu: Map<number, { role: Role; seconds: number }>;
  /** Statements by process id and keyword. */
  statements: Map<number, Record<string, number>>;
  /** Commits and rollbacks by database. */
  transactions: Record<string, number>;
}

export interface DecisionCosts {
  decisions: number;
  /** CPU milliseconds per decision, by process role. */
  cpuMs: Record<Role, number>;
  /** SQL statements per decision sent by the API and the workers, by first keyword (BEGIN, SELECT, INSERT…). */
  statements: Record<'api' | 'worker', Record<string, number>>;
  /** The statements sent most often, by their first 100 characters, per decision. */
  topStatements: Record<'api' | 'worker', { sql: string; perDecision: number }[]>;
  /** Transactions per decision in each database (the platform's; Temporal's on the production stack). */
  transactions: Record<string, number>;
}

function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command's closing parenthesis, from the third: utime is the 14th, stime the 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

const databaseName = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1));

async function snapshot(stack: BenchStack, pg: PgClient): Promise<Snapshot> {
  const platformDatabase = databaseName(stack.databaseUrl);
  const databases = [platformDatabase, ...stack.temporalDatabaseNames];
  const backends: { pid: number; datname: string | null }[] = (
    await pg.query(
      `SELECT pid, datname FROM pg_stat_activity
        WHERE datname = ANY($1) OR backend_type IN ('checkpointer', 'background writer', 'walwriter')`,
      [databases],
    )
  ).rows;
  const pids = stack.pids();
  const cpu = new Map<number, { role: Role; seconds: number }>();
  const add = (role: Role, pid: number) => {
    const seconds = cpuSeconds(pid);
    if (seconds !== undefined) cpu.set(pid, { role, seconds });
  };
  for (const role of ['worker', 'floorWorker', 'api', 'temporal'] as const) {
    for (const pid of pids[role]) add(role, pid);
  }
  for (const { pid, datname } of backends) {
    add(!datname ? 'postgresShared' : datname === platformDatabase ? 'postgres' : 'postgresTemporal', pid);
  }
  const statements = new Map<number, Record<string, number>>();
  for (const file of readdirSync(stack.queryCountDir)) {
    statements.set(
      Number(file.replace('.json', '')),
      JSON.parse(readFileSync(join(stack.queryCountDir, file), 'utf8')),
    );
  }
  const rows: { datname: string; xacts: string }[] = (
    await pg.query(
      'SELECT datname, xact_commit + xact_rollback AS xacts FROM pg_stat_database WHERE datname = ANY($1)',
      [databases],
    )
  ).rows;
  return { cpu, statements, transactions: Object.fromEntries(rows.map((r) => [r.datname, Number(r.xacts)])) };
}

/** Runs `measure` (a phase answering its number of decisions) between two snapshots; the costs per decision. */
export async function measureCosts(
  stack: BenchStack,
  measure: () => Promise<number>,
): Promise<DecisionCosts> {
  const pg = new PgClient({ connectionString: stack.databaseUrl });
  await pg.connect();
  try {
    await new Promise((r) => setTimeout(r, STATS_DELAY_MS));
    const before = await snapshot(stack, pg);
    const decisions = await measure();
    await new Promise((r) => setTimeout(r, STATS_DELAY_MS));
    const after = await snapshot(stack, pg);
    const perDecision = (value: number) => (decisions > 0 ? value / decisions : NaN);

    const cpuMs = Object.fromEntries(ROLES.map((role) => [role, 0])) as Record<Role, number>;
    for (const [pid, { role, seconds }] of after.cpu) {
      cpuMs[role] += seconds - (before.cpu.get(pid)?.seconds ?? 0);
    }
    for (const role of ROLES) cpuMs[role] = round(perDecision(cpuMs[role] * 1000));

    const pids = stack.pids();
    const statements = { api: {}, worker: {} } as DecisionCosts['statements'];
    const topStatements = { api: [], worker: [] } as DecisionCosts['topStatements'];
    for (const role of ['api', 'worker'] as const) {
      const sum: Record<string, number> = {};
      for (const pid of pids[role]) {
        const now = after.statements.get(pid) ?? {};
        const then = before.statements.get(pid) ?? {};
        for (const [key, count] of Object.entries(now)) {
          sum[key] = (sum[key] ?? 0) + count - (then[key] ?? 0);
        }
      }
      const ranked = Object.entries(sum)
        .filter(([, n]) => n > 0)
        .sort(([, a], [, b]) => b - a);
      const keywords = ranked.filter(([key]) => !key.startsWith('sql:'));
      const total = keywords.reduce((a, [, n]) => a + n, 0);
      statements[role] = Object.fromEntries(
        [['total', total] as const, ...keywords].map(([k, n]) => [k, round(perDecision(n))]),
      );
      topStatements[role] = ranked
        .filter(([key]) => key.startsWith('sql:'))
        .slice(0, TOP_STATEMENTS)
        .map(([key, n]) => ({ sql: key.slice(4), perDecision: round(perDecision(n)) }));
    }
    const transactions = Object.fromEntries(
      Object.entries(after.transactions).map(([name, n]) => [
        name,
        round(perDecision(n - (before.transactions[name] ?? 0))),
      ]),
    );
    return { decisions, cpuMs, statements, topStatements, transactions };
  } finally {
    await pg.end();
  }
}

/** Temporal round trips per decision: the touched workflows' history events within the phase, by kind. */
export interface RoundTripsPerDecision {
  workflowTasks: number;
  activities: number;
  /** The read-model writes: local activities, a marker in the history each and no round trip of their own. */
  localActivities: number;
  updates: number;
  timers: number;
  events: number;
}

const EventType = temporal.api.enums.v1.EventType;

export async function temporalRoundTrips(
  client: Client,
  workflowIds: string[],
  window: { from: Date; to: Date },
  decisions: number,
): Promise<RoundTripsPerDecision> {
  const counts = { workflowTasks: 0, activities: 0, localActivities: 0, updates: 0, timers: 0, events: 0 };
  for (const id of new Set(workflowIds)) {
    const history = await client.workflow.getHandle(id).fetchHistory();
    for (const event of history.events ?? []) {
      const millis = Number(event.eventTime?.seconds ?? 0) * 1000 + (event.eventTime?.nanos ?? 0) / 1e6;
      if (millis < window.from.getTime() || millis > window.to.getTime()) continue;
      counts.events += 1;
      if (event.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) counts.workflowTasks += 1;
      else if (event.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) counts.activities += 1;
      else if (event.eventType === EventType.EVENT_TYPE_MARKER_RECORDED) counts.localActivities += 1;
      else if (event.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED)
        counts.updates += 1;
      else if (event.eventType === EventType.EVENT_TYPE_TIMER_STARTED) counts.timers += 1;
    }
  }
  return Object.fromEntries(
    Object.entries(counts).map(([k, n]) => [k, round(n / decisions)]),
  ) as unknown as RoundTripsPerDecision;
}
