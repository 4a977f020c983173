// Steps of the lifecycle as people take them through the API, for the scenario specs.

import { temporal } from '@temporalio/proto';
import { householdCaseWorkflowId } from '@libs/contracts';
import { syntheticApplication } from '../../scripts/lib/synthetic-households';
import type { TestCounty } from './county';
import * as forms from './forms';
import { type ApiClient, eventually, type Platform } from './platform';

export type Application = ReturnType<typeof syntheticApplication>;

const EVENT_TYPES = temporal.api.enums.v1.EventType;

export class Lifecycle {
  constructor(private readonly platform: Platform) {}

  /** The id of the open task of `kind` in the case (its data check's and measures' too), once it is open. */
  openTask(caseId: string, kind: string, department?: string, timeoutMs?: number): Promise<string> {
    return eventually(
      async () => {
        const [task] = await this.platform.dataSource.query(
          `SELECT id FROM tasks WHERE case_id = $1 AND kind = $2 AND status = 'open'
             AND ($3::text IS NULL OR department = $3) ORDER BY opened_at DESC LIMIT 1`,
          [caseId, kind, department ?? null],
        );
        return task?.id as string | undefined;
      },
      timeoutMs,
      () => this.explain(caseId),
    );
  }

  /**
   * The case as a wait that timed out finds it: its row, newest tasks and incidents, and the newest events of
   * its workflow's history (a workflow task that failed, a timer or an activity it waits on).
   */
  async explain(caseId: string): Promise<string> {
    const db = this.platform.dataSource;
    const row = await this.caseRow(caseId);
    const tasks: { id: string; status: string; opened_at: Date; closed_at: Date | null }[] = await db.query(
      `SELECT id, status, opened_at, closed_at FROM tasks WHERE case_id = $1 ORDER BY opened_at DESC LIMIT 4`,
      [caseId],
    );
    const incidents: { step: string; status: string; error_message: string }[] = await db.query(
      `SELECT step, status, error_message FROM incidents WHERE case_id = $1 ORDER BY opened_at DESC LIMIT 3`,
      [caseId],
    );
    const handle = this.platform.temporal.workflow.getHandle(householdCaseWorkflowId(caseId));
    const [{ status }, history] = await Promise.all([handle.describe(), handle.fetchHistory()]);
    const events = (history.events ?? []).slice(-12).map((event) => {
      const failure =
        event.workflowTaskFailedEventAttributes?.failure?.message ??
        event.activityTaskFailedEventAttributes?.failure?.message;
      const at = event.eventTime?.seconds ? new Date(Number(event.eventTime.seconds) * 1000) : undefined;
      return `    ${event.eventId} ${EVENT_TYPES[event.eventType ?? 0].replace('EVENT_TYPE_', '')} ${at?.toISOString().slice(11, 19) ?? ''}${failure ? ` ${failure}` : ''}`;
    });
    // The case's row and tasks come last, nearest the failure: a long log is kept by its end.
    return [
      `workflow of case ${caseId} ${status.name}, its newest events:`,
      ...events,
      ...incidents.map((i) => `  incident ${i.step} ${i.status}: ${i.error_message}`),
      ...tasks.map(
        (t) =>
          `  task ${t.id} ${t.status} ${t.opened_at.toISOString()}${t.closed_at ? ` → ${t.closed_at.toISOString()}` : ''}`,
      ),
      `  case (now ${new Date().toISOString().slice(11, 19)}): ${JSON.stringify(row)}`,
    ].join('\n');
  }

  async openTasks(caseId: string): Promise<{ id: string; kind: string }[]> {
    return this.platform.dataSource.query(
      `SELECT id, kind FROM tasks WHERE case_id = $1 AND status = 'open' ORDER BY id`,
      [caseId],
    );
  }

