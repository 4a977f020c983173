// The case workflow's timer-driven paths with its activities replaced by an in-memory read model: escalation
// level by level, the notice period, reviews and the one-year limit, the observation period and a relapse in
// it. Deadlines and periods are seconds (the fake's tasks fall due at once, the county policy's periods are
// PT1S), so each path takes a few seconds of the real dev server and no database.
//
// The SDK's time-skipping test server would do this in milliseconds, but it is a binary the SDK downloads on
// first use, which this machine's closed network refuses; the dev server started for the integration specs
// runs the same workflow code on short periods instead.

import { randomUUID } from 'node:crypto';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import type { Client, WorkflowHandle, WorkflowUpdateFailedError } from '@temporalio/client';
import {
  type Actor,
  type CaseState,
  type CloseCaseInput,
  type ClosedTask,
  type CloseTaskInput,
  completeTaskUpdate,
  type EligibilityRecord,
  type EscalateTaskInput,
  HOUSEHOLD_CASE_WORKFLOW,
  type HouseholdCaseInput,
  householdCaseWorkflowId,
  type LedgerEntryInput,
  type OpenTaskInput,
  reportRelapseUpdate,
  type SupportState,
} from '@libs/contracts';
import { DEFAULT_LIFECYCLE_POLICY, type LifecyclePolicy } from '@libs/domain';
import { parsePayloadKey } from '@libs/config';
import { AesGcmPayloadCodec, caseDataConverter, connectClient } from '@libs/temporal';
import * as forms from './support/forms';
import { eventually, testEnv } from './support/platform';

const MEMBERS = [{ name: '王某', idNumber: '110101199001011237', relation: 'self', annualIncome: 3000 }];
const CASEWORKER: Actor = { userId: 'u1', username: 'cw_test', role: 'caseworker', jurisdictionId: 'v1' };

/** A task falls due this long after it opens, and each escalation level as long after the last. */
const DUE_MS = 400;

interface Call {
  activity: string;
  input: unknown;
  at: number;
}

/** The activities, recording each call in order; what the workflow reads back is made up here. */
class FakeReadModel {
  readonly calls: Call[] = [];
  constructor(private readonly policy: LifecyclePolicy) {}

  of<T>(activity: string): T[] {
    return this.calls.filter((c) => c.activity === activity).map((c) => c.input as T);
  }

  private record(activity: string, input: unknown): void {
    this.calls.push({ activity, input, at: Date.now() });
  }

  async loadLifecyclePolicy(): Promise<LifecyclePolicy> {
    return this.policy;
  }
  async openTask(input: OpenTaskInput) {
    this.record('openTask', input);
    return { dueAt: new Date(Date.now() + DUE_MS).toISOString() };
  }
  async escalateTask(input: EscalateTaskInput) {
    this.record('escalateTask', input);
    return { nextDeadline: new Date(Date.parse(input.deadline!) + DUE_MS).toISOString() };
  }
  async rescheduleTask(input: unknown) {
    this.record('rescheduleTask', input);
    return { dueAt: new Date(Date.now() + DUE_MS).toISOString() };
  }
  async closeTask(input: CloseTaskInput): Promise<ClosedTask> {
    this.record('closeTask', input);
    return input.evaluation ? { evaluation: await this.evaluateCase(input.evaluation) } : {};
  }
  async evaluateCase(input: unknown): Promise<EligibilityRecord> {
    this.record('evaluateCase', input);
    return {
      eligible: true,
      basis: 'quantitative',
      disqualifiedBy: [],
      reasons: ['人均收入低于相对贫困线'],
      perCapitaIncome: 3000,
      povertyLine: 6000,
      year: 2026,
      evaluatedAt: new Date().toISOString(),
    };
  }
  async loadHousehold() {
    return { members: MEMBERS };
  }
  async openReEnrolment(input: unknown) {
    this.record('openReEnrolment', input);
    return { householdId: 'h1', jurisdictions: JURISDICTIONS };
  }
}

// The writes the workflow only makes: recorded, nothing to answer.
for (const activity of [
  'cancelTasks',
  'recordStage',
  'closeCase',
  'recordDataCheck',
  'recordOverride',
  'writeLedgerEntry',
  'recordMeasure',
  'raiseIncident',
  'resolveIncident',
]) {
  Object.defineProperty(FakeReadModel.prototype, activity, {
    value: async function (this: FakeReadModel, input: unknown) {
      (this as unknown as { record(a: string, i: unknown): void }).record(activity, input);
    },
  });
}

const JURISDICTIONS = { villageId: 'v1', townshipId: 't1', countyId: 'c1' };

/** The integration run's payload key, as the platform's clients and workers use it. */
function codec(): AesGcmPayloadCodec {
  return new AesGcmPayloadCodec({ current: parsePayloadKey(testEnv().payloadKey)!, old: [] });
}

