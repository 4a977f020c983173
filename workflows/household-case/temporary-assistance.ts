// 特事特办: temporary assistance for an urgent case, at once and beside whatever phase the case is in.

import type { OpenTaskSummary } from '../../libs/contracts/src/household-case';
import type { HouseholdCase } from './household-case.state';

/** Opens the temporary-assistance task once per case (or waits again for one a former run opened). */
export async function temporaryAssistance(c: HouseholdCase, resumed?: OpenTaskSummary): Promise<void> {
  if (c.temporaryAssistanceOpened && !resumed) return;
  c.temporaryAssistanceOpened = true;
  const decision = await c.task('county', 'temporaryAssistance', { stage: c.stage, resumed });
  if (decision.decision !== 'approve') return;
  await c.writeLedger('support', 'temporaryAssistance', {
    summary: `临时救助 ${String(decision.form?.amount)} 元（特事特办）`,
    ...decision.form,
    decidedBy: decision.actor.username,
  });
}
