// 退出: the village representative meeting confirms (or not); support ends; then three months of observation
// (持续关注期). A relapse reported then re-enrols the household at once in a new, linked case.

import {
  ParentClosePolicy,
  condition,
  getExternalWorkflowHandle,
  startChild,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import {
  HOUSEHOLD_CASE_WORKFLOW,
  SYSTEM_ACTOR,
  householdCaseWorkflowId,
} from '../../libs/contracts/src/household-case';
import type {
  CaseState,
  HouseholdCaseInput,
  ReportRelapseInput,
} from '../../libs/contracts/src/household-case';
import { addDuration, meetingSummary } from '../../libs/domain/src';
import type { HouseholdCase } from './household-case.state';

/** The exit proposed by a review: the closed case, or undefined when the meeting does not confirm it. */
export async function exitAndObservation(c: HouseholdCase): Promise<CaseState | undefined> {
  const stageChange = await c.enterTaskStage('exit');
  const meeting = await c.task('village', 'villageRepresentativeMeeting', {
    stageChange,
    payload: { evaluation: c.evaluation },
  });
  if (meeting.decision !== 'approve') return undefined;
  await c.writeLedger('exit', 'exited', {
    summary: meetingSummary(meeting.form),
    meeting: meeting.form,
    evaluation: c.evaluation,
    decidedBy: meeting.actor.username,
  });
  await stopMeasures(c);
  return observation(c);
}

/** Support ends with the exit: measures still under way stop (each closes its open tasks). */
async function stopMeasures(c: HouseholdCase): Promise<void> {
  for (const measure of c.support!.measures) {
    if (measure.status !== 'running') continue;
    await getExternalWorkflowHandle(measure.workflowId)
      .cancel()
      .catch(() => undefined);
    measure.status = 'cancelled';
  }
}

/** 持续关注期: closed when it passes without a relapse, else re-enrolled. */
async function observation(c: HouseholdCase): Promise<CaseState> {
  await c.enterStage('observation');
  const until = addDuration(new Date(), c.policy.observation).getTime();
  const relapsed = await condition(() => c.relapse !== undefined, Math.max(until - Date.now(), 1));
  if (!relapsed) {
    await c.writeLedger('exit', 'closed', {
      summary: '持续关注期满，未返贫，销档',
      observation: c.policy.observation,
    });
    return c.close('closed', '持续关注期满，未返贫，销档', SYSTEM_ACTOR);
  }
  return reEnrol(c, c.relapse!);
}

/** 即时纳入: a new case, linked to this one, goes through the procedure at once; this one closes. */
async function reEnrol(c: HouseholdCase, report: ReportRelapseInput): Promise<CaseState> {
  const newCaseId = uuid4();
  const reEnrolment = await c.activities.openReEnrolment({
    caseId: c.caseId,
    newCaseId,
    actor: report.actor,
    reason: report.reason,
  });
  await startChild(HOUSEHOLD_CASE_WORKFLOW, {
    workflowId: householdCaseWorkflowId(newCaseId),
    args: [
      {
        caseId: newCaseId,
        householdId: reEnrolment.householdId,
        jurisdictions: reEnrolment.jurisdictions,
        urgent: c.urgent,
        channel: 'reEnrolment',
        previousCaseId: c.caseId,
      } satisfies HouseholdCaseInput,
    ],
    parentClosePolicy: ParentClosePolicy.ABANDON,
    taskQueue: workflowInfo().taskQueue,
  });
  c.reEnrolledAs = newCaseId;
  await c.writeLedger('exit', 'reEnrolled', {
    summary: `返贫即时纳入新案件 ${newCaseId}：${report.reason}`,
    newCaseId,
    reason: report.reason,
    source: report.source,
    reportedBy: report.actor.username,
  });
  return c.close('reEnrolled', report.reason, report.actor);
}
