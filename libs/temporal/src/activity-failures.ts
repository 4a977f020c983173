// An activity's error that retrying cannot fix ends its retries at once: the worker marks it non-retryable,
// so the workflow hears of it in one try (a decision's Update fails, a step raises its incident) instead of
// after the whole retry policy.

import { ApplicationFailure } from '@temporalio/common';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import { isPermanentDatabaseError, sqlState } from '@libs/persistence/database-errors';

export const permanentFailures: ActivityInterceptorsFactory = () => ({
  inbound: {
    async execute(input, next) {
      try {
        return await next(input);
      } catch (error) {
        if (!isPermanentDatabaseError(error)) throw error;
        throw ApplicationFailure.create({
          type: `SQLSTATE ${sqlState(error)}`,
          message: (error as Error).message,
          nonRetryable: true,
        });
      }
    },
  },
});
