// Whole-lifecycle throughput: cases taken from the application to closed through the API, as the people of
// the demo county decide them (home survey, appraisal, notice, township review, recognition, a one-item
// support plan with its measure at 民政局, the review proposing exit, the village representative meeting),
// with the notice, the review interval and the observation at one second each (stack.ts sets the county's
// policy). Beside it the floor: a bare workflow with the same steps — as many activities, updates, timers
// and child workflows as the first case's histories had, in their order (benchLifecycleFloor).

import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { Pool } from 'pg';
import { householdCaseWorkflowId } from '@libs/contracts';
import { WELLBEING_INDICATORS } from '@libs/domain';
import { DEMO_PASSWORD } from '../lib/demo-county';
import { syntheticApplication, syntheticSurvey } from '../lib/synthetic-households';
import { benchLifecycleFloor, type FloorStep, floorLifecycleUpdate } from './floor.workflow';
import { post, round } from './measure';
import type { BenchStack } from './stack';

const CASES = Number(process.env.BENCH_LIFECYCLE_CASES ?? 60);
export const LIFECYCLE_CONCURRENCY = 20;
const POLL_MS = 100;

export interface LifecycleRun {
  cases: number;
  errors: number;
  /** Decisions answered 409 (a measure's task cancelled by the exit meanwhile): not errors. */
  conflicts?: number;
  seconds: number;
  casesPerMinute: number;
  /** A case's duration from the application to closed, seconds. */
  p50: number;
  p95: number;
  max: number;
}

export interface LifecycleBenchResult {
  concurrency: number;
  /** The steps of one case, as its histories (and its measure's) had them: the floor's too. */
  steps: {
    activities: number;
    localActivities: number;
    updates: number;
    timers: number;
    timerSeconds: number;
    children: number;
  };
  api: LifecycleRun;
  floor: LifecycleRun;
}

type Application = ReturnType<typeof syntheticApplication>;
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const meeting = () => ({
  heldOn: today(),
  attendees: 25,
  votesFor: 23,
  votesAgainst: 2,
  minutes: '到会代表25人，23人同意，2人反对',
});

/** Who decides each kind of task, and how. */
const DECISIONS: Record<string, [username: string, body: (a: Application) => Record<string, unknown>]> = {
  homeSurvey: ['cw_dongli_east', (a) => ({ decision: 'approve', form: syntheticSurvey(a.members) })],
  democraticAppraisal: ['cw_dongli_east', () => ({ decision: 'approve', form: meeting() })],
  publicNotice: [
    'cw_dongli_east',
    () => ({ decision: 'approve', form: { startsOn: today(), place: '村委会公示栏' } }),
  ],
  townshipReview: ['tr_dongli', () => ({ decision: 'approve' })],
  recognition: ['co_county', () => ({ decision: 'approve' })],
  supportPlan: [
    'co_county',
    () => ({
      decision: 'approve',
      form: {
        safetyNet: [{ type: 'minimumLivingAllowance', department: 'civilAffairs', monthlyAmount: 480 }],
        sectorMeasures: [],
      },
    }),
  ],
  measureAcceptance: ['dept_civil', () => ({ decision: 'approve', form: {} })],
  measureImplementation: [
    'dept_civil',
    () => ({ decision: 'approve', form: { implementedOn: today(), report: '已落实到位' } }),
  ],
  measureFollowUp: [
    'co_county',
    () => ({ decision: 'approve', form: { result: 'effective', note: '回访核实，措施见效' } }),
  ],
  periodicReview: [
    'cw_dongli_east',
    (a) => ({
      decision: 'approve',
      form: {
        // Income risen above the line: the review proposes exit.
        incomes: a.members.map((m) => ({
          idNumber: m.idNumber,
          wages: 7900,
          business: 0,
          property: 0,
          transfer: 0,
        })),
        indicators: Object.fromEntries(WELLBEING_INDICATORS.map((i) => [i, true])),
        outcome: 'proposeExit',
      },
    }),
  ],
  villageRepresentativeMeeting: ['cw_dongli_east', () => ({ decision: 'approve', form: meeting() })],
};

function summarise(durations: number[], errors: number, seconds: number): LifecycleRun {
  const sorted = [...durations].sort((a, b) => a - b);
  const at = (p: number) =>
    round(sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? NaN);
  return {
    cases: sorted.length,
    errors,
    seconds: round(seconds),
    casesPerMinute: round((sorted.length / seconds) * 60),
    p50: at(0.5),
    p95: at(0.95),
    max: at(1),
  };
}

/** Runs `count` cases, `concurrency` at a time; each answers its duration in seconds. */
async function runCases(
  count: number,
  concurrency: number,
  one: () => Promise<number>,
): Promise<LifecycleRun> {
  const durations: number[] = [];
  let errors = 0;
  let started = 0;
  const began = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (started < count) {
        started += 1;
        try {
          durations.push(await one());
        } catch (error) {
          errors += 1;
          if (errors <= 3)
            console.error('  lifecycle error:', error instanceof Error ? error.message : error);
        }
      }
    }),
  );
  return summarise(durations, errors, (performance.now() - began) / 1000);
}

const EventType = temporal.api.enums.v1.EventType;
const millisOf = (time: { seconds?: unknown; nanos?: number | null } | null | undefined) =>
  Number(time?.seconds ?? 0) * 1000 + (time?.nanos ?? 0) / 1e6;

