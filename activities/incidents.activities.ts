// 故障事件 incidents: the workflow's record of a step that failed after its retries (./workflows/incidents).
// Raised once per failure of the step (keyed by the workflow's incident id and the failure's count), notified to
// the supervisors and admins of the case's place on the first, resolved when the step succeeds. Audited.

import type { DataSource } from 'typeorm';
import type {
  IncidentActivities,
  RaiseIncidentInput,
  ResolveIncidentInput,
} from '@libs/contracts/activities';
import { SYSTEM_ACTOR } from '@libs/contracts/household-case';
import {
  appendAuditEvent,
  IncidentsRepository,
  notifyUsers,
  type OutboundChannel,
  UsersRepository,
} from '@libs/persistence';

export class IncidentActivitiesImpl implements IncidentActivities {
  protected readonly incidents = new IncidentsRepository();
  protected readonly users = new UsersRepository();

  constructor(
    protected readonly dataSource: DataSource,
    /** Outbound channels configured besides the in-app list (webhook, SMS). */
    protected readonly outboundChannels: readonly OutboundChannel[] = [],
  ) {}

  async raiseIncident(input: RaiseIncidentInput): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const row = await this.incidents.raise(manager, {
        incidentId: input.incidentId,
        caseId: input.caseId,
        workflowId: input.workflowId,
        step: input.step,
        errorType: input.errorType ?? null,
        errorMessage: input.errorMessage,
        retryable: input.retryable,
        failures: input.failures,
      });
      // A case whose row was never written (its creation rolled back) has nothing to show an incident on.
      if (!row) return;
      await appendAuditEvent(manager, {
        eventKey: `${input.incidentId}:raised:${input.failures}`,
        actor: SYSTEM_ACTOR,
        action: 'incident.raised',
        entityType: 'incident',
        entityId: input.incidentId,
        caseId: input.caseId,
        after: {
          step: input.step,
          errorType: input.errorType ?? null,
          error: input.errorMessage,
          retryable: input.retryable,
          failures: input.failures,
        },
      });
      if (!row.first) return;
      const overseers = await this.users.findByRolesIn(
        manager,
        ['supervisor', 'admin'],
        row.jurisdiction_path.split('.'),
      );
      await notifyUsers(manager, {
        eventKey: `${input.incidentId}:raised`,
        userIds: overseers.map((u) => u.id),
        kind: 'incidentRaised',
        title: '案件流程故障，需要处理',
        body:
          `案件 ${input.caseId} 的步骤「${input.step}」多次重试仍失败：${input.errorMessage}。` +
          (input.retryable
            ? '系统将自动重试；排除原因后管理员也可立即重试。'
            : '重试无法自行恢复，请排除原因后由管理员重试。'),
        caseId: input.caseId,
        channels: this.outboundChannels,
      });
    });
  }

  async resolveIncident(input: ResolveIncidentInput): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.incidents.resolve(manager, input.incidentId);
      // Audited whether or not this call resolved it: the event's key keeps it to one per incident.
      await appendAuditEvent(manager, {
        eventKey: `${input.incidentId}:resolved`,
        actor: SYSTEM_ACTOR,
        action: 'incident.resolved',
        entityType: 'incident',
        entityId: input.incidentId,
        caseId: input.caseId,
        after: { status: 'resolved' },
      });
    });
  }
}
