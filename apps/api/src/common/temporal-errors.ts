// Temporal client failures as the API reports them.

import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { AppException } from './app.exception';

/** The ApplicationFailure type a workflow's update validator or handler raised, if any. */
export function updateFailureType(error: unknown): string | undefined {
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    return error.cause.type ?? undefined;
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
