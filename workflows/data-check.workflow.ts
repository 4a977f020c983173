// 大数据比对 dataCheck: one request per configured department, all at once. Each answers through its
// connector: its officers' inbox task, the same task answered in bulk by an Excel workbook, or its HTTP
// endpoint (docs/data-check-contract.md); an endpoint that keeps failing falls back to the inbox.

import { allHandlersFinished, condition, setHandler, workflowInfo } from '@temporalio/workflow';
import type { DataCheckHitEntry } from '../libs/contracts/src/forms';
import { caseStateQuery, markUrgentSignal } from '../libs/contracts/src/household-case';
import type { CaseState, DataCheckInput, DataCheckResult } from '../libs/contracts/src/household-case';
import { DEPARTMENT_LABELS } from '../libs/domain/src';
import type { DataCheckDepartment, DataCheckHit } from '../libs/domain/src';
import { InFlight, TaskBoard } from './human-tasks';
import { Incidents } from './incidents';
import { departments, readModel } from './proxies';

export async function dataCheck(input: DataCheckInput): Promise<DataCheckResult> {
  const { caseId, round, jurisdictions } = input;
  let urgent = input.urgent;
  const inFlight = new InFlight();
  const incidents = new Incidents(caseId, (a) => inFlight.track(a));
  const activities = incidents.guard(inFlight.track(readModel));
  const asking = inFlight.track(departments);
  const board = new TaskBoard({
    caseId,
    ownerId: caseId,
    workflowId: workflowInfo().workflowId,
    urgent: () => urgent,
    inFlight,
    incidents,
    // Round n's request to a department is that department's attempt n: ids stay unique across reviews.
    attempts: Object.fromEntries(
      input.departments.map((d) => [`dataCheckAnswer:${d.department}`, round - 1]),
    ),
  });
  const state = (): CaseState => ({ caseId, stage: 'dataCheck', openTasks: board.openTasks() });
  board.listen(state);
  setHandler(caseStateQuery, state);
  setHandler(markUrgentSignal, () => {
    urgent = true;
    board.markUrgent();
  });

  const { members } = await activities.loadHousehold(caseId);
  const requestId = (department: string) => `${caseId}:dataCheck:${department}:${round}`;

  const ask = async (
    entry: DataCheckDepartment,
  ): Promise<{ department: string; via: DataCheckDepartment['connector']; hits: DataCheckHitEntry[] }> => {
    if (entry.connector === 'http' && entry.endpoint) {
      try {
        const hits = await asking.askDepartment({
          caseId,
          requestId: requestId(entry.department),
          department: entry.department,
          endpoint: entry.endpoint,
          members,
        });
        return { department: entry.department, via: 'http', hits };
      } catch {
        // Retries exhausted or a malformed answer: a person at the department answers instead.
      }
    }
    const decision = await board.run({
      kind: 'dataCheckAnswer',
      stage: 'dataCheck',
      about: entry.department,
      jurisdictionId: jurisdictions.countyId,
      department: entry.department,
      payload: {
        department: entry.department,
        connector: entry.connector === 'excel' ? 'excel' : 'inbox',
        members,
        round,
        ...(entry.connector === 'http' ? { note: '部门接口未能应答，请在此填报比对结果' } : {}),
      },
    });
    const hits = decision.form?.hits ?? [];
    return { department: entry.department, via: entry.connector === 'excel' ? 'excel' : 'inbox', hits };
  };

  const answers = await Promise.all(input.departments.map(ask));
  const hits: DataCheckHit[] = answers.flatMap((answer) =>
    answer.hits.map((hit) => ({
      department: DEPARTMENT_LABELS[answer.department as keyof typeof DEPARTMENT_LABELS] ?? answer.department,
      category: hit.category,
      detail: hit.idNumber ? `${hit.detail}（${memberName(members, hit.idNumber)}）` : hit.detail,
    })),
  );
  const result: DataCheckResult = {
    hits,
    answers: answers.map((a) => ({ department: a.department, via: a.via, hits: a.hits.length })),
  };
  await activities.recordDataCheck({ caseId, round, hits, answers: result.answers });
  await condition(allHandlersFinished);
  return result;
}

function memberName(members: { name: string; idNumber: string }[], idNumber: string): string {
  return members.find((m) => m.idNumber === idNumber)?.name ?? idNumber;
}
