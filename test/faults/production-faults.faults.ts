// `npm run test:faults`: the production stack under faults. While virtual users take at least 500 cases
// through their stages via the API, in turn: a worker killed (kill -9) and started again by its supervisor;
// the Temporal server stopped and started again; every connection of the platform and of Temporal to
// PostgreSQL terminated; PostgreSQL stopped for 30 s. Afterwards each case is checked against its own
// workflow (./checks), the audit chains are verified in full, the incidents listed, and one task is completed
// by two clients at once. The report is printed and written to test-results/faults/report.json.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectClient, casePayloadCodec } from '@libs/temporal';
import { syntheticApplication } from '../../scripts/lib/synthetic-households';
import { createCounty, type TestCounty } from '../support/county';
import * as forms from '../support/forms';
import type { DataSource } from 'typeorm';
import { ApiClient } from '../support/platform';
import { createUser } from '../support/users';
import { type CheckResult, checkAuditChains, checkCases, checkIncidents, settle } from './checks';
import { DATA_CHECK_DEPARTMENT, Load, queryRows } from './load';
import { FaultStack, HARNESS_APPLICATION_NAME } from './stack';

const CASES = Number(process.env.FAULTS_CASES ?? 500);
const USERS = Number(process.env.FAULTS_USERS ?? 20);
const POSTGRES_DOWN_MS = 30_000;
/** The application and the six decisions up to recognition. */
const REQUESTS_PER_CASE = 7;
/** After a fault has recovered, the load runs this long undisturbed before the next. */
const STEADY_MS = 10_000;
const RESULTS = join(__dirname, '..', '..', 'test-results', 'faults');

