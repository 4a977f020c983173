// 留痕检索 the audit search for inspectors and admins: events of cases in their jurisdiction subtree, and
// events without a case whose actor works in it; newest first, in keyset pages.

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { badCursor, type TimeCursor } from '../common/pagination';
import { Where, afterCursor, inSubtree, inWindow } from '@libs/persistence';
import { type FetchRecords, type RecordsFilter, type TimedRow, recordsPage } from '../ledgers/records-query';
import { type AuditEventRow, auditEventView } from './audit-event-view';
import type { AuditEventsQueryDto } from './audit-events.dto';

type TimedAuditEventRow = AuditEventRow & TimedRow;

@Injectable()
export class AuditEventsService {
  constructor(private readonly dataSource: DataSource) {}

  search(query: AuditEventsQueryDto, user: AuthUser) {
    const fetch: FetchRecords<TimedAuditEventRow> = (filter, after, limit) =>
      this.findEvents(query, filter, after, limit);
    return recordsPage(query, user, fetch, auditEventView);
  }

  private findEvents(
    query: AuditEventsQueryDto,
    filter: RecordsFilter,
    after: TimeCursor | undefined,
    limit: number,
  ): Promise<TimedAuditEventRow[]> {
    if (after && !/^\d{1,19}$/.test(after.id)) throw badCursor();
    const where = new Where();
    // An event of a case is where the case is; one without a case, where its actor works.
    inSubtree(where, 'coalesce(c.jurisdiction_path, aj.path)', filter.scopePath);
    inWindow(where, 'e.occurred_at', filter);
    if (query.action) where.add(`e.action = ${where.p(query.action)}`);
    if (query.actor) where.add(`e.actor_username = ${where.p(query.actor)}`);
    if (query.caseId) where.add(`e.case_id = ${where.p(query.caseId)}`);
    afterCursor(where, ['e.occurred_at', 'e.id'], after, 'newest');
    return this.dataSource.query(
      `SELECT e.id, e.occurred_at, to_json(e.occurred_at) #>> '{}' AS at_key, e.actor_username, e.actor_role,
         e.actor_jurisdiction_id, e.action, e.entity_type, e.entity_id, e.case_id, e.before, e.after, e.reason
       FROM audit_events e
       LEFT JOIN cases c ON c.id = e.case_id
       LEFT JOIN jurisdictions aj ON aj.id = e.actor_jurisdiction_id
       WHERE ${where.toSql()}
       ORDER BY e.occurred_at DESC, e.id DESC
       LIMIT ${where.p(limit)}`,
      where.params,
    );
  }
}
