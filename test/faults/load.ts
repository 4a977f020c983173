// The fault run's load: virtual users, each taking cases one after another through their stages via the API
// — application, the data check's answer, home survey, democratic appraisal, public notice, township review,
// recognition — as people would: a request that fails with a 5xx or no answer is sent again (same
// Idempotency-Key) after a pause, as a user presses the button again. Every answer that is not a success is
// counted by status; a 5xx must say in Chinese what happened, and when it says 本次…未生效 the task must still
// be open.

import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { syntheticApplication } from '../../scripts/lib/synthetic-households';
import type { TestCounty } from '../support/county';
import * as forms from '../support/forms';
import type { ApiClient, ApiResponse } from '../support/platform';

/** The stage every driven case reaches, and the task it waits on there. */
export const EXPECTED_STAGE = 'supportPlan';
/** The tasks each driven case has, in order: all completed but the last, which is open. */
export const EXPECTED_TASKS = [
  'dataCheckAnswer',
  'homeSurvey',
  'democraticAppraisal',
  'publicNotice',
  'townshipReview',
  'recognition',
  'supportPlan',
] as const;
export const DATA_CHECK_DEPARTMENT = 'civilAffairs';

/** An answer other than a success, as the client saw it. */
export interface ClientError {
  at: number;
  /** The HTTP status, or 0 when no answer came (connection refused or cut). */
  status: number;
  code?: string;
  message: string;
  step: string;
}

/** A completion that succeeded: when it was sent and when its answer came. */
export interface Success {
  sentAt: number;
  answeredAt: number;
}

const CHINESE = /[\u4e00-\u9fff]/;
/** An application whose first request is still being registered under its Idempotency-Key. */
const INTAKE_PENDING = 'INTAKE_PENDING';
/** How long a user waits for such an application before giving up on it. */
const INTAKE_PENDING_MS = 30_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** PostgreSQL's answers while it is stopped or its connections are being cut: the harness waits them out. */
function isConnectionError(error: unknown): boolean {
  const text = String((error as Error)?.message ?? error);
  return /ECONNREFUSED|ECONNRESET|terminat|shutting down|Connection|starting up|recovery|57P0/i.test(text);
}

/** A query of the harness's own pool that rides out an outage of up to `timeoutMs`. */
export async function queryRows<T = Record<string, unknown>>(
  pool: Pool,
  sql: string,
  params: unknown[] = [],
  timeoutMs = 180_000,
): Promise<T[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return (await pool.query(sql, params)).rows as T[];
    } catch (error) {
      if (!isConnectionError(error) || Date.now() > deadline) throw error;
      await sleep(500);
    }
  }
}

export class Load {
  readonly errors: ClientError[] = [];
  readonly successes: Success[] = [];
  /**
   * Answers that said the request did not take effect, though it had; `earlier`: the answers before it to the
   * same request (same Idempotency-Key), one of which may have said it might take effect (504, 可能).
   */
  readonly effectiveDespiteAnswer: { at: number; text: string; earlier: string[] }[] = [];
  readonly failedCases: { caseId?: string; error: string }[] = [];
  readonly cases: string[] = [];
  private started = 0;

  constructor(
    private readonly pool: Pool,
    private readonly county: TestCounty,
  ) {}

  get completions(): number {
    return this.successes.length;
  }

  /** `users` virtual users until `target` cases have been started and `more()` says no more. */
  async run(users: number, target: number, more: () => boolean): Promise<void> {
    const user = async () => {
      while (this.started < target || more()) {
        this.started += 1;
        let caseId: string | undefined;
        try {
          const application = syntheticApplication(this.county.villageId);
          caseId = await this.apply(application);
          await this.drive(caseId, application.members);
        } catch (error) {
          this.failedCases.push({ caseId, error: (error as Error).message });
        }
      }
    };
    await Promise.all(Array.from({ length: users }, user));
  }

  /**
   * 纳入申请: a retried application with its Idempotency-Key makes no second case. One still pending under its
   * key after a while was not registered (its first request failed): the user submits it again, as a new one.
   */
  private async apply(application: ReturnType<typeof syntheticApplication>): Promise<string> {
    for (let attempt = 1; ; attempt += 1) {
      const response = await this.send(this.county.caseworker, '/cases', application, randomUUID(), 'apply');
      if (response.status === 201 || response.status === 200) {
        const caseId = response.body.id as string;
        this.cases.push(caseId);
        return caseId;
      }
      if (response.body?.code !== INTAKE_PENDING || attempt === 3)
        throw new Error(`申请: ${response.status} ${JSON.stringify(response.body)}`);
    }
  }

  private async drive(caseId: string, members: { idNumber: string; annualIncome?: number }[]): Promise<void> {
    const county = this.county;
    const approve = (form?: object) => ({ decision: 'approve', ...(form ? { form } : {}) });
    await this.decide(
      county.department(DATA_CHECK_DEPARTMENT),
      caseId,
      'dataCheckAnswer',
      approve({ hits: [] }),
    );
    await this.decide(county.caseworker, caseId, 'homeSurvey', approve(forms.homeSurvey(members)));
    await this.decide(county.caseworker, caseId, 'democraticAppraisal', approve(forms.meeting()));
    await this.decide(county.caseworker, caseId, 'publicNotice', approve(forms.publicNotice()));
    await this.decide(county.reviewer, caseId, 'townshipReview', approve());
    await this.decide(county.officer, caseId, 'recognition', approve());
  }

