// Temporal client failures as the API reports them.

import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DECISION_NOT_ALLOWED, FORM_INVALID, STAGE_NOT_ALLOWED } from '../../../../libs/contracts/src';
import { AppException } from './app.exception';

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
  if (type === FORM_INVALID) {
    const message = updateFailureMessage(error) ?? '表单内容不符合要求';
    return new AppException('FORM_INVALID', 400, message, { errors: [{ field: 'form', message }] });
  }
  return undefined;
}

export function isWorkflowGone(error: unknown): boolean {
  return error instanceof WorkflowNotFoundError;
}

export function temporalUnavailable(error: unknown): AppException {
  return new AppException('WORKFLOW_UNAVAILABLE', 503, '流程服务暂不可用，请稍后重试；本次操作未生效', {
    detail: error instanceof Error ? error.message : String(error),
  });
}