let client: Client;
let connection: NativeConnection;
const workers: { worker: Worker; running: Promise<void> }[] = [];

beforeAll(async () => {
  // Workers' lifecycle chatter hides what a failing spec printed.
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const env = testEnv();
  client = await connectClient({ address: env.temporalAddress, namespace: 'default', payloadCodec: codec() });
  connection = await NativeConnection.connect({ address: env.temporalAddress });
});

afterAll(async () => {
  for (const { worker } of workers) worker.shutdown();
  await Promise.all(workers.map((w) => w.running));
  await connection?.close();
  await client?.connection.close();
});

/** A worker of its own (own task queue) over a fake read model with the county policy given. */
async function startWorker(
  policy: Partial<LifecyclePolicy>,
): Promise<{ fake: FakeReadModel; taskQueue: string }> {
  const env = testEnv();
  const fake = new FakeReadModel({ ...DEFAULT_LIFECYCLE_POLICY, ...policy, dataCheckDepartments: [] });
  const taskQueue = `timers-${randomUUID()}`;
  const activities = Object.fromEntries(
    Object.getOwnPropertyNames(FakeReadModel.prototype)
      .filter((name) => !['constructor', 'of', 'record'].includes(name))
      .map((name) => [name, (fake as unknown as Record<string, (i: unknown) => unknown>)[name].bind(fake)]),
  );
  const worker = await Worker.create({
    connection,
    taskQueue,
    workflowBundle: { codePath: env.workflowBundle },
    activities,
    dataConverter: caseDataConverter(codec()),
  });
  workers.push({ worker, running: worker.run() });
  return { fake, taskQueue };
}

async function startCase(
  taskQueue: string,
  extra: Partial<HouseholdCaseInput> = {},
): Promise<WorkflowHandle> {
  const caseId = randomUUID();
  return client.workflow.start(HOUSEHOLD_CASE_WORKFLOW, {
    workflowId: householdCaseWorkflowId(caseId),
    taskQueue,
    args: [
      {
        caseId,
        householdId: 'h1',
        jurisdictions: JURISDICTIONS,
        urgent: false,
        channel: 'application',
        ...extra,
      },
    ],
  });
}

/** Waits until the workflow has opened a task of `kind`; its id. */
async function opened(fake: FakeReadModel, kind: string, attempt = 1): Promise<string> {
  return eventually(
    async () => fake.of<OpenTaskInput>('openTask').filter((t) => t.kind === kind)[attempt - 1]?.taskId,
  );
}

function decide(
  handle: WorkflowHandle,
  taskId: string,
  decision: 'approve' | 'reject',
  form?: Record<string, unknown>,
): Promise<CaseState> {
  return handle.executeUpdate(completeTaskUpdate, {
    args: [
      {
        taskId,
        decision,
        form,
        actor: CASEWORKER,
        ...(decision === 'reject' ? { reason: '不符合条件' } : {}),
      },
    ],
    updateId: randomUUID(),
  });
}

/** A case recognised two years ago, in support, its last review just done. */
function inSupport(recognisedAt: Date): SupportState {
  return {
    recognisedAt: recognisedAt.toISOString(),
    reviews: 3,
    lastReviewAt: new Date().toISOString(),
    planVersion: 1,
    plan: { safetyNet: [], sectorMeasures: [] },
    measures: [],
    temporaryAssistanceOpened: false,
    stageChanges: 20,
    attempts: { periodicReview: 3 },
  };
}

/** A case in support whose review proposed exit and whose village meeting agreed: in observation for `observation`. */
async function exited(observation: string): Promise<{ fake: FakeReadModel; handle: WorkflowHandle }> {
  const { fake, taskQueue } = await startWorker({ reviewInterval: 'PT1S', observation });
  const handle = await startCase(taskQueue, { support: inSupport(new Date()) });
  const review = await opened(fake, 'periodicReview');
  await decide(handle, review, 'approve', forms.periodicReview(MEMBERS, 'proposeExit'));
  await decide(handle, await opened(fake, 'villageRepresentativeMeeting'), 'approve', forms.meeting());
  return { fake, handle };
}

