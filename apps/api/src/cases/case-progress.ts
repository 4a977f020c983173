// 流程进度 a case's progress: the lifecycle's stages in order, each passed, current, still to come, skipped
// or where the case ended, with when the case entered and left it — worked out from the stage changes the
// audit log holds.

import { CASE_STAGES, type CaseStage, STAGE_LABELS } from '@libs/domain';

/** The lifecycle's path, in order: intake to 已销档. Other final stages are outcomes that end it early. */
export const PROGRESS_STAGES: readonly CaseStage[] = CASE_STAGES.slice(0, CASE_STAGES.indexOf('closed') + 1);

export const STEP_STATUSES = ['passed', 'current', 'pending', 'skipped', 'rejected'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

export const STEP_STATUS_LABELS: Record<StepStatus, string> = {
  passed: '已完成',
  current: '进行中',
  pending: '未开始',
  skipped: '未经过',
  rejected: '在此终止',
};

/** The case entered `stage` at `at`. */
export interface StageEntry {
  stage: CaseStage;
  at: Date;
}

export interface ProgressStep {
  stage: CaseStage;
  label: string;
  status: StepStatus;
  statusLabel: string;
  /** When the case first entered the stage; null if it never did. */
  enteredAt: Date | null;
  /** When it last left it; null while it is there, or if it never was. */
  leftAt: Date | null;
  /** How many times the case entered it (a return sends it back; reviews repeat). */
  visits: number;
}

export interface CaseProgressOutcome {
  stage: CaseStage;
  label: string;
  at: Date | null;
}

// Outcomes that end the case before its path is done: the stage it was in is where it stopped.
const STOPPING_OUTCOMES = new Set<CaseStage>(['withdrawn', 'rejected']);

/**
 * The steps of the case's path from its stage entries (oldest first), its stage now and whether it is
 * closed. A closed case's outcome other than 已销档 (withdrawn, rejected, re-enrolled, the first version's
 * recognised) is reported apart, and the stage it ended from is `rejected` when the outcome stops the case.
 */
export function caseProgress(
  entries: readonly StageEntry[],
  now: { stage: CaseStage; closed: boolean; closedAt: Date | null },
): { steps: ProgressStep[]; outcome: CaseProgressOutcome | null } {
  // Consecutive entries of one stage are one visit; each visit ends when the next begins.
  const visits: { stage: CaseStage; enteredAt: Date; leftAt: Date | null }[] = [];
  for (const entry of entries) {
    const last = visits[visits.length - 1];
    if (last?.stage === entry.stage) continue;
    if (last) last.leftAt = entry.at;
    visits.push({ stage: entry.stage, enteredAt: entry.at, leftAt: null });
  }
  const ongoing = visits[visits.length - 1];
  const outcome = now.closed && now.stage !== 'closed' ? now.stage : null;
  // The stage the case was in when an outcome ended it.
  const endedIn = outcome
    ? [...visits].reverse().find((visit) => PROGRESS_STAGES.includes(visit.stage) && visit.stage !== 'closed')
        ?.stage
    : undefined;
  const currentIndex = now.closed ? -1 : PROGRESS_STAGES.indexOf(now.stage);

  const steps = PROGRESS_STAGES.map((stage, index): ProgressStep => {
    const own = visits.filter((visit) => visit.stage === stage);
    const isOngoing = !now.closed && ongoing?.stage === stage;
    let status: StepStatus;
    if (now.closed) {
      if (stage === endedIn && outcome && STOPPING_OUTCOMES.has(outcome)) status = 'rejected';
      else status = own.length > 0 ? 'passed' : 'skipped';
    } else if (stage === now.stage) status = 'current';
    else if (index < currentIndex) status = own.length > 0 ? 'passed' : 'skipped';
    else status = 'pending';
    const lastVisit = own[own.length - 1];
    return {
      stage,
      label: STAGE_LABELS[stage],
      status,
      statusLabel: STEP_STATUS_LABELS[status],
      enteredAt: own[0]?.enteredAt ?? null,
      leftAt:
        isOngoing || !lastVisit ? null : (lastVisit.leftAt ?? (stage === now.stage ? null : now.closedAt)),
      visits: own.length,
    };
  });
  // When the history shows the case entering its outcome, that is when it left the stage it ended in.
  const outcomeAt = ongoing?.stage === outcome ? ongoing.enteredAt : now.closedAt;
  return {
    steps,
    outcome: outcome ? { stage: outcome, label: STAGE_LABELS[outcome], at: outcomeAt } : null,
  };
}
