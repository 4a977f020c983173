// Every message householdCase takes, wired in one place: the queries, the signals, the Updates and their
// validators (the task board wires completeTask and escalateNow itself). A handler records the request; the
// phase that runs takes it up.
//
// An Update's request is taken up only once the server has stored its acceptance (afterAcceptance). The phase
// writes its effects (a withdrawn case closed, an investigation opened) with local activities, in the workflow
// task where it takes the request up; taken up in the task that accepts it, a server that lost that task lost
// the Update too (its database away, one cluster), and the read model kept effects the workflow never had.

import {
  ApplicationFailure,
  getExternalWorkflowHandle,
  patched,
  setHandler,
  sleep,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import {
  STAGE_NOT_ALLOWED,
  SYSTEM_ACTOR,
  caseSettledUpdate,
  caseStateQuery,
  dataCheckWorkflowId,
  fileObjectionUpdate,
  markUrgentSignal,
  measureFinishedSignal,
  reevaluateSignal,
  reportRelapseUpdate,
  withdrawUpdate,
} from '../../libs/contracts/src/household-case';
import type {
  CaseState,
  FileObjectionInput,
  ReportRelapseInput,
  WithdrawInput,
} from '../../libs/contracts/src/household-case';
import { CASE_URGENT_ATTRIBUTE } from '../../libs/contracts/src/search-attributes';
import { WITHDRAWABLE_STAGES } from '../../libs/domain/src';
import type { HouseholdCase } from './household-case.state';
import { temporaryAssistance } from './temporary-assistance';

export function wireHandlers(c: HouseholdCase): void {
  c.board.listen(() => c.summary);
  setHandler(caseStateQuery, () => c.summary);
  setHandler(caseSettledUpdate, () => c.answer());
  setHandler(markUrgentSignal, () => markUrgent(c));
  setHandler(reevaluateSignal, (request) => {
    c.reevaluation = request;
  });
  setHandler(measureFinishedSignal, ({ measureId, status }) => {
    const measure = c.support?.measures.find((m) => m.measureId === measureId);
    if (measure) measure.status = status;
  });
  setHandler(withdrawUpdate, (request) => withdraw(c, request), {
    validator: (_request) => checkWithdrawable(c),
  });
  setHandler(fileObjectionUpdate, (objection) => fileObjection(c, objection), {
    validator: (objection) => checkObjectionOpen(c, objection),
  });
  setHandler(reportRelapseUpdate, (report) => reportRelapse(c, report), {
    validator: (_report) => checkInObservation(c),
  });
}

/** patched() id: an Update's request is taken up once its acceptance is stored (2026-12). */
const REQUEST_AFTER_ACCEPTANCE = 'update-request-after-acceptance';

/**
 * Takes the Update's request up once the server has stored its acceptance: a timer's start completes the workflow
 * task that accepts it, and the timer fires in the next one. `check` runs again then: the case may have moved on.
 */
function afterAcceptance(check: () => void, take: () => Promise<CaseState>): Promise<CaseState> {
  if (!patched(REQUEST_AFTER_ACCEPTANCE)) return take();
  return sleep(1).then(() => {
    check();
    return take();
  });
}

function checkWithdrawable(c: HouseholdCase): void {
  if (!c.procedureRunning || !WITHDRAWABLE_STAGES.includes(c.stage) || c.withdrawal) {
    throw notAllowed('案件已认定或已办结，不能撤回申请');
  }
}

function checkObjectionOpen(c: HouseholdCase, objection: FileObjectionInput): void {
  if (!c.wakeNotice && !c.filed.has(objection.objectionId)) {
    throw notAllowed('只能在村内公示期间提出异议');
  }
}

function checkInObservation(c: HouseholdCase): void {
  if (c.stage !== 'observation') {
    throw notAllowed('只有处于持续关注期（退出后三个月内）的案件可以报告返贫');
  }
}

/** The procedure before recognition is cancelled (village-procedure.ts); answers once the case is closed. */
function withdraw(c: HouseholdCase, request: WithdrawInput): Promise<CaseState> {
  return afterAcceptance(
    // A withdrawal accepted meanwhile (another request) closes the case for this one too.
    () => c.withdrawal ?? checkWithdrawable(c),
    () => {
      c.withdrawal ??= request;
      return c.answer(() => c.final);
    },
  );
}

/** The public notice opens an investigation (public-notice.ts); answers once it has taken the objection up. */
function fileObjection(c: HouseholdCase, objection: FileObjectionInput): Promise<CaseState> {
  return afterAcceptance(
    () => checkObjectionOpen(c, objection),
    () => {
      if (!c.filed.has(objection.objectionId)) {
        c.filed.add(objection.objectionId);
        c.objections.push(objection);
        c.wakeNotice?.();
      }
      return c.answer(() => !c.objections.includes(objection));
    },
  );
}

/** The observation ends in a re-enrolment (exit.ts); answers once this case is closed. */
function reportRelapse(c: HouseholdCase, report: ReportRelapseInput): Promise<CaseState> {
  return afterAcceptance(
    () => c.relapse ?? checkInObservation(c),
    () => {
      c.relapse ??= report;
      return c.answer(() => c.final);
    },
  );
}

function notAllowed(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: STAGE_NOT_ALLOWED, message });
}

/** 特事特办: the flag goes to the search attribute, the open tasks, the children at work, and opens temporary assistance. */
function markUrgent(c: HouseholdCase): void {
  if (c.urgent || c.final) return;
  c.urgent = true;
  upsertSearchAttributes([{ key: CASE_URGENT_ATTRIBUTE, value: true }]);
  c.board.markUrgent();
  for (const measure of c.support?.measures ?? []) {
    if (measure.status === 'running') tell(measure.workflowId);
  }
  if (c.stage === 'dataCheck') tell(dataCheckWorkflowId(c.caseId, c.dataCheckRounds));
  void temporaryAssistance(c);
}

/** Passes the urgent flag on to a child workflow; one that has ended has no use for it. */
function tell(workflowId: string): void {
  void getExternalWorkflowHandle(workflowId)
    .signal(markUrgentSignal, {
      actor: SYSTEM_ACTOR,
      reason: '案件标记为特事特办',
    })
    .catch(() => undefined);
}
