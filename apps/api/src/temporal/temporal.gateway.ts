// The API's one way to Temporal: it owns the client, names the workflow it talks to, runs each call under its
// deadline and raises only AppExceptions (temporal-errors.ts), so no service handles a Temporal error itself.

import { Inject, Injectable } from '@nestjs/common';
import { Client, type SignalDefinition } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { AppConfig } from '@libs/config';
import {
  CASE_STAGE_ATTRIBUTE,
  CASE_URGENT_ATTRIBUTE,
  CASE_VILLAGE_ATTRIBUTE,
  HOUSEHOLD_CASE_WORKFLOW,
  type CaseState,
  type HouseholdCaseInput,
  caseSettledUpdate,
  householdCaseWorkflowId,
} from '@libs/contracts';
import { APP_CONFIG } from '../common/tokens';
import { ApiMetrics } from '../metrics/api-metrics';
import { type TemporalCallKind, temporalCall } from './temporal-errors';

@Injectable()
export class TemporalGateway {
  constructor(
    private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: ApiMetrics,
  ) {}

  /**
   * Starts a case's workflow, searchable by stage, village and urgency from the start. Answers the run's id;
   * raises WorkflowAlreadyStarted if the case's workflow runs already.
   */
  async startCase(input: HouseholdCaseInput): Promise<string> {
    const handle = await this.call('start', () =>
      this.client.workflow.start(HOUSEHOLD_CASE_WORKFLOW, {
        workflowId: householdCaseWorkflowId(input.caseId),
        taskQueue: this.config.temporal.taskQueue,
        args: [input],
        typedSearchAttributes: [
          { key: CASE_STAGE_ATTRIBUTE, value: 'intake' },
          { key: CASE_VILLAGE_ATTRIBUTE, value: input.jurisdictions.villageId },
          { key: CASE_URGENT_ATTRIBUTE, value: input.urgent },
        ],
      }),
    );
    return handle.firstExecutionRunId;
  }

  /**
   * Sends an Update to the workflow with that id (a case's own, or a child such as a data check or a support
   * measure) and answers its result. An update id makes a repeat of the request get the first one's answer.
   * Raises WorkflowRefusal if the workflow refused it, WorkflowGone if the workflow has ended.
   */
  update<Ret, Arg>(
    workflowId: string,
    definition: UpdateDefinition<Ret, [Arg]>,
    arg: Arg,
    updateId?: string,
  ): Promise<Ret> {
    return this.call('update', () =>
      this.client.workflow
        .getHandle(workflowId)
        .executeUpdate(definition, { args: [arg], ...(updateId ? { updateId } : {}) }),
    );
  }

  /** The case's state once its first step has read the rows it was entered with (and opened its first task). */
  caseSettled(caseId: string): Promise<CaseState> {
    return this.call('update', () =>
      this.client.workflow.getHandle(householdCaseWorkflowId(caseId)).executeUpdate(caseSettledUpdate),
    );
  }

  /**
   * Signals the workflow with that id (a case's own, or the data check or measure a task belongs to); raises
   * WorkflowGone if it has ended.
   */
  async signal<Args extends unknown[]>(
    workflowId: string,
    definition: SignalDefinition<Args>,
    ...args: Args
  ): Promise<void> {
    await this.call('signal', () => this.client.workflow.getHandle(workflowId).signal(definition, ...args));
  }

  /** Ends a run without letting it finish its step (under a signal's deadline), with the reason in its history. */
  async terminate(workflowId: string, runId: string | undefined, reason: string): Promise<void> {
    await this.call('signal', () => this.client.workflow.getHandle(workflowId, runId).terminate(reason));
  }

  /** One call under its deadline (temporalCall), timed by kind and outcome. */
  private call<T>(kind: TemporalCallKind, run: () => Promise<T>): Promise<T> {
    return this.metrics.temporalCall(kind, () => temporalCall(this.client, kind, run));
  }

  /** Asks the server about itself: answers once it is reachable, for the health check (which times it). */
  async checkConnection(): Promise<void> {
    await this.client.workflowService.getSystemInfo({});
  }
}
