// The human-task round trip (complete a task → the next task is open) at 1, 10, 20 and 50 concurrent users:
// through the API; "direct" (the same Update with the same read-model writes, straight to the workflow, no
// API); and the bare floor (the same decide → next-step wait with no activities, no read model, no API). At
// 20 users each is measured with its costs per decision (costs.ts).

import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import { completeTaskUpdate, householdCaseWorkflowId } from '@libs/contracts';
import { DEMO_PASSWORD } from '../lib/demo-county';
import { syntheticApplication, syntheticSurvey } from '../lib/synthetic-households';
import { type DecisionCosts, measureCosts, type RoundTripsPerDecision, temporalRoundTrips } from './costs';
import { floorDecisionUpdate } from './floor.workflow';
import { PHASE_SECONDS, type PhaseResult, phase, post, type Subject } from './measure';
import type { BenchStack } from './stack';

export const CONCURRENCY = [1, 10, 20, 50];
/** The concurrency the goals name, where the costs are read. */
export const COST_USERS = 20;
const ROUNDS_PER_CASE = 40;

export type RoundTripLabel = 'api' | 'direct' | 'floor';

export interface RoundTripBenchResult {
  phases: PhaseResult[];
  /** At COST_USERS: CPU, statements and transactions per decision. */
  costs: Record<RoundTripLabel, DecisionCosts>;
  /** At COST_USERS: the Temporal round trips per decision. */
  temporal: Record<RoundTripLabel, RoundTripsPerDecision>;
}

type Decision = { decision: string; reason?: string; form?: Record<string, unknown> };
type Session = {
  accessToken: string;
  user: { id: string; username: string; role: string; jurisdictionId: string };
};

/** A subject whose workflows the costs read. */
export interface TrackedSubject extends Subject {
  workflowIds(): string[];
}

/**
 * The three subjects on the stack: a case takes ROUNDS_PER_CASE round trips, then the user moves to a fresh one
 * (set up untimed): real cases see a handful of decisions each, and Temporal caps the updates one run may take.
 * Each round trip alternates a home survey (→ appraisal, with the criteria evaluated) and an appraisal sent back
 * for a new survey (→ home survey again).
 */
export async function roundTripSubjects(stack: BenchStack): Promise<Record<RoundTripLabel, TrackedSubject>> {
  const { baseUrl, client } = stack;
  const caseworker: Session = await post(`${baseUrl}/auth/login`, {
    username: 'cw_dongli_east',
    password: DEMO_PASSWORD,
  });
  type Decide = (taskId: string, decision: Decision) => Promise<string>;
  const throughApi: Decide = async (taskId, decision) =>
    (await post(`${baseUrl}/tasks/${taskId}/complete`, decision, caseworker.accessToken)).case.stage;
  const direct: Decide = async (taskId, decision) => {
    const state = await client.workflow
      .getHandle(householdCaseWorkflowId(taskId.split(':')[0]))
      .executeUpdate(completeTaskUpdate, {
        updateId: randomUUID(),
        args: [
          {
            taskId,
            ...(decision as { decision: 'approve' | 'return' }),
            actor: {
              userId: caseworker.user.id,
              username: caseworker.user.username,
              role: caseworker.user.role as never,
              jurisdictionId: caseworker.user.jurisdictionId,
            },
          },
        ],
      });
    return state.stage;
  };

  type BenchCase = {
    id: string;
    survey: Decision;
    next: 'homeSurvey' | 'democraticAppraisal';
    attempt: number;
    rounds: number;
  };
  const caseSubject = (decide: Decide): TrackedSubject => {
    const cases: (BenchCase | undefined)[] = [];
    const ids: string[] = [];
    return {
      workflowIds: () => ids,
      async prepare(user) {
        if (cases[user] && cases[user].rounds < ROUNDS_PER_CASE) return;
        const application = syntheticApplication();
        const created = await post(`${baseUrl}/cases`, application, caseworker.accessToken);
        const survey = { decision: 'approve', form: syntheticSurvey(application.members) };
        cases[user] = { id: created.id, survey, next: 'homeSurvey', attempt: 1, rounds: 0 };
        ids.push(householdCaseWorkflowId(created.id));
      },
      async roundTrip(user) {
        const c = cases[user]!;
        c.rounds += 1;
        if (c.next === 'homeSurvey') {
          const stage = await decide(`${c.id}:homeSurvey:${c.attempt}`, c.survey);
          if (stage !== 'democraticAppraisal') throw new Error(`unexpected stage ${stage}`);
          c.next = 'democraticAppraisal';
        } else {
          const stage = await decide(`${c.id}:democraticAppraisal:${c.attempt}`, {
            decision: 'return',
            reason: '基准测试：退回重新入户',
          });
          if (stage !== 'homeSurvey') throw new Error(`unexpected stage ${stage}`);
          c.next = 'homeSurvey';
          c.attempt += 1;
        }
      },
    };
  };

  const floors: ({ handle: WorkflowHandle; rounds: number } | undefined)[] = [];
  const floorIds: string[] = [];
  const floor: TrackedSubject = {
    workflowIds: () => floorIds,
    async prepare(user) {
      if (floors[user] && floors[user].rounds < ROUNDS_PER_CASE) return;
      const handle = await client.workflow.start('benchFloor', {
        taskQueue: stack.floorQueue,
        workflowId: `bench-floor-${user}-${randomUUID()}`,
      });
      floorIds.push(handle.workflowId);
      floors[user] = { handle, rounds: 0 };
    },
    async roundTrip(user) {
      const f = floors[user]!;
      f.rounds += 1;
      await f.handle.executeUpdate(floorDecisionUpdate);
    },
  };
  return { api: caseSubject(throughApi), direct: caseSubject(direct), floor };
}

export async function runRoundTripBench(
  stack: BenchStack,
  log: (message: string) => void,
): Promise<RoundTripBenchResult> {
  const subjects = await roundTripSubjects(stack);
  const labels: RoundTripLabel[] = ['api', 'direct', 'floor'];
  // Warm every path before measuring, and give each user its first case: the measured phases then open a
  // new case only every ROUNDS_PER_CASE decisions of a user.
  for (const label of labels) await phase(label, Math.max(...CONCURRENCY), subjects[label], 2);
  const phases: PhaseResult[] = [];
  const costs = {} as RoundTripBenchResult['costs'];
  const temporal = {} as RoundTripBenchResult['temporal'];
  for (const users of CONCURRENCY) {
    log(`测量 ${users} 个并发用户（每项 ${PHASE_SECONDS} 秒）…`);
    for (const label of labels) {
      if (users !== COST_USERS) {
        phases.push(await phase(label, users, subjects[label]));
        continue;
      }
      const from = new Date();
      let result: PhaseResult | undefined;
      costs[label] = await measureCosts(stack, async () => {
        result = await phase(label, users, subjects[label]);
        return result.ops;
      });
      phases.push(result!);
      temporal[label] = await temporalRoundTrips(
        stack.client,
        subjects[label].workflowIds(),
        { from, to: new Date() },
        result!.ops,
      );
    }
  }
  return { phases, costs, temporal };
}
