// The floors of the benchmark, bench-only and never registered by the platform's worker. benchFloor: the same
// decide → next-step wait as householdCase, with no activities, no read model and no API. benchLifecycleFloor:
// a case's whole life as bare steps, as many activities (local ones too), updates, timers and child workflows, in the order a
// real case's history had them (lifecycle.ts reads them), each activity doing nothing.

import {
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  defineUpdate,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  sleep,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';

export const floorDecisionUpdate = defineUpdate<number, []>('floorDecision');

export async function benchFloor(): Promise<void> {
  let step = 0;
  let decided = false;
  let settled = true;
  setHandler(floorDecisionUpdate, async () => {
    decided = true;
    settled = false;
    await condition(() => settled);
    return step;
  });
  for (;;) {
    await condition(() => decided);
    decided = false;
    step += 1;
    settled = true;
  }
}

export type FloorStep =
  | { kind: 'activity' }
  | { kind: 'localActivity' }
  | { kind: 'update' }
  | { kind: 'timer'; ms: number }
  | { kind: 'child' };

/** The floor's activities: nothing to do (floor-worker registers it). */
export interface FloorActivities {
  floorStep(): Promise<void>;
}

const { floorStep } = proxyActivities<FloorActivities>({ startToCloseTimeout: '1 minute' });
const local = proxyLocalActivities<FloorActivities>({ startToCloseTimeout: '1 minute' });

/** An update's answer comes once the floor waits again (for the next update or a timer), as a decision's does. */
export const floorLifecycleUpdate = defineUpdate<number, []>('floorLifecycleStep');

export async function benchLifecycleFloor(steps: FloorStep[]): Promise<number> {
  let received = 0;
  let consumed = 0;
  let settled = 0;
  setHandler(floorLifecycleUpdate, async () => {
    const index = received++;
    await condition(() => settled > index);
    return index;
  });
  let children = 0;
  for (const step of steps) {
    if (step.kind === 'update') {
      settled = consumed;
      await condition(() => received > consumed);
      consumed += 1;
    } else if (step.kind === 'timer') {
      settled = consumed;
      await sleep(step.ms);
    } else if (step.kind === 'activity') {
      await floorStep();
    } else if (step.kind === 'localActivity') {
      await local.floorStep();
    } else {
      children += 1;
      await startChild(benchFloorChild, {
        workflowId: `${workflowInfo().workflowId}-child-${children}`,
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
    }
  }
  settled = consumed;
  await condition(allHandlersFinished);
  return consumed;
}

/** A child the floor starts where the case started one (a support measure): its own steps are in the floor's list. */
export async function benchFloorChild(): Promise<number> {
  return 0;
}
