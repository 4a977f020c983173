// What must hold after the faults, each case checked against its own workflow: the stage and open tasks
// its caseState query answers, the decisions its history accepted (completeTask Updates that succeeded, in
// the case's workflow and its data check's); the read model's tasks, ledger entries and audit events exactly
// once each; the audit chains verified in full; the incident list.

import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import {
  type CaseState,
  caseStateQuery,
  completeTaskUpdate,
  dataCheckWorkflowId,
  householdCaseWorkflowId,
} from '@libs/contracts';
import { createDataSource, resolveAuditSigningKeys, verifyAuditLog } from '@libs/persistence';
import type { AppConfig } from '@libs/config';
import { EXPECTED_STAGE, EXPECTED_TASKS, queryRows } from './load';

export interface CheckResult {
  name: string;
  passed: boolean;
  /** What was checked, or what went wrong (the first few cases). */
  detail: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Up to five examples, then how many more. */
function examples(problems: string[]): string {
  return problems.slice(0, 5).join('；') + (problems.length > 5 ? ` …（共 ${problems.length} 处）` : '');
}

function result(name: string, problems: string[], ok: string): CheckResult {
  return { name, passed: problems.length === 0, detail: problems.length ? examples(problems) : ok };
}

/** Runs `fn` over the items, `concurrency` at a time. */
async function eachLimited<T>(
  items: T[],
  concurrency: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

/** Waits until every case shows the expected stage in the read model (the notice's timer, a late worker). */
export async function settle(pool: Pool, caseIds: string[], timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [{ behind }] = await queryRows<{ behind: number }>(
      pool,
      `SELECT count(*)::int AS behind FROM cases WHERE id = ANY($1::uuid[]) AND stage <> $2`,
      [caseIds, EXPECTED_STAGE],
    );
    if (behind === 0 || Date.now() > deadline) return behind;
    await sleep(1_000);
  }
}

/** How many completeTask Updates the workflow's history accepted and completed successfully. */
async function decisionsInHistory(temporal: Client, workflowId: string): Promise<number> {
  const history = await temporal.workflow.getHandle(workflowId).fetchHistory();
  const completeTask = new Set<string>();
  let succeeded = 0;
  for (const event of history.events ?? []) {
    const accepted = event.workflowExecutionUpdateAcceptedEventAttributes;
    if (accepted?.acceptedRequest?.input?.name === completeTaskUpdate.name)
      completeTask.add(accepted.protocolInstanceId ?? '');
    const completed = event.workflowExecutionUpdateCompletedEventAttributes;
    if (completed?.outcome?.success && completeTask.has(completed.meta?.updateId ?? '')) succeeded += 1;
  }
  return succeeded;
}

interface TaskRow {
  id: string;
  case_id: string;
  kind: string;
  status: string;
  workflow_id: string | null;
}

interface AuditRow {
  case_id: string;
  action: string;
  entity_id: string;
  event_key: string;
  after: { stage?: string } | null;
}

/** The checks against each case's workflow, over the cases the load drove. */
export async function checkCases(pool: Pool, temporal: Client, caseIds: string[]): Promise<CheckResult[]> {
  const tasks = await queryRows<TaskRow>(
    pool,
    'SELECT id, case_id, kind, status, workflow_id FROM tasks WHERE case_id = ANY($1::uuid[])',
    [caseIds],
  );
  const cases = await queryRows<{ id: string; stage: string; status: string }>(
    pool,
    'SELECT id, stage, status FROM cases WHERE id = ANY($1::uuid[])',
    [caseIds],
  );
  const ledger = await queryRows<{ id: string; case_id: string; ledger: string; event: string }>(
    pool,
    'SELECT id, case_id, ledger, event FROM ledger_entries WHERE case_id = ANY($1::uuid[])',
    [caseIds],
  );
  const audit = await queryRows<AuditRow>(
    pool,
    'SELECT case_id, action, entity_id, event_key, after FROM audit_events WHERE case_id = ANY($1::uuid[]) ORDER BY id',
    [caseIds],
  );
  const byCase = <T extends { case_id: string }>(rows: T[]) => {
    const map = new Map<string, T[]>(caseIds.map((id) => [id, []]));
    for (const row of rows) map.get(row.case_id)?.push(row);
    return map;
  };
  const tasksOf = byCase(tasks);
  const ledgerOf = byCase(ledger);
  const auditOf = byCase(audit);
  const caseRow = new Map(cases.map((c) => [c.id, c]));

  const stageProblems: string[] = [];
  const taskProblems: string[] = [];
  const ledgerProblems: string[] = [];
  const auditProblems: string[] = [];
  const historyProblems: string[] = [];
  // Every case takes the same path: its ledger events are the first case's.
  const referenceLedger = (ledgerOf.get(caseIds[0]) ?? [])
    .map((l) => `${l.ledger}:${l.event}`)
    .sort()
    .join(',');

  await eachLimited(caseIds, 8, async (caseId) => {
    const own = tasksOf.get(caseId)!;
    const row = caseRow.get(caseId);
    let state: CaseState;
    try {
      state = await temporal.workflow.getHandle(householdCaseWorkflowId(caseId)).query(caseStateQuery);
    } catch (error) {
      stageProblems.push(`${caseId}: 查询流程失败 ${(error as Error).message}`);
      return;
    }
    // The stage: what the workflow says, what the read model shows, what the path leads to.
    if (state.stage !== EXPECTED_STAGE || row?.stage !== state.stage)
      stageProblems.push(`${caseId}: 流程 ${state.stage}，读模型 ${row?.stage}，应为 ${EXPECTED_STAGE}`);
    const openInDb = own
      .filter((t) => t.status === 'open')
      .map((t) => t.id)
      .sort()
      .join(',');
    const openInWorkflow = state.openTasks
      .map((t) => t.taskId)
      .sort()
      .join(',');
    if (openInDb !== openInWorkflow)
      stageProblems.push(`${caseId}: 待办 读模型 [${openInDb}]，流程 [${openInWorkflow}]`);

    // Tasks: each step exactly once, all decided but the last.
    const kinds = own
      .map((t) => t.kind)
      .sort()
      .join(',');
    if (kinds !== [...EXPECTED_TASKS].sort().join(',')) taskProblems.push(`${caseId}: 任务 [${kinds}]`);
    const decided = own.filter((t) => t.status === 'completed');
    if (decided.length !== EXPECTED_TASKS.length - 1)
      taskProblems.push(`${caseId}: 已办 ${decided.length} 个`);

    // The decisions the workflows accepted: the case's own, and its data check's.
    try {
      const inCase = await decisionsInHistory(temporal, householdCaseWorkflowId(caseId));
      const inDataCheck = await decisionsInHistory(temporal, dataCheckWorkflowId(caseId, 1));
      const caseDecided = decided.filter(
        (t) => t.workflow_id === null || t.workflow_id === householdCaseWorkflowId(caseId),
      );
      const dataCheckDecided = decided.filter((t) => t.kind === 'dataCheckAnswer');
      if (inCase !== caseDecided.length || inDataCheck !== dataCheckDecided.length) {
        historyProblems.push(
          `${caseId}: 流程历史中办结 ${inCase}+${inDataCheck}，读模型已办 ${caseDecided.length}+${dataCheckDecided.length}`,
        );
      }
    } catch (error) {
      historyProblems.push(`${caseId}: 读取流程历史失败 ${(error as Error).message}`);
    }

    // Ledger: each event once, the same events as every other case, each with its audit event.
    const entries = ledgerOf.get(caseId)!;
    const events = entries.map((l) => `${l.ledger}:${l.event}`).sort();
    if (new Set(events).size !== events.length || events.join(',') !== referenceLedger)
      ledgerProblems.push(`${caseId}: 台账 [${events.join(',')}]，应为 [${referenceLedger}]`);
    const events_ = auditOf.get(caseId)!;
    for (const entry of entries) {
      const n = events_.filter((e) => e.action === 'ledger.recorded' && e.entity_id === entry.id).length;
      if (n !== 1) ledgerProblems.push(`${entry.id}: 台账留痕 ${n} 条`);
    }

    // Audit: the case created once; each task opened once and each decision once; the stage changes numbered
    // 1, 2, 3 … without a gap, the last one the workflow's stage.
    const count = (action: string, entityId?: string) =>
      events_.filter((e) => e.action === action && (entityId === undefined || e.entity_id === entityId))
        .length;
    if (count('case.created') !== 1)
      auditProblems.push(`${caseId}: case.created ${count('case.created')} 条`);
    for (const task of own) {
      const opened = count('task.opened', task.id);
      const completed = count('task.completed', task.id);
      if (opened !== 1 || completed !== (task.status === 'completed' ? 1 : 0))
        auditProblems.push(`${task.id}: 开启留痕 ${opened} 条，办结留痕 ${completed} 条`);
    }
    const stageEvents = events_.filter((e) => e.action === 'case.stageChanged');
    const seqs = stageEvents.map((e) => Number(e.event_key.split(':stage:')[1])).sort((a, b) => a - b);
    if (seqs.some((seq, i) => seq !== i + 1))
      auditProblems.push(`${caseId}: 阶段变更序号 [${seqs.join(',')}]`);
    const lastStage = stageEvents[stageEvents.length - 1]?.after?.stage;
    if (lastStage !== state.stage)
      auditProblems.push(`${caseId}: 最后一次阶段变更留痕为 ${lastStage}，流程为 ${state.stage}`);
  });

  const n = caseIds.length;
  return [
    result(
      '每个案件到达应到阶段，读模型与流程一致',
      stageProblems,
      `${n} 个案件均在「${EXPECTED_STAGE}」，待办与流程查询一致`,
    ),
    result(
      '任务不重不漏',
      taskProblems,
      `${n} 个案件各 ${EXPECTED_TASKS.length} 个任务（${tasks.length} 个）`,
    ),
    result('办结与流程历史一致', historyProblems, `流程历史中成功的办理更新与读模型已办任务逐案相等`),
    result(
      '台账不重不漏',
      ledgerProblems,
      `${ledger.length} 条台账，每案 [${referenceLedger}]，各有一条留痕`,
    ),
    result(
      '留痕不重不漏',
      auditProblems,
      `${audit.length} 条留痕：立案、任务开启与办结、阶段变更各一次，序号连续`,
    ),
  ];
}

/** The whole log walked (全量校验) as `npm run audit:verify -- --full` does, with the workers' signing key. */
export async function checkAuditChains(config: AppConfig): Promise<CheckResult> {
  const dataSource = await createDataSource(config.database.url, 2, config.database).initialize();
  try {
    const report = await verifyAuditLog(dataSource, resolveAuditSigningKeys(config), { full: true });
    return {
      name: '留痕链全量校验',
      passed: report.ok,
      detail: report.ok
        ? `${report.checked} 条记录，${report.chains} 条链，${report.checkpoints} 个签名检查点，完整`
        : examples(report.breaks.map((b) => b.problem)),
    };
  } finally {
    await dataSource.destroy();
  }
}

/**
 * The incidents raised during the run, none of which may stay open: each explained by its case (in the load or
 * not, its stage) and its workflow (running, or how it ended).
 */
export async function checkIncidents(
  pool: Pool,
  temporal: Client,
  caseIds: string[],
): Promise<CheckResult & { incidents: unknown[] }> {
  const incidents = await queryRows<{
    case_id: string;
    workflow_id: string;
    step: string;
    status: string;
    error_message: string;
    failures: number;
    stage: string;
    case_status: string;
  }>(
    pool,
    `SELECT i.case_id, i.workflow_id, i.step, i.status, i.error_message, i.failures, c.stage, c.status AS case_status
       FROM incidents i JOIN cases c ON c.id = i.case_id ORDER BY i.opened_at`,
  );
  const explained = [];
  for (const incident of incidents) {
    const workflow = await temporal.workflow
      .getHandle(incident.workflow_id)
      .describe()
      .then(
        (d) => d.status.name,
        (error: Error) => `无法查询（${error.message}）`,
      );
    explained.push({
      ...incident,
      inLoad: caseIds.includes(incident.case_id),
      workflow,
    });
  }
  const open = explained.filter((i) => i.status !== 'resolved');
  return {
    name: '异常事件',
    passed: open.length === 0,
    detail: explained.length
      ? examples(
          explained.map(
            (i) =>
              `${i.case_id} ${i.step}（${i.status}，失败 ${i.failures} 次）: ${i.error_message.slice(0, 120)}；` +
              `案件${i.inLoad ? '属' : '不属'}于负载，阶段 ${i.stage}（${i.case_status}），流程 ${i.workflow}`,
          ),
        )
      : '异常列表为空',
    incidents: explained,
  };
}
