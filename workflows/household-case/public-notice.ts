// 村内公示: the caseworker posts the notice; for the notice period anyone may object (fileObjectionUpdate, see
// handlers.ts). Each objection opens an investigation; the notice passes when its period is over and every
// investigation has dismissed its objection. An upheld objection rejects the case or sends it back at once.

import { CancellationScope, sleep } from '@temporalio/workflow';
import type { FileObjectionInput, TaskCompletion } from '../../libs/contracts/src/household-case';
import { addDuration } from '../../libs/domain/src';
import type { StageChange } from '../human-tasks';
import type { HouseholdCase } from './household-case.state';

/** Returns the posting decision when the notice passes, else the investigation that upheld an objection. */
export async function publicNotice(
  c: HouseholdCase,
  stageChange: StageChange,
): Promise<TaskCompletion<'publicNotice' | 'objectionInvestigation'>> {
  const posted = await c.task('village', 'publicNotice', {
    stageChange,
    payload: { period: c.policy.publicNotice },
  });
  const endsAt = addDuration(new Date(), c.policy.publicNotice);
  await c.activities.recordStage({
    caseId: c.caseId,
    stage: 'publicNotice',
    seq: (c.stageChanges += 1),
    reason: `公示期至 ${endsAt.toISOString()}（${String(posted.form?.place ?? '')}）`,
  });
  const investigations = new CancellationScope();
  const upheld = await hearObjections(c, investigations, endsAt);
  // Other investigations are moot once one objection is upheld.
  const moot = c.board.openTasks().filter((t) => t.kind === 'objectionInvestigation');
  investigations.cancel();
  if (!upheld) return posted;
  if (moot.length > 0) {
    await c.activities.cancelTasks({
      caseId: c.caseId,
      taskIds: moot.map((t) => t.taskId),
      reason: '另一异议已查实，本异议不再调查',
    });
  }
  return upheld;
}

/**
 * Until the period is over with no investigation running, or one objection is upheld: each objection filed
 * opens an investigation in `investigations`. Returns the decision that upheld one, if any.
 */
async function hearObjections(
  c: HouseholdCase,
  investigations: CancellationScope,
  endsAt: Date,
): Promise<TaskCompletion<'objectionInvestigation'> | undefined> {
  let upheld: TaskCompletion<'objectionInvestigation'> | undefined;
  let running = 0;
  let periodOver = false;
  // Each event (an objection filed, an investigation decided, the period over) wakes the loop within the
  // same activation, so the answer to whoever caused it goes out only once the loop has reacted.
  let wake = () => {};
  c.wakeNotice = () => wake();
  void investigations
    .run(() => sleep(endsAt.getTime() - Date.now()))
    .then(() => {
      periodOver = true;
      wake();
    })
    .catch(() => undefined);
  try {
    while (!upheld && !(periodOver && running === 0)) {
      const objection = c.objections.shift();
      if (!objection) {
        await Promise.race([
          new Promise<void>((resolve) => (wake = resolve)),
          CancellationScope.current().cancelRequested,
        ]);
        continue;
      }
      running += 1;
      void investigations
        .run(() => investigate(c, objection))
        .then((decision) => {
          running -= 1;
          if (decision.decision !== 'approve') upheld ??= decision;
          wake();
        })
        .catch(() => undefined);
    }
  } finally {
    c.wakeNotice = undefined;
  }
  return upheld;
}

function investigate(
  c: HouseholdCase,
  objection: FileObjectionInput,
): Promise<TaskCompletion<'objectionInvestigation'>> {
  return c.task('village', 'objectionInvestigation', {
    about: objection.objectionId,
    payload: { objector: objection.objector, content: objection.content, filedBy: objection.actor },
  });
}