describe('the case workflow on short timers (activities faked)', () => {
  it('escalates an open task at each deadline, level 1 to 3 and no further, and still takes the decision', async () => {
    const { fake, taskQueue } = await startWorker({});
    const handle = await startCase(taskQueue);
    const taskId = await opened(fake, 'homeSurvey');
    await eventually(async () => (fake.of('escalateTask').length === 3 ? true : undefined));
    const levels = fake.of<EscalateTaskInput>('escalateTask');
    expect(levels.map((e) => [e.taskId, e.level])).toEqual([
      [taskId, 1],
      [taskId, 2],
      [taskId, 3],
    ]);
    // Each level counts from the deadline before it.
    expect(Date.parse(levels[2].deadline!) - Date.parse(levels[1].deadline!)).toBe(DUE_MS);
    await new Promise((resolve) => setTimeout(resolve, 3 * DUE_MS));
    expect(fake.of('escalateTask')).toHaveLength(3);

    const state = await decide(handle, taskId, 'reject');
    expect(state.stage).toBe('rejected');
    expect(fake.of<CloseCaseInput>('closeCase')).toEqual([expect.objectContaining({ outcome: 'rejected' })]);
  });

  it('keeps the township review closed until the notice period has passed', async () => {
    const { fake, taskQueue } = await startWorker({ publicNotice: 'PT2S' });
    const handle = await startCase(taskQueue);
    await decide(handle, await opened(fake, 'homeSurvey'), 'approve', forms.homeSurvey(MEMBERS));
    await decide(handle, await opened(fake, 'democraticAppraisal'), 'approve', forms.meeting());
    await decide(handle, await opened(fake, 'publicNotice'), 'approve', forms.publicNotice());
    const noticed = Date.now();
    await opened(fake, 'townshipReview');
    const openedAt = fake.calls.find(
      (c) => c.activity === 'openTask' && (c.input as OpenTaskInput).kind === 'townshipReview',
    )!.at;
    expect(openedAt - noticed).toBeGreaterThanOrEqual(2_000);
    expect(openedAt - noticed).toBeLessThan(10_000);
    await handle.terminate('spec done');
  });

  it('opens the review when the interval is up; past the one-year limit, continuing needs a justification', async () => {
    const { fake, taskQueue } = await startWorker({ reviewInterval: 'PT1S', supportLimit: 'P1Y' });
    const handle = await startCase(taskQueue, {
      support: inSupport(new Date(Date.now() - 2 * 365 * 86_400_000)),
    });
    const started = Date.now();
    const taskId = await opened(fake, 'periodicReview');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    const review = fake.of<OpenTaskInput>('openTask').find((t) => t.taskId === taskId)!;
    expect(review.payload).toMatchObject({ round: 4, limitReached: true });

    const refused = await decide(handle, taskId, 'approve', forms.periodicReview(MEMBERS, 'continue')).catch(
      (error: WorkflowUpdateFailedError) => error.cause?.message,
    );
    expect(refused).toBe('帮扶已满一年，继续帮扶或调整计划须填写理由（form.justification）');
    await decide(
      handle,
      taskId,
      'approve',
      forms.periodicReview(MEMBERS, 'continue', undefined, { justification: '家中病人仍在治疗，收入未稳定' }),
    );
    const [ledger] = fake.of<LedgerEntryInput>('writeLedgerEntry');
    expect(ledger).toMatchObject({
      ledger: 'support',
      event: 'reviewed',
      entry: { round: 4, outcome: 'continue', limitReached: true },
    });
    // The run continues as new at the review boundary, and the next review falls due after another interval.
    await opened(fake, 'periodicReview', 2);
    await handle.terminate('spec done');
  });

  it('closes the case when the observation period passes without a relapse', async () => {
    const { fake, handle } = await exited('PT2S');
    const exitedAt = Date.now();
    const state: CaseState = await handle.result();
    expect(Date.now() - exitedAt).toBeGreaterThanOrEqual(2_000);
    expect(state.stage).toBe('closed');
    expect(fake.of<LedgerEntryInput>('writeLedgerEntry').map((e) => `${e.ledger}:${e.event}`)).toEqual([
      'support:reviewed',
      'exit:exited',
      'exit:closed',
    ]);
  });

  it('re-enrols the household at once when a relapse is reported during the observation', async () => {
    const { fake, handle } = await exited('P3M');
    await eventually(async () =>
      fake.of<{ stage: string }>('recordStage').some((s) => s.stage === 'observation') ? true : undefined,
    );
    const state = await handle.executeUpdate(reportRelapseUpdate, {
      args: [{ reason: '户主突发重病', source: 'caseworker', actor: CASEWORKER }],
      updateId: randomUUID(),
    });
    expect(state).toMatchObject({ stage: 'reEnrolled', reEnrolledAs: expect.any(String) });
    // The new case is a workflow of its own, already at its home survey.
    const newCase = client.workflow.getHandle(householdCaseWorkflowId(state.reEnrolledAs!));
    await eventually(async () =>
      fake
        .of<OpenTaskInput>('openTask')
        .some((t) => t.caseId === state.reEnrolledAs && t.kind === 'homeSurvey')
        ? true
        : undefined,
    );
    await newCase.terminate('spec done');
  });
});