  /** The open task of `kind`, once its row is there (the notice's task after its days, here seconds). */
  async openTask(caseId: string, kind: string, timeoutMs = 240_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [task] = await queryRows<{ id: string }>(
        this.pool,
        `SELECT id FROM tasks WHERE case_id = $1 AND kind = $2 AND status = 'open' LIMIT 1`,
        [caseId, kind],
      );
      if (task) return task.id;
      if (Date.now() > deadline) throw new Error(`${caseId}: ${kind} 任务 ${timeoutMs / 1000} 秒内未出现`);
      await sleep(200);
    }
  }

  async taskStatus(taskId: string): Promise<string | undefined> {
    const [task] = await queryRows<{ status: string }>(this.pool, 'SELECT status FROM tasks WHERE id = $1', [
      taskId,
    ]);
    return task?.status;
  }

  /** Completes the task, again after a 5xx; a 409 for a task this user's earlier request completed is done. */
  private async decide(client: ApiClient, caseId: string, kind: string, body: object): Promise<void> {
    const taskId = await this.openTask(caseId, kind);
    const response = await this.send(
      client,
      `/tasks/${encodeURIComponent(taskId)}/complete`,
      body,
      randomUUID(),
      kind,
      taskId,
    );
    if (response.status === 200) return;
    if (response.status === 409 && (await this.taskStatus(taskId)) === 'completed') return;
    throw new Error(`${kind} ${taskId}: ${response.status} ${JSON.stringify(response.body)}`);
  }

  /**
   * POSTs until an answer other than a 5xx comes (or ten minutes pass): the user trying again. An application
   * still being registered under its key (409 INTAKE_PENDING) is asked about again, as its message advises.
   */
  private async send(
    client: ApiClient,
    path: string,
    body: object,
    idempotencyKey: string,
    step: string,
    taskId?: string,
  ): Promise<ApiResponse> {
    const deadline = Date.now() + 600_000;
    const pendingUntil = Date.now() + INTAKE_PENDING_MS;
    const answers: string[] = [];
    for (let pause = 500; ; pause = Math.min(pause * 2, 4_000)) {
      const sentAt = Date.now();
      let response: ApiResponse | undefined;
      try {
        response = await client.post(path, body, { 'idempotency-key': idempotencyKey });
      } catch (error) {
        this.errors.push({ at: Date.now(), status: 0, message: (error as Error).message, step });
        answers.push(`无应答（${(error as Error).message}）`);
      }
      if (response && response.status < 500) {
        if (response.status < 300) this.successes.push({ sentAt, answeredAt: Date.now() });
        else this.record(response, step);
        if (response.body?.code === INTAKE_PENDING && Date.now() < pendingUntil) {
          await sleep(2_000);
          continue;
        }
        return response;
      }
      if (response) {
        this.record(response, step);
        await this.checkNoEffect(response, taskId, answers);
        answers.push(`${response.status} ${response.body?.message ?? ''}`);
      }
      if (Date.now() > deadline) throw new Error(`${step}: 十分钟内未成功`);
      await sleep(pause);
    }
  }

  private record(response: ApiResponse, step: string): void {
    const message =
      typeof response.body?.message === 'string' ? response.body.message : JSON.stringify(response.body);
    this.errors.push({ at: Date.now(), status: response.status, code: response.body?.code, message, step });
  }

  /** An answer that says 本次…未生效 (and not 可能): the task it was about must still be open. */
  private async checkNoEffect(
    response: ApiResponse,
    taskId: string | undefined,
    earlier: string[],
  ): Promise<void> {
    const message = String(response.body?.message ?? '');
    if (!taskId || !message.includes('未生效') || message.includes('可能')) return;
    const status = await this.taskStatus(taskId);
    if (status !== 'open')
      this.effectiveDespiteAnswer.push({
        at: Date.now(),
        text: `${taskId}: ${response.status} ${response.body?.code ?? ''} ${message}（任务已 ${status}）`,
        earlier: [...earlier],
      });
  }

  /** Errors by status ('0': no answer), with one message of each code as seen. */
  errorSummary(from = 0, to = Infinity) {
    const byStatus: Record<string, number> = {};
    const messages: Record<string, string> = {};
    for (const error of this.errors.filter((e) => e.at >= from && e.at < to)) {
      byStatus[error.status] = (byStatus[error.status] ?? 0) + 1;
      messages[`${error.status} ${error.code ?? ''}`.trim()] ??= error.message.slice(0, 160);
    }
    return { byStatus, messages };
  }

  /** 5xx answers whose message has no Chinese. */
  notChinese(): ClientError[] {
    return this.errors.filter((e) => e.status >= 500 && !CHINESE.test(e.message));
  }

  /** The first completion sent at or after `from` that succeeded: when its answer came. */
  firstSuccessAfter(from: number): number | undefined {
    return this.successes
      .filter((s) => s.sentAt >= from)
      .reduce<number | undefined>(
        (first, s) => (first === undefined || s.answeredAt < first ? s.answeredAt : first),
        undefined,
      );
  }
}