/** The case's steps in time order, from its workflow's history and its children's (the support measure). */
async function stepsOf(client: Client, workflowId: string): Promise<FloorStep[]> {
  const timed: [number, FloorStep][] = [];
  const read = async (id: string) => {
    const events = (await client.workflow.getHandle(id).fetchHistory()).events ?? [];
    const timerMs = new Map<string, number>();
    for (const event of events) {
      const at = millisOf(event.eventTime);
      if (event.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
        timed.push([at, { kind: 'activity' }]);
      // The read-model writes are local activities: a marker each.
      else if (event.eventType === EventType.EVENT_TYPE_MARKER_RECORDED)
        timed.push([at, { kind: 'localActivity' }]);
      else if (event.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED)
        timed.push([at, { kind: 'update' }]);
      else if (event.eventType === EventType.EVENT_TYPE_TIMER_STARTED) {
        const duration = event.timerStartedEventAttributes?.startToFireTimeout;
        timerMs.set(String(event.eventId), millisOf(duration));
      } else if (event.eventType === EventType.EVENT_TYPE_TIMER_FIRED) {
        // Only the timers that fired took time (the deadlines' never do here).
        const ms = timerMs.get(String(event.timerFiredEventAttributes?.startedEventId)) ?? 0;
        timed.push([at - ms, { kind: 'timer', ms: Math.round(ms) }]);
      } else if (event.eventType === EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED) {
        timed.push([at, { kind: 'child' }]);
        await read(event.startChildWorkflowExecutionInitiatedEventAttributes!.workflowId!);
      }
    }
  };
  await read(workflowId);
  return timed.sort(([a], [b]) => a - b).map(([, step]) => step);
}

export async function runLifecycleBench(
  stack: BenchStack,
  log: (message: string) => void,
): Promise<LifecycleBenchResult> {
  const { baseUrl, client } = stack;
  const tokens = new Map<string, string>();
  for (const username of new Set(Object.values(DECISIONS).map(([u]) => u))) {
    tokens.set(
      username,
      (await post(`${baseUrl}/auth/login`, { username, password: DEMO_PASSWORD })).accessToken,
    );
  }
  const pg = new Pool({ connectionString: stack.databaseUrl, max: 4 });
  try {
    let conflicts = 0;
    /** One case through the API; answers its workflow id and its duration in seconds. */
    const apiCase = async (): Promise<{ workflowId: string; seconds: number }> => {
      const t0 = performance.now();
      const application = syntheticApplication();
      const created = await post(`${baseUrl}/cases`, application, tokens.get('cw_dongli_east'));
      const workflowId = householdCaseWorkflowId(created.id);
      let closed = false;
      const result = client.workflow
        .getHandle(workflowId)
        .result()
        .finally(() => (closed = true));
      while (!closed) {
        const { rows } = await pg.query(
          `SELECT id, kind FROM tasks WHERE case_id = $1 AND status = 'open' ORDER BY opened_at, id`,
          [created.id],
        );
        const task = rows.find((t: { kind: string }) => t.kind in DECISIONS);
        if (!task) {
          await Promise.race([result, new Promise((r) => setTimeout(r, POLL_MS))]);
          continue;
        }
        const [username, body] = DECISIONS[task.kind];
        // A measure's task the exit has just cancelled, or one the read model still showed open: 409, as a
        // person would see it; the case goes on.
        await post(
          `${baseUrl}/tasks/${encodeURIComponent(task.id)}/complete`,
          body(application),
          tokens.get(username),
        ).catch((error: Error) => {
          if (!error.message.startsWith('409')) throw error;
          conflicts += 1;
        });
      }
      const state = (await result) as { stage: string };
      if (state.stage !== 'closed') throw new Error(`case ${created.id} ended at ${state.stage}`);
      return { workflowId, seconds: (performance.now() - t0) / 1000 };
    };

    log('整个生命周期：先走一件，记下其步骤作为下限工作流的步骤…');
    const sample = await apiCase();
    const steps = await stepsOf(client, sample.workflowId);
    const count = (kind: FloorStep['kind']) => steps.filter((s) => s.kind === kind).length;
    const timers = steps.filter((s): s is Extract<FloorStep, { kind: 'timer' }> => s.kind === 'timer');
    const floorCase = async () => {
      const t0 = performance.now();
      const handle = await client.workflow.start(benchLifecycleFloor, {
        args: [steps],
        taskQueue: stack.floorQueue,
        workflowId: `bench-lifecycle-floor-${randomUUID()}`,
      });
      for (let i = 0; i < count('update'); i++) await handle.executeUpdate(floorLifecycleUpdate);
      await handle.result();
      return (performance.now() - t0) / 1000;
    };
    log(`整个生命周期：${CASES} 件，${LIFECYCLE_CONCURRENCY} 件同时办理（API）…`);
    const api = await runCases(CASES, LIFECYCLE_CONCURRENCY, async () => (await apiCase()).seconds);
    api.conflicts = conflicts;
    log(`整个生命周期：${CASES} 件，${LIFECYCLE_CONCURRENCY} 件同时办理（裸 Temporal 下限）…`);
    const floor = await runCases(CASES, LIFECYCLE_CONCURRENCY, floorCase);
    return {
      concurrency: LIFECYCLE_CONCURRENCY,
      steps: {
        activities: count('activity'),
        localActivities: count('localActivity'),
        updates: count('update'),
        timers: timers.length,
        timerSeconds: round(timers.reduce((sum, t) => sum + t.ms, 0) / 1000),
        children: count('child'),
      },
      api,
      floor,
    };
  } finally {
    await pg.end();
  }
}