const say = (message: string) =>
  process.stdout.write(`[faults ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const seconds = (ms: number | undefined) => (ms === undefined ? '—' : `${(ms / 1000).toFixed(1)} 秒`);

interface FaultRecord {
  name: string;
  injectedAt: number;
  /** When the fault was over: the process back, the database started again. */
  restoredAt: number;
  /** From the fault to the first success of a request sent after it was over. */
  recoverMs?: number;
  note: string;
  errors: Record<string, number>;
}

let stack: FaultStack | undefined;

afterAll(async () => {
  await stack?.stop();
});

it('loses nothing under faults on the production stack', async () => {
  const startedAt = Date.now();
  stack = await FaultStack.start({ logDir: join(RESULTS, 'logs'), workers: 2, apiProcesses: 2, log: say });
  const { pool } = stack;
  // createCounty and createUser only run statements: the harness's pool answers them.
  const db = {
    query: (sql: string, params?: unknown[]) => queryRows(pool, sql, params),
  } as unknown as DataSource;
  const county = await createCounty(db, stack.baseUrl, {
    departments: [{ department: DATA_CHECK_DEPARTMENT, connector: 'inbox' }] as never,
  });
  const load = new Load(pool, county);
  const faults: FaultRecord[] = [];
  let faultsDone = false;
  const progress = setInterval(
    () => say(`案件 ${load.cases.length}，成功请求 ${load.completions}，错误答复 ${load.errors.length}`),
    15_000,
  );

  const inject = async (name: string, fault: () => Promise<string>) => {
    const injectedAt = Date.now();
    say(`故障：${name}`);
    const note = await fault();
    const restoredAt = Date.now();
    const deadline = restoredAt + 180_000;
    while (load.firstSuccessAfter(restoredAt) === undefined && Date.now() < deadline) await sleep(200);
    const recoveredAt = load.firstSuccessAfter(restoredAt);
    const record: FaultRecord = {
      name,
      injectedAt,
      restoredAt,
      recoverMs: recoveredAt === undefined ? undefined : recoveredAt - injectedAt,
      note,
      errors: {},
    };
    faults.push(record);
    say(`  ${note}；恢复用时 ${seconds(record.recoverMs)}`);
    await sleep(STEADY_MS);
  };

  // The faults spread over the load: each once this share of its requests (7 a case) has succeeded.
  const loadReaches = async (share: number) => {
    while (load.completions < share * CASES * REQUESTS_PER_CASE) await sleep(500);
  };
  const run = load.run(USERS, CASES, () => !faultsDone);
  const injecting = (async () => {
    try {
      await loadReaches(0.15);
      await inject('kill -9 一个 worker', async () => {
        const worker = stack!.workers[0];
        const pid = worker.process!.pid!;
        process.kill(pid, 'SIGKILL');
        while (!worker.process || worker.process.pid === pid) await sleep(100);
        return `worker 1（pid ${pid}）被杀，监督进程已重启（新 pid ${worker.process.pid}）`;
      });
      await loadReaches(0.35);
      await inject('重启 Temporal 服务器', async () => {
        const pid = stack!.temporal.process.pid;
        await stack!.temporal.restart();
        return `Temporal 服务器（pid ${pid}）已停止并重新启动（新 pid ${stack!.temporal.process.pid}）`;
      });
      await loadReaches(0.55);
      await inject('pg_terminate_backend 全部连接', async () => {
        const [{ n }] = await queryRows<{ n: number }>(
          pool,
          `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
            WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() AND application_name <> $1`,
          [HARNESS_APPLICATION_NAME],
        );
        return `终止了平台与 Temporal 的 ${n} 个连接`;
      });
      await loadReaches(0.7);
      await inject(`停止 PostgreSQL ${POSTGRES_DOWN_MS / 1000} 秒`, async () => {
        await stack!.postgres.stop();
        await sleep(POSTGRES_DOWN_MS);
        await stack!.postgres.start();
        return `PostgreSQL 已停止 ${POSTGRES_DOWN_MS / 1000} 秒后重新启动`;
      });
    } finally {
      faultsDone = true;
    }
  })();
  await Promise.all([run, injecting]);
  clearInterval(progress);
  const loadEndedAt = Date.now();
  for (const [i, fault] of faults.entries()) {
    fault.errors = load.errorSummary(fault.injectedAt, faults[i + 1]?.injectedAt ?? loadEndedAt).byStatus;
  }
  say(
    `负载结束：${load.cases.length} 个案件，${load.completions} 次成功请求，用时 ${seconds(loadEndedAt - startedAt)}`,
  );

  // Afterwards: everything settled, then each case against its workflow.
  const caseIds = load.cases;
  const behind = await settle(pool, caseIds, 120_000);
  if (behind) say(`${behind} 个案件 120 秒后仍未到达应到阶段`);
  const temporal = await connectClient({
    address: stack.temporal.address,
    namespace: stack.config.temporal.namespace,
    payloadCodec: casePayloadCodec(stack.config),
  });
  const checks: CheckResult[] = [];
  let incidents: Awaited<ReturnType<typeof checkIncidents>> | undefined;
  try {
    checks.push({
      name: '负载全部走完',
      passed: load.failedCases.length === 0 && caseIds.length >= CASES,
      detail: load.failedCases.length
        ? load.failedCases
            .slice(0, 5)
            .map((f) => `${f.caseId ?? '（未立案）'}: ${f.error}`)
            .join('；')
        : `${caseIds.length} 个案件均由申请走到县级认定`,
    });
    checks.push(...(await checkCases(pool, temporal, caseIds)));
    checks.push(await checkAuditChains(stack.config));
    incidents = await checkIncidents(pool, temporal, caseIds);
    checks.push(incidents);
  } finally {
    await temporal.connection.close();
  }
  checks.push(await concurrentCompletion(stack, county, load));
  /** The fault during (or after) which something happened: the last one injected before it. */
  const during = (at: number) => {
    const fault = faults.filter((f) => f.injectedAt <= at).pop();
    return fault ? `【${fault.name}后 ${seconds(at - fault.injectedAt)}】` : '【故障前】';
  };
  const serverErrors = load.errors.filter((e) => e.status === 500);
  checks.push({
    name: '无 500',
    passed: serverErrors.length === 0,
    detail: serverErrors.length
      ? serverErrors
          .slice(0, 5)
          .map((e) => `${during(e.at)}${e.step}: ${e.message}`)
          .join('；')
      : '故障期间的错误答复均为 503/504 等可重试答复',
  });
  const notChinese = load.notChinese();
  checks.push({
    name: '5xx 答复为中文',
    passed: notChinese.length === 0,
    detail: notChinese.length
      ? notChinese
          .slice(0, 5)
          .map((e) => `${e.status}: ${e.message}`)
          .join('；')
      : '全部为中文',
  });
  // A repeat of a request whose earlier answer said it might still take effect (504, no answer) or had taken
  // effect (办理已记录, its state unreadable) is the same decision: its effect is the earlier request's. Listed,
  // not counted against the platform.
  const ambiguous = (e: { earlier: string[] }) =>
    e.earlier.some(
      (answer) => /^(504|无应答)/.test(answer) || answer.includes('可能') || answer.includes('已记录'),
    );
  const falseNoEffect = load.effectiveDespiteAnswer.filter((e) => !ambiguous(e));
  const repeated = load.effectiveDespiteAnswer.filter(ambiguous);
  checks.push({
    name: '称“未生效”的答复确未生效',
    passed: falseNoEffect.length === 0,
    detail:
      [
        ...falseNoEffect.slice(0, 5).map((e) => `${during(e.at)}${e.text}`),
        ...repeated
          .slice(0, 3)
          .map(
            (e) =>
              `（说明）${during(e.at)}${e.text}，同一 Idempotency-Key 先前答复：${e.earlier.join(' / ')}`,
          ),
      ].join('；') || '逐一核对任务仍待办',
  });

  const summary = load.errorSummary();
  const report = {
    startedAt: new Date(startedAt).toISOString(),
    durationSeconds: Math.round((Date.now() - startedAt) / 1000),
    loadSeconds: Math.round((loadEndedAt - startedAt) / 1000),
    cases: caseIds.length,
    virtualUsers: USERS,
    successfulRequests: load.completions,
    clientErrorsByStatus: summary.byStatus,
    clientErrorMessages: summary.messages,
    faults: faults.map(({ name, note, recoverMs, restoredAt, injectedAt, errors }) => ({
      name,
      note,
      outageSeconds: (restoredAt - injectedAt) / 1000,
      recoverSeconds: recoverMs === undefined ? null : recoverMs / 1000,
      clientErrorsByStatus: errors,
    })),
    incidents: incidents?.incidents ?? [],
    checks,
    passed: checks.every((c) => c.passed),
  };
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(RESULTS, 'report.json'), JSON.stringify(report, null, 2));
  process.stdout.write(printable(report));
  expect(checks.filter((c) => !c.passed)).toEqual([]);
}, 1_800_000);

/** One task completed by two caseworkers of the village at the same moment: one 200, the other 409. */
async function concurrentCompletion(stack: FaultStack, county: TestCounty, load: Load): Promise<CheckResult> {
  const application = syntheticApplication(county.villageId);
  const created = await county.caseworker.post('/cases', application);
  const caseId = created.body.id as string;
  const answer = await load.openTask(caseId, 'dataCheckAnswer');
  await county.department(DATA_CHECK_DEPARTMENT).post(`/tasks/${answer}/complete`, {
    decision: 'approve',
    form: { hits: [] },
  });
  const taskId = await load.openTask(caseId, 'homeSurvey');
  const db = {
    query: (sql: string, params?: unknown[]) => queryRows(stack.pool, sql, params),
  } as unknown as DataSource;
  const [first, second] = await Promise.all(
    [0, 1].map(async () =>
      ApiClient.login(stack.baseUrl, (await createUser(db, 'caseworker', county.villageId)).username),
    ),
  );
  const body = { decision: 'approve', form: forms.homeSurvey(application.members) };
  const statuses = (
    await Promise.all([first, second].map((client) => client.post(`/tasks/${taskId}/complete`, body)))
  )
    .map((r) => r.status)
    .sort();
  const [{ n }] = await queryRows<{ n: number }>(
    stack.pool,
    `SELECT count(*)::int AS n FROM audit_events WHERE action = 'task.completed' AND entity_id = $1`,
    [taskId],
  );
  return {
    name: '同一任务两端同时办理：一个 200，一个 409',
    passed: statuses.join(',') === '200,409' && n === 1,
    detail: `答复 ${statuses.join(' 与 ')}，办结留痕 ${n} 条`,
  };
}

function printable(report: {
  durationSeconds: number;
  loadSeconds: number;
  cases: number;
  virtualUsers: number;
  successfulRequests: number;
  clientErrorsByStatus: Record<string, number>;
  faults: {
    name: string;
    note: string;
    outageSeconds: number;
    recoverSeconds: number | null;
    clientErrorsByStatus: Record<string, number>;
  }[];
  checks: CheckResult[];
  passed: boolean;
}): string {
  const statuses = (byStatus: Record<string, number>) =>
    Object.entries(byStatus)
      .map(([status, n]) => `${status === '0' ? '无应答' : status} × ${n}`)
      .join('，') || '无';
  return [
    '',
    '== 故障演练报告（生产栈：PostgreSQL 上的 Temporal 服务器、2 个 worker、2 个 API 进程）==',
    `案件 ${report.cases} 个，虚拟用户 ${report.virtualUsers} 个，成功请求 ${report.successfulRequests} 次`,
    `负载用时 ${report.loadSeconds} 秒，全程 ${report.durationSeconds} 秒`,
    `客户端所见错误（按状态）：${statuses(report.clientErrorsByStatus)}`,
    '',
    '-- 故障与恢复 --',
    ...report.faults.map(
      (f) =>
        `${f.name}：中断 ${f.outageSeconds.toFixed(1)} 秒，恢复用时 ${f.recoverSeconds === null ? '未恢复' : `${f.recoverSeconds.toFixed(1)} 秒`}；` +
        `期间错误 ${statuses(f.clientErrorsByStatus)}\n    ${f.note}`,
    ),
    '',
    '-- 检查 --',
    ...report.checks.map((c) => `${c.passed ? '通过' : '失败'}  ${c.name}：${c.detail}`),
    '',
    report.passed ? '结论：全部检查通过' : '结论：有检查未通过',
    '',
  ].join('\n');
}
