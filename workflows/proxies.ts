// The activities the lifecycle workflows call. Read-model writes are quick and idempotent: local activities,
// saving a round trip through the server each. A department's endpoint is a normal activity with its own
// retries and timeout. Every retry policy ends; what still fails becomes an incident (./incidents).

import { type LocalActivityOptions, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { LifecycleActivities } from '../libs/contracts/src/activities';

/** Eight tries within two minutes; errors that retrying cannot help (bad data) end at the first. */
export const READ_MODEL_RETRY: LocalActivityOptions = {
  startToCloseTimeout: '15s',
  scheduleToCloseTimeout: '2m',
  retry: { initialInterval: '200ms', maximumInterval: '10s', backoffCoefficient: 2, maximumAttempts: 8 },
};

export const readModel = proxyLocalActivities<LifecycleActivities>(READ_MODEL_RETRY);

/** Five tries over about a minute; after that the department answers in its inbox instead. */
export const departments = proxyActivities<Pick<LifecycleActivities, 'askDepartment'>>({
  startToCloseTimeout: '15s',
  retry: { initialInterval: '2s', maximumInterval: '30s', backoffCoefficient: 2, maximumAttempts: 5 },
});
