// 大数据比对 the http connector: the platform POSTs a data-check request to a department's endpoint and
// reads its hits back, by the contract in docs/data-check-contract.md. What retrying can fix (5xx, network,
// timeout, 408/429) is a plain Error, which Temporal retries; what it cannot (a refusal, a malformed answer,
// a bad endpoint, an answer over 1 MiB) is a non-retryable ApplicationFailure, so the workflow falls back to
// the inbox at once. Each request is signed with the department's shared secret (HMAC-SHA256 over the
// timestamp and the body), so the department can tell it came from the platform and is fresh.

import { createHmac } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { ApplicationFailure } from '@temporalio/common';
import type { AskDepartmentInput, DataCheckHitEntry } from '@libs/contracts';
import {
  DATA_CHECK_HIT_CATEGORIES,
  DEPARTMENT_LABELS,
  type DataCheckHitCategory,
  type Department,
  type DeploymentEnvironment,
  departmentEndpointProblem,
  isInternalAddress,
  maskIdNumber,
} from '@libs/domain';

/** The department's 2xx answer is not the documented shape: retrying will not fix it. */
export const DEPARTMENT_ANSWER_MALFORMED = 'DepartmentAnswerMalformed';
/** The department refused the request (4xx other than 408/429) or its endpoint is misconfigured. */
export const DEPARTMENT_REQUEST_REFUSED = 'DepartmentRequestRefused';
/** The department's answer went past MAX_ANSWER_BYTES: its reading was stopped there. */
export const DEPARTMENT_ANSWER_TOO_LARGE = 'DepartmentAnswerTooLarge';

/** Unix seconds when the request was signed: a department should refuse one more than 5 minutes off. */
export const TIMESTAMP_HEADER = 'x-changxiao-timestamp';
/** `sha256=` and the hex HMAC-SHA256, keyed by the department's secret, of `${timestamp}.${body}`. */
export const SIGNATURE_HEADER = 'x-changxiao-signature';

export const DEFAULT_DEPARTMENT_TIMEOUT_MS = 10_000;

// Generous bounds on an answer: a household has a handful of members and a department a few categories.
export const MAX_ANSWER_BYTES = 1024 * 1024;
const MAX_HITS = 500;
const MAX_DETAIL_CHARS = 2000;
// Statuses that say "later": the request timed out at their side, or they are rate-limiting us.
const RETRYABLE_CLIENT_STATUSES = new Set([408, 429]);

export interface AskDepartmentOptions {
  /** Per attempt; Temporal's retry policy decides how many attempts. */
  timeoutMs?: number;
  /** Cancels the request too, e.g. the activity's cancellation signal. */
  signal?: AbortSignal;
  /** The department's shared secret: the request is signed with it (unsigned without one). */
  secret?: string;
  /**
   * Where the platform runs (NODE_ENV). Outside development and test the endpoint must be https:// and no
   * internal address, as at policy save (a policy saved elsewhere is refused here too). Production when not said.
   */
  environment?: DeploymentEnvironment;
}

/** The signature of a request body sent at `timestamp` (unix seconds), as the department recomputes it. */
export function signDepartmentRequest(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Asks one department about the household's members; its hits, or none. */
export async function askDepartmentEndpoint(
  input: AskDepartmentInput,
  options: AskDepartmentOptions = {},
): Promise<DataCheckHitEntry[]> {
  const environment = options.environment ?? 'production';
  const url = endpointUrl(input, environment);
  if (environment === 'production') await refuseInternalResolution(input, url);
  const timeoutMs = options.timeoutMs ?? DEFAULT_DEPARTMENT_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  const request = {
    requestId: input.requestId,
    caseId: input.caseId,
    department: input.department,
    members: input.members.map(({ name, idNumber, relation }) => ({ name, idNumber, relation })),
  };

  const body = JSON.stringify(request);
  const timestamp = String(Math.floor(Date.now() / 1000));
  let status: number;
  let text: string | undefined;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        accept: 'application/json',
        'idempotency-key': input.requestId,
        ...(options.secret
          ? {
              [TIMESTAMP_HEADER]: timestamp,
              [SIGNATURE_HEADER]: signDepartmentRequest(options.secret, timestamp, body),
            }
          : {}),
      },
      body,
      // A redirected POST may turn into a GET: an address that redirects is a configuration error.
      redirect: 'manual',
      signal,
    });
    status = response.status;
    text = await readLimited(response, MAX_ANSWER_BYTES);
  } catch (error) {
    // Cancelled by the caller (the activity was cancelled): not the department's failure.
    if (options.signal?.aborted) throw error;
    if (timeout.aborted) {
      throw new Error(`${departmentLabel(input)}接口 ${timeoutMs / 1000} 秒内未应答（${url.origin}）`);
    }
    const cause = error instanceof Error ? (describeCause(error) ?? error.message) : String(error);
    throw new Error(`${departmentLabel(input)}接口连接失败（${url.origin}）：${cause}`);
  }
  if (text === undefined) {
    throw ApplicationFailure.nonRetryable(
      `${departmentLabel(input)}接口的应答超过 ${MAX_ANSWER_BYTES / 1024 / 1024} MB，已停止读取（HTTP ${status}）`,
      DEPARTMENT_ANSWER_TOO_LARGE,
    );
  }

  if (status >= 500 || RETRYABLE_CLIENT_STATUSES.has(status)) {
    throw new Error(`${departmentLabel(input)}接口暂时不可用（HTTP ${status}）：${excerpt(text)}`);
  }
  if (status >= 300 && status < 400) {
    throw refused(input, `返回重定向（HTTP ${status}），请核对配置的接口地址 ${url.href}`);
  }
  if (status >= 400) {
    throw refused(input, `拒绝了比对请求（HTTP ${status}）：${excerpt(text)}`);
  }
  return parseAnswer(input, text);
}

