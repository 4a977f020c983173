// 故障事件 incidents, as Camunda Operate has them: an activity that still fails when its retry policy ends
// does not fail the case nor loop. Its step raises an incident on the case (listed for supervisors and
// admins, counted on /health, notified) and waits; an admin's retry (the retryIncident signal) runs the step
// again. A transient failure (the database away) is also tried again by itself, less and less often; one
// that retrying cannot help (bad data, a constraint) waits for the admin. The step's success resolves it.
//
// The incident is raised by a normal activity, which runs only once the server has stored the step's failure.
// It was a local activity, which runs before that: when the server's own database was away as well (one
// cluster), the workflow task that saw the failure could be lost after the incident was written; on replay
// the step was tried again and succeeded, and the incident stayed open with nothing to resolve it (the fault
// run saw three so).

import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  TemporalFailure,
  condition,
  isCancellation,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { IncidentActivities } from '../libs/contracts/src/activities';
import { CASE_CLOSED, retryIncidentSignal } from '../libs/contracts/src/household-case';

const incidentActivities = proxyLocalActivities<IncidentActivities>({
  startToCloseTimeout: '15s',
  scheduleToCloseTimeout: '1m',
  retry: { initialInterval: '500ms', maximumInterval: '10s', backoffCoefficient: 2, maximumAttempts: 6 },
});

/** Raising one, once the failure is stored: a server that is itself recovering may take longer. */
const durableIncidentActivities = proxyActivities<Pick<IncidentActivities, 'raiseIncident'>>({
  startToCloseTimeout: '15s',
  scheduleToCloseTimeout: '5m',
  retry: { initialInterval: '1s', maximumInterval: '30s', backoffCoefficient: 2, maximumAttempts: 10 },
});

/** patched() id: an incident is raised by a normal activity, after the step's failure is stored (2026-12). */
const INCIDENT_AFTER_FAILURE_STORED = 'incident-after-failure-stored';

/** A transient failure is retried by itself after a minute, then after twice as long each time, up to hourly. */
const FIRST_AUTOMATIC_RETRY_MS = 60_000;
const LAST_AUTOMATIC_RETRY_MS = 3_600_000;

/** What a failure says; personal data stays out of it (PostgreSQL's message, not its DETAIL). */
const MAX_MESSAGE_LENGTH = 500;

interface Incident {
  id: string;
  failures: number;
}

export class Incidents {
  private readonly retryRequested = new Set<string>();
  private readonly activities: IncidentActivities;
  private readonly durable: Pick<IncidentActivities, 'raiseIncident'>;

  /** `track` counts the incident writes as in flight, like the steps' own activities. */
  constructor(
    private readonly caseId: string,
    track: <T extends object>(activities: T) => T = (activities) => activities,
  ) {
    this.activities = track(incidentActivities);
    this.durable = track(durableIncidentActivities);
    setHandler(retryIncidentSignal, ({ incidentId }) => {
      this.retryRequested.add(incidentId);
    });
  }

  /** Wraps each function of an activity proxy so that a call that finally fails raises an incident and waits. */
  guard<T extends object>(activities: T): T {
    return new Proxy(activities, {
      get: (target, name) => {
        const fn = (target as Record<string | symbol, unknown>)[name];
        if (typeof fn !== 'function') return fn;
        return (...args: unknown[]) =>
          this.call(String(name), () => (fn as (...a: unknown[]) => Promise<unknown>)(...args));
      },
    });
  }

  private async call<R>(step: string, attempt: () => Promise<R>): Promise<R> {
    let incident: Incident | undefined;
    for (;;) {
      try {
        const result = await attempt();
        if (incident) {
          const resolved = incident;
          await this.record(() =>
            this.activities.resolveIncident({ incidentId: resolved.id, caseId: this.caseId }),
          );
        }
        return result;
      } catch (error) {
        // Only the activity's failure: a cancellation goes on up, and so does the workflow's own error (which
        // fails the workflow task until a fixed worker takes it), and a step its closed case refused.
        if (!(error instanceof TemporalFailure) || isCancellation(error)) throw error;
        if (describeFailure(error).type === CASE_CLOSED) throw error;
        incident = { id: incident?.id ?? uuid4(), failures: (incident?.failures ?? 0) + 1 };
        const { type, message, retryable } = describeFailure(error);
        const raised = incident;
        const { raiseIncident } = patched(INCIDENT_AFTER_FAILURE_STORED) ? this.durable : this.activities;
        await this.record(() =>
          raiseIncident({
            incidentId: raised.id,
            caseId: this.caseId,
            workflowId: workflowInfo().workflowId,
            step,
            errorType: type,
            errorMessage: message.slice(0, MAX_MESSAGE_LENGTH),
            retryable,
            failures: raised.failures,
          }),
        );
        const retry = () => this.retryRequested.has(raised.id);
        try {
          if (retryable) {
            await condition(
              retry,
              Math.min(FIRST_AUTOMATIC_RETRY_MS * 2 ** (raised.failures - 1), LAST_AUTOMATIC_RETRY_MS),
            );
          } else {
            await condition(retry);
          }
        } catch (cancelled) {
          // The step was overtaken (a withdrawal): nothing is left to retry.
          await CancellationScope.nonCancellable(() =>
            this.record(() =>
              this.activities.resolveIncident({ incidentId: raised.id, caseId: this.caseId }),
            ),
          );
          throw cancelled;
        }
        this.retryRequested.delete(raised.id);
      }
    }
  }

  /** An incident's own write may fail too (the database away): the step's next try writes it again. */
  private async record(write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (error) {
      if (isCancellation(error)) throw error;
    }
  }
}

/**
 * What an activity's final failure says. A local activity's arrives as an ActivityFailure around the
 * activity's own error, or as that error itself.
 */
export function describeFailure(error: TemporalFailure): {
  type?: string;
  message: string;
  retryable: boolean;
} {
  const cause = error instanceof ActivityFailure && error.cause ? error.cause : error;
  const nonRetryable =
    (error instanceof ActivityFailure && error.retryState === 'NON_RETRYABLE_FAILURE') ||
    (cause instanceof ApplicationFailure && cause.nonRetryable);
  return {
    type: cause instanceof ApplicationFailure ? (cause.type ?? undefined) : undefined,
    message: cause.message,
    retryable: !nonRetryable,
  };
}
