// The floor of the benchmark: the same decide → next-step wait as householdCase, with no activities,
// no read model and no API. Bench-only; never registered by the platform's worker.

import { condition, defineUpdate, setHandler } from '@temporalio/workflow';

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
