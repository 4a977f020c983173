// 留痕检索 the audit search for inspectors and admins: events of cases in their jurisdiction subtree, and
// events without a case whose actor works in it; newest first, in keyset pages.

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type AuditEventEntry, findEventPage } from '@libs/persistence';
import type { AuthUser } from '../auth/auth-user';
import { badCursor } from '../common/pagination';
import { type FetchRecords, recordsPage, type TimedRow } from '../ledgers/records-query';
import { auditEventView } from './audit-event-view';
import type { AuditEventsQueryDto } from './audit-events.dto';

@Injectable()
export class AuditEventsService {
  constructor(private readonly dataSource: DataSource) {}

  search(query: AuditEventsQueryDto, user: AuthUser) {
    const fetch: FetchRecords<AuditEventEntry & TimedRow> = (filter, after, limit) => {
      if (after && !/^\d{1,19}$/.test(after.id)) throw badCursor();
      return findEventPage(
        this.dataSource,
        { ...filter, action: query.action, actor: query.actor, caseId: query.caseId },
        after,
        limit,
      );
    };
    return recordsPage(query, user, fetch, auditEventView);
  }
}
