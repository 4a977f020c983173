// Temporal client failures as the API reports them: every error a call to Temporal raises leaves here as an
// AppException, in Chinese; the subclasses below tell a caller what happened, for it to say more if it can.

import {
  type Client,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  isGrpcDeadlineError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import {
  DECISION_NOT_ALLOWED,
  DECISION_NOT_RECORDED,
  DECISION_NOT_STORABLE,
  FORM_INVALID,
  STAGE_NOT_ALLOWED,
} from '@libs/contracts';
import { AppException } from '../common/app.exception';

/** What the API asks of Temporal, and how long it waits for each before telling the caller. */
export const TEMPORAL_DEADLINES_MS = { start: 8_000, signal: 5_000, update: 30_000, query: 5_000 } as const;
export type TemporalCallKind = keyof typeof TEMPORAL_DEADLINES_MS;

/**
 * Runs one call to Temporal under its deadline. The workflow's own answers (an update refused, a workflow
 * gone, an id already started) reach the caller as the exceptions below; an unreachable or silent server becomes
 * a 503 or 504 in Chinese that says whether the request may still take effect.
 */
export async function temporalCall<T>(
  client: Client,
  kind: TemporalCallKind,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await client.withDeadline(Date.now() + TEMPORAL_DEADLINES_MS[kind], call);
  } catch (error) {
    if (error instanceof AppException) throw error;
    if (error instanceof WorkflowUpdateFailedError) throw new WorkflowRefusal(error);
    if (error instanceof WorkflowNotFoundError) throw new WorkflowGone(error);
    if (error instanceof WorkflowExecutionAlreadyStartedError) throw new WorkflowAlreadyStarted(error);
    throw temporalFailure(kind, error);
  }
}

/**
 * The workflow refused an Update (its validator or handler raised an ApplicationFailure). Reported as
 * updateRefusal says, else as the service being unavailable; the failure's type (from libs/contracts) and
 * details are kept for a caller that answers one of them itself.
 */
export class WorkflowRefusal extends AppException {
  readonly failureType: string | undefined;
  readonly failureDetails: unknown[];

  constructor(error: WorkflowUpdateFailedError) {
    const reported = updateRefusal(error) ?? temporalUnavailable(error);
    super(reported.code, reported.status, reported.message, reported.details);
    this.failureType = updateFailureType(error);
    this.failureDetails = updateFailureDetails(error);
  }
}

/** The workflow has ended (or never ran): reported as unavailable unless the caller knows what that means. */
export class WorkflowGone extends AppException {
  constructor(error: WorkflowNotFoundError) {
    const reported = temporalUnavailable(error);
    super(reported.code, reported.status, reported.message, reported.details);
  }
}

/** A workflow with that id runs already: reported as unavailable unless the caller expected it (a repeat). */
export class WorkflowAlreadyStarted extends AppException {
  constructor(error: WorkflowExecutionAlreadyStartedError) {
    const reported = temporalUnavailable(error);
    super(reported.code, reported.status, reported.message, reported.details);
  }
}

function temporalFailure(kind: TemporalCallKind, error: unknown): AppException {
  const seconds = TEMPORAL_DEADLINES_MS[kind] / 1000;
  const detail = { detail: error instanceof Error ? error.message : String(error) };
  if (kind === 'update') {
    return error instanceof WorkflowUpdateRPCTimeoutOrCancelledError || isGrpcDeadlineError(error)
      ? new AppException(
          'REQUEST_PENDING',
          504,
          `请求已送达流程，但 ${seconds} 秒内未办完：可能仍会完成。请稍后刷新查看结果；用同一 Idempotency-Key 重试不会重复办理`,
          detail,
        )
      : new AppException(
          'WORKFLOW_UNAVAILABLE',
          503,
          '流程服务暂不可用：本次请求可能未生效，请稍后刷新查看；用同一 Idempotency-Key 重试不会重复办理',
          detail,
        );
  }
  if (kind === 'signal') {
    return new AppException(
      'WORKFLOW_UNAVAILABLE',
      503,
      '流程服务暂不可用：本次操作可能未送达流程，请稍后重试（重复提交不会重复生效）',
      detail,
    );
  }
  // A start that did not answer is undone by its caller; a query changes nothing.
  return temporalUnavailable(error);
}

/** The ApplicationFailure a workflow's update validator or handler raised, if any. */
function updateFailure(error: unknown): ApplicationFailure | undefined {
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    return error.cause;
  }
  return undefined;
}

/** The ApplicationFailure type a workflow's update validator or handler raised, if any. */
export function updateFailureType(error: unknown): string | undefined {
  return updateFailure(error)?.type ?? undefined;
}

/** The details the workflow attached to that failure. */
function updateFailureDetails(error: unknown): unknown[] {
  return [...(updateFailure(error)?.details ?? [])];
}

/** The message of that failure: the workflows write it in Chinese, for the user. */
export function updateFailureMessage(error: unknown): string | undefined {
  return updateFailure(error)?.message || undefined;
}

/**
 * A workflow's refusal of an update that every caller reports the same way: a decision the step does not
 * allow (400), a request that does not fit the case's stage (409), a form that breaks a rule only the
 * workflow knows (400). Undefined for any other failure, which the caller maps itself.
 */
export function updateRefusal(error: unknown): AppException | undefined {
  const type = updateFailureType(error);
  if (type === DECISION_NOT_ALLOWED) {
    const message = '此步骤不允许该办理结果';
    return new AppException('DECISION_NOT_ALLOWED', 400, message, {
      errors: [{ field: 'decision', message }],
    });
  }
  if (type === STAGE_NOT_ALLOWED) {
    return new AppException(
      'STAGE_NOT_ALLOWED',
      409,
      updateFailureMessage(error) ?? '案件当前所处阶段不允许此操作',
    );
  }
  if (type === DECISION_NOT_STORABLE) {
    return new AppException(
      'DECISION_NOT_STORABLE',
      400,
      '办理内容无法保存（含无法存储的字符或超出范围的数值），本次办理未生效，任务仍待办理',
    );
  }
  if (type === DECISION_NOT_RECORDED) {
    return new AppException(
      'DECISION_NOT_RECORDED',
      503,
      '数据库暂时无法写入办理结果，本次办理未生效，任务仍待办理，请稍后重试',
    );
  }
  if (type === FORM_INVALID) {
    const message = updateFailureMessage(error) ?? '表单内容不符合要求';
    return new AppException('FORM_INVALID', 400, message, { errors: [{ field: 'form', message }] });
  }
  return undefined;
}

function temporalUnavailable(error: unknown): AppException {
  return new AppException('WORKFLOW_UNAVAILABLE', 503, '流程服务暂不可用，请稍后重试；本次操作未生效', {
    detail: error instanceof Error ? error.message : String(error),
  });
}
