// 故障事件: what supervisors and admins see of steps that failed after their retries, and the admin's retry.
// The retry is recorded and committed first, then sent to the waiting workflow (no call to Temporal inside a
// transaction); if it cannot be sent, the incident waits again and the caller is told nothing happened.

import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { retryIncidentSignal } from '@libs/contracts';
import {
  appendAuditEvent,
  type IncidentStatus,
  type IncidentWithCase,
  IncidentsRepository,
  type UnresolvedIncident,
} from '@libs/persistence';
import { actorOf, type AuthUser, inScope } from '../auth/auth-user';
import { AppException } from '../common/app.exception';
import { badCursor, decodeTimeCursor, keysetPage } from '../common/pagination';
import { TemporalGateway } from '../temporal/temporal.gateway';
import { WorkflowGone } from '../temporal/temporal-errors';
import type { IncidentStatusFilter, IncidentsQueryDto } from './dto/incidents-query.dto';

const INCIDENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const STATUSES: Record<IncidentStatusFilter, IncidentStatus[]> = {
  unresolved: ['open', 'retrying'],
  open: ['open'],
  retrying: ['retrying'],
  resolved: ['resolved'],
};

const STATUS_LABELS: Record<IncidentStatus, string> = {
  open: '待处理',
  retrying: '重试中',
  resolved: '已解决',
};

export interface CaseIncidentView {
  id: string;
  step: string;
  status: 'open' | 'retrying';
  message: string;
  openedAt: string;
}

function incidentNotFound(incidentId: string): AppException {
  return new AppException('INCIDENT_NOT_FOUND', 404, `故障事件 ${incidentId} 不存在或不在您的管辖范围内`);
}

/** What a case's readers are told of an incident it waits on: which step waits, since when. */
export function caseIncidentView(row: UnresolvedIncident): CaseIncidentView {
  return {
    id: row.id,
    step: row.step,
    status: row.status,
    message:
      row.status === 'open' ? '流程步骤多次重试仍失败，已通知督办负责人和管理员处理' : '管理员已发起重试',
    openedAt: row.opened_at.toISOString(),
  };
}

function incidentView(row: IncidentWithCase) {
  return {
    id: row.id,
    caseId: row.case_id,
    villageName: row.village_name,
    caseStage: row.stage,
    workflowId: row.workflow_id,
    step: row.step,
    errorType: row.error_type,
    error: row.error_message,
    retryable: row.retryable,
    failures: row.failures,
    status: row.status,
    statusLabel: STATUS_LABELS[row.status],
    openedAt: row.opened_at.toISOString(),
    lastFailedAt: row.last_failed_at.toISOString(),
    retryRequestedAt: row.retry_requested_at?.toISOString() ?? null,
    resolvedAt: row.resolved_at?.toISOString() ?? null,
  };
}

@Injectable()
export class IncidentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly incidents: IncidentsRepository,
    private readonly temporal: TemporalGateway,
  ) {}

  async list(query: IncidentsQueryDto, user: AuthUser) {
    const limit = query.limit ?? 20;
    const after = query.cursor ? decodeTimeCursor(query.cursor) : undefined;
    if (after && !INCIDENT_ID.test(after.id)) throw badCursor();
    const rows = await this.incidents.findInScope(
      this.dataSource,
      user.jurisdictionPath,
      { statuses: STATUSES[query.status ?? 'unresolved'], caseId: query.caseId },
      after && { openedAt: after.at, id: after.id },
      limit + 1,
    );
    return keysetPage(rows, limit, incidentView, (last) => [last.opened_at.toISOString(), last.id]);
  }

  async retry(incidentId: string, reason: string, user: AuthUser) {
    if (!INCIDENT_ID.test(incidentId)) throw incidentNotFound(incidentId);
    const incident = await this.dataSource.transaction(async (manager) => {
      const row = await this.incidents.lock(manager, incidentId);
      if (!row || !inScope(user.jurisdictionPath, row.jurisdiction_path)) throw incidentNotFound(incidentId);
      if (row.status === 'resolved') {
        throw new AppException('INCIDENT_RESOLVED', 409, `故障事件 ${incidentId} 已解决，无需重试`);
      }
      await this.incidents.markRetrying(manager, incidentId, user.userId);
      await appendAuditEvent(manager, {
        eventKey: `${incidentId}:retryRequested:${row.failures}:${Date.now()}`,
        actor: user,
        action: 'incident.retryRequested',
        entityType: 'incident',
        entityId: incidentId,
        caseId: row.case_id,
        before: { status: row.status, failures: row.failures },
        after: { status: 'retrying' },
        reason,
      });
      return row;
    });
    try {
      await this.temporal.signal(incident.workflow_id, retryIncidentSignal, {
        incidentId,
        actor: actorOf(user),
      });
    } catch (error) {
      // The committed request did not reach the workflow: the incident waits again, and the log says so.
      await this.dataSource.transaction(async (manager) => {
        await this.incidents.reopen(manager, incidentId);
        await appendAuditEvent(manager, {
          eventKey: `${incidentId}:retryUndelivered:${randomUUID()}`,
          actor: user,
          action: 'incident.retryUndelivered',
          entityType: 'incident',
          entityId: incidentId,
          caseId: incident.case_id,
          before: { status: 'retrying' },
          after: { status: 'open' },
          reason: error instanceof WorkflowGone ? '流程已结束' : '重试未能送达流程',
        });
      });
      if (error instanceof WorkflowGone) {
        throw new AppException('INCIDENT_GONE', 409, `故障事件 ${incidentId} 所在的流程已结束，无法重试`);
      }
      throw error;
    }
    return { ...incidentView({ ...incident, status: 'retrying' }), retryRequested: true };
  }

  /** What a case's readers are told of its unresolved incidents, oldest first. */
  async unresolvedOfCase(caseId: string): Promise<CaseIncidentView[]> {
    return (await this.incidents.findUnresolvedOfCase(this.dataSource, caseId)).map(caseIncidentView);
  }
}