/** The body as text, or undefined once it passes `limit` bytes: the reading stops there, the rest unread. */
async function readLimited(response: Response, limit: number): Promise<string | undefined> {
  if (Number(response.headers.get('content-length')) > limit) {
    await response.body?.cancel();
    return undefined;
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += chunk.byteLength;
    if (size > limit) return undefined; // leaving the loop cancels the body
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function endpointUrl(input: AskDepartmentInput, environment: DeploymentEnvironment): URL {
  const problem = departmentEndpointProblem(input.endpoint, environment);
  if (problem) throw refused(input, `接口地址「${input.endpoint}」${problem}，请在比对部门配置中更正`);
  return new URL(input.endpoint);
}

/**
 * A host name that resolves to an internal address is refused like an internal address written out. (What
 * remains: a DNS answer that changes between this look-up and fetch's own.)
 */
async function refuseInternalResolution(input: AskDepartmentInput, url: URL): Promise<void> {
  let addresses: { address: string }[];
  try {
    addresses = await lookup(url.hostname.replace(/^\[|\]$/g, ''), { all: true });
  } catch (error) {
    // Retried: a name server that does not answer now may answer later.
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new Error(`${departmentLabel(input)}接口地址无法解析（${url.host}）：${code}`);
  }
  const internal = addresses.find(({ address }) => isInternalAddress(address));
  if (internal) {
    throw refused(
      input,
      `接口地址「${url.host}」解析到本机或内网地址 ${internal.address}，请在比对部门配置中更正`,
    );
  }
}

/** The answer's hits, after checking every field; anything off makes the whole answer unusable. */
function parseAnswer(input: AskDepartmentInput, text: string): DataCheckHitEntry[] {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw malformed(input, `应答不是合法的 JSON：${excerpt(text)}`);
  }
  if (!isObject(body)) throw malformed(input, '应答应为 JSON 对象 {requestId, hits}');
  if (body.requestId !== input.requestId) {
    throw malformed(
      input,
      `应答的 requestId「${String(body.requestId)}」与请求的「${input.requestId}」不一致`,
    );
  }
  if (!Array.isArray(body.hits)) throw malformed(input, '应答缺少 hits 数组（无命中时应为 []）');
  if (body.hits.length > MAX_HITS) throw malformed(input, `hits 超过 ${MAX_HITS} 条`);
  const members = new Set(input.members.map((m) => m.idNumber));
  return body.hits.map((hit: unknown, index: number): DataCheckHitEntry => {
    const at = `hits[${index}]`;
    if (!isObject(hit)) throw malformed(input, `${at} 应为对象 {idNumber, category, detail}`);
    if (typeof hit.idNumber !== 'string' || !members.has(hit.idNumber)) {
      const shown = typeof hit.idNumber === 'string' ? maskIdNumber(hit.idNumber) : String(hit.idNumber);
      throw malformed(input, `${at}.idNumber「${shown}」不是本次请求的家庭成员`);
    }
    if (!isCategory(hit.category)) {
      throw malformed(
        input,
        `${at}.category「${String(hit.category)}」不在约定的类别中（${DATA_CHECK_HIT_CATEGORIES.join('、')}）`,
      );
    }
    if (typeof hit.detail !== 'string') throw malformed(input, `${at}.detail 应为字符串（情况说明）`);
    if (hit.detail.length > MAX_DETAIL_CHARS) {
      throw malformed(input, `${at}.detail 超过 ${MAX_DETAIL_CHARS} 个字符`);
    }
    return { category: hit.category, idNumber: hit.idNumber, detail: hit.detail.trim() };
  });
}

function malformed(input: AskDepartmentInput, problem: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(
    `${departmentLabel(input)}接口的应答不符合比对接口约定，重试无法解决：${problem}`,
    DEPARTMENT_ANSWER_MALFORMED,
  );
}

function refused(input: AskDepartmentInput, problem: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(
    `${departmentLabel(input)}接口无法受理，重试无法解决：${problem}`,
    DEPARTMENT_REQUEST_REFUSED,
  );
}

function departmentLabel(input: AskDepartmentInput): string {
  return DEPARTMENT_LABELS[input.department as Department] ?? input.department;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCategory(value: unknown): value is DataCheckHitCategory {
  return typeof value === 'string' && (DATA_CHECK_HIT_CATEGORIES as readonly string[]).includes(value);
}

/** The start of a body for an error message: enough to recognise it, never a whole page. */
function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (!flat) return '（无内容）';
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}

// fetch reports "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND, a TLS error) is in its cause.
function describeCause(error: Error): string | undefined {
  const cause = (error as { cause?: unknown }).cause;
  if (!(cause instanceof Error)) return undefined;
  const code = (cause as { code?: unknown }).code;
  return typeof code === 'string' ? `${code} ${cause.message}` : cause.message;
}