  /** Completes the task and answers the API's body; anything but 200 fails the spec with the answer. */
  async complete(client: ApiClient, taskId: string, body: Record<string, unknown>) {
    const response = await client.post(`/tasks/${encodeURIComponent(taskId)}/complete`, body);
    if (response.status !== 200)
      throw new Error(`${taskId}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }

  async caseRow(caseId: string) {
    const [row] = await this.platform.dataSource.query(
      `SELECT stage, status, outcome_reason, recognised_at, previous_case_id, urgent FROM cases WHERE id = $1`,
      [caseId],
    );
    return row;
  }

  reachesStage(caseId: string, stage: string, timeoutMs?: number) {
    return eventually(
      async () => ((await this.caseRow(caseId)).stage === stage ? true : undefined),
      timeoutMs,
      () => this.explain(caseId),
    );
  }

  async apply(county: TestCounty, overrides: Record<string, unknown> = {}) {
    const application = syntheticApplication(county.villageId, overrides);
    const created = await county.caseworker.post('/cases', application);
    if (created.status !== 201) throw new Error(JSON.stringify(created.body));
    return { caseId: created.body.id as string, application };
  }

  /** Each department answers its data-check request in its inbox, with the hits given (none by default). */
  async answerDataCheck(
    county: TestCounty,
    caseId: string,
    departments: string[],
    hits: Record<string, unknown[]> = {},
  ) {
    for (const department of departments) {
      await this.complete(
        county.department(department),
        await this.openTask(caseId, 'dataCheckAnswer', department),
        { decision: 'approve', form: { hits: hits[department] ?? [] } },
      );
    }
  }

  async survey(county: TestCounty, caseId: string, application: Application, form?: object) {
    await this.complete(county.caseworker, await this.openTask(caseId, 'homeSurvey'), {
      decision: 'approve',
      form: form ?? forms.homeSurvey(application.members),
    });
  }

  /** Home survey (the form given, or a valid one), appraisal and posting the notice. */
  async villageProcedure(county: TestCounty, caseId: string, application: Application, survey?: object) {
    await this.survey(county, caseId, application, survey);
    await this.complete(county.caseworker, await this.openTask(caseId, 'democraticAppraisal'), {
      decision: 'approve',
      form: forms.meeting(),
    });
    await this.complete(county.caseworker, await this.openTask(caseId, 'publicNotice'), {
      decision: 'approve',
      form: forms.publicNotice(),
    });
  }

  /** The village procedure, the township review and the county's recognition. */
  async recognise(county: TestCounty, caseId: string, application: Application, survey?: object) {
    await this.villageProcedure(county, caseId, application, survey);
    await this.complete(county.reviewer, await this.openTask(caseId, 'townshipReview'), {
      decision: 'approve',
    });
    await this.complete(county.officer, await this.openTask(caseId, 'recognition'), { decision: 'approve' });
  }

  /** A plan of one safety-net item (低保, 民政); the measure runs to its follow-up. */
  async simplePlan(county: TestCounty, caseId: string) {
    await this.complete(county.officer, await this.openTask(caseId, 'supportPlan'), {
      decision: 'approve',
      form: forms.supportPlan({
        safetyNet: [{ type: 'minimumLivingAllowance', department: 'civilAffairs' }],
        sectorMeasures: [],
      }),
    });
  }

  /** The review proposes exit at this income a head; the village representative meeting confirms. */
  async exit(county: TestCounty, caseId: string, application: Application, incomePerMember: number) {
    await this.complete(county.caseworker, await this.openTask(caseId, 'periodicReview'), {
      decision: 'approve',
      form: forms.periodicReview(application.members, 'proposeExit', incomePerMember),
    });
    await this.complete(county.caseworker, await this.openTask(caseId, 'villageRepresentativeMeeting'), {
      decision: 'approve',
      form: forms.meeting(),
    });
    await this.reachesStage(caseId, 'observation');
  }

  async auditActions(caseId: string): Promise<string[]> {
    const rows = await this.platform.dataSource.query(
      'SELECT action FROM audit_events WHERE case_id = $1 ORDER BY id',
      [caseId],
    );
    return rows.map((r: { action: string }) => r.action);
  }
}
