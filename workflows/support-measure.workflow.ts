// 会商转办 → 落实 → 跟踪问效: one measure of the support plan, carried out by its department. The case's
// workflow hears of the end by a signal (it may have continued as new since it started the measure).

import {
  CancellationScope,
  allHandlersFinished,
  condition,
  getExternalWorkflowHandle,
  isCancellation,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import {
  caseStateQuery,
  householdCaseWorkflowId,
  markUrgentSignal,
  measureFinishedSignal,
} from '../libs/contracts/src/household-case';
import type {
  CaseState,
  SupportMeasureInput,
  SupportMeasureResult,
} from '../libs/contracts/src/household-case';
import type { RecordMeasureInput } from '../libs/contracts/src/activities';
import { measureSummary } from '../libs/domain/src';
import { InFlight, TaskBoard } from './human-tasks';
import { Incidents } from './incidents';
import { readModel } from './proxies';

export async function supportMeasure(input: SupportMeasureInput): Promise<SupportMeasureResult> {
  const { caseId, measureId, jurisdictions, label, department, item } = input;
  let urgent = input.urgent;
  const inFlight = new InFlight();
  const incidents = new Incidents(caseId, (a) => inFlight.track(a));
  const activities = incidents.guard(inFlight.track(readModel));
  const board = new TaskBoard({
    caseId,
    ownerId: measureId,
    workflowId: workflowInfo().workflowId,
    urgent: () => urgent,
    inFlight,
    incidents,
    attempts: {},
  });
  const state = (): CaseState => ({ caseId, stage: 'inSupport', openTasks: board.openTasks() });
  board.listen(state);
  setHandler(caseStateQuery, state);
  setHandler(markUrgentSignal, () => {
    urgent = true;
    board.markUrgent();
  });

  const record = (status: RecordMeasureInput['status'], detail?: object) =>
    activities.recordMeasure({ measureId, caseId, status, label, department, item, detail: { ...detail } });

  try {
    return await carryOut();
  } catch (error) {
    if (!isCancellation(error)) throw error;
    // The household exited: the measure stops, and nobody is left with a task for it.
    await CancellationScope.nonCancellable(async () => {
      await activities.cancelTasks({
        caseId,
        workflowId: workflowInfo().workflowId,
        reason: '帮扶对象已退出，措施终止',
      });
      await record('cancelled');
    });
    throw error;
  }

  async function carryOut(): Promise<SupportMeasureResult> {
    const departmentTask = {
      stage: 'inSupport' as const,
      jurisdictionId: jurisdictions.countyId,
      department,
    };
    const payload = { measureId, label, department, item };

    await record('transferred');
    const acceptance = await board.run({ kind: 'measureAcceptance', ...departmentTask, payload });
    let status: SupportMeasureResult['status'] = 'declined';
    if (acceptance.decision === 'approve') {
      await record('accepted', { note: acceptance.form?.note ?? null });
      const report = await board.run({ kind: 'measureImplementation', ...departmentTask, payload });
      await record('implemented', report.form);
      const followUp = await board.run({
        kind: 'measureFollowUp',
        stage: 'inSupport',
        jurisdictionId: jurisdictions.countyId,
        payload: { ...payload, implementation: report.form },
      });
      const result = followUp.form;
      await record('done', { implementation: report.form, followUp: followUp.form });
      await activities.writeLedgerEntry({
        entryId: `${measureId}:done`,
        ledger: 'support',
        caseId,
        event: 'measureDone',
        entry: {
          summary: measureSummary(label, department, result.result, result.note),
          measureId,
          label,
          department,
          implementation: report.form,
          followUp: followUp.form,
        },
      });
      status = 'done';
    } else {
      await record('declined', { reason: acceptance.reason ?? null });
    }
    await condition(allHandlersFinished);
    // The case may have closed meanwhile; then nobody is waiting for the news.
    await getExternalWorkflowHandle(householdCaseWorkflowId(caseId))
      .signal(measureFinishedSignal, { measureId, status })
      .catch(() => undefined);
    return { measureId, status };
  }
}
