import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { IncidentStatusFilter } from './dto/incidents-query.dto';

export interface IncidentRow {
  id: string;
  case_id: string;
  workflow_id: string;
  step: string;
  error_type: string | null;
  error_message: string;
  retryable: boolean;
  failures: number;
  status: 'open' | 'retrying' | 'resolved';
  jurisdiction_path: string;
  opened_at: Date;
  last_failed_at: Date;
  retry_requested_at: Date | null;
  resolved_at: Date | null;
  village_name: string;
  stage: string;
}

export interface CaseIncidentView {
  id: string;
  step: string;
  status: 'open' | 'retrying';
  message: string;
  openedAt: string;
}

const STATUSES: Record<IncidentStatusFilter, string[]> = {
  unresolved: ['open', 'retrying'],
  open: ['open'],
  retrying: ['retrying'],
  resolved: ['resolved'],
};

const SELECT_INCIDENT = `
  SELECT i.*, v.name AS village_name, c.stage
  FROM incidents i JOIN cases c ON c.id = i.case_id JOIN jurisdictions v ON v.id = c.village_id`;

/** 故障事件 as supervisors and admins read them; the worker writes them (activities/incidents.activities). */
@Injectable()
export class IncidentsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Newest first within the scope, after the cursor's (opened_at, id). */
  findIncidentsInScope(
    scopePath: string,
    filter: { status: IncidentStatusFilter; caseId?: string },
    after: { openedAt: string; id: string } | undefined,
    limit: number,
  ): Promise<IncidentRow[]> {
    return this.dataSource.query(
      `${SELECT_INCIDENT}
       WHERE (i.jurisdiction_path = $1 OR i.jurisdiction_path LIKE $1 || '.%') AND i.status = ANY($2)
         AND ($3::uuid IS NULL OR i.case_id = $3)
         AND ($4::timestamptz IS NULL OR (i.opened_at, i.id) < ($4, $5::uuid))
       ORDER BY i.opened_at DESC, i.id DESC LIMIT $6`,
      [
        scopePath,
        STATUSES[filter.status],
        filter.caseId ?? null,
        after?.openedAt ?? null,
        after?.id ?? null,
        limit,
      ],
    );
  }

  /** The incident, held against a concurrent retry until the caller's transaction ends. */
  async lockIncident(manager: EntityManager, incidentId: string): Promise<IncidentRow | undefined> {
    const [row] = await manager.query(`${SELECT_INCIDENT} WHERE i.id = $1 FOR UPDATE OF i`, [incidentId]);
    return row;
  }

  async markRetrying(manager: EntityManager, incidentId: string, userId: string): Promise<void> {
    await manager.query(
      `UPDATE incidents SET status = 'retrying', retry_requested_by = $2, retry_requested_at = now() WHERE id = $1`,
      [incidentId, userId],
    );
  }

  /** The retry never reached the workflow: the incident waits again, unless the workflow settled it meanwhile. */
  async reopen(incidentId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE incidents SET status = 'open' WHERE id = $1 AND status = 'retrying'`,
      [incidentId],
    );
  }

  /** What a case's readers are told of its unresolved incidents: which step waits, since when. */
  async findUnresolvedIncidentsOfCase(caseId: string): Promise<CaseIncidentView[]> {
    const rows: { id: string; step: string; status: 'open' | 'retrying'; opened_at: Date }[] =
      await this.dataSource.query(
        `SELECT id, step, status, opened_at FROM incidents WHERE case_id = $1 AND status <> 'resolved'
         ORDER BY opened_at`,
        [caseId],
      );
    return rows.map((row) => ({
      id: row.id,
      step: row.step,
      status: row.status,
      message:
        row.status === 'open' ? '流程步骤多次重试仍失败，已通知督办负责人和管理员处理' : '管理员已发起重试',
      openedAt: row.opened_at.toISOString(),
    }));
  }

  /** How many incidents wait for someone (for /health). */
  async countUnresolved(): Promise<number> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM incidents WHERE status <> 'resolved'`,
    );
    return row.n;
  }
}
