// 留痕检索 the audit search for inspectors and admins: events of cases in their jurisdiction subtree, and
// events without a case whose actor works in it; newest first, in keyset pages, or all of them as a CSV or
// xlsx file. A search by a member's ID number and every export are audited themselves (who looked for whom,
// who took which events away).

import { Injectable, type StreamableFile } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AUDIT_ACTION_LABELS, ROLE_LABELS, maskIdNumber, maskPersonalData } from '@libs/domain';
import {
  type AuditEventEntry,
  type AuditEventsFilter,
  type RecordsFilter,
  findEventPage,
} from '@libs/persistence';
import type { AuthUser } from '../auth/auth-user';
import { badCursor } from '../common/pagination';
import { csvFile, exportFileName } from '../ledgers/csv';
import { XLSX_TIME, type XlsxColumn, xlsxFile, xlsxSheet } from '../ledgers/xlsx';
import { type FetchRecords, recordsBatches, recordsPage, type TimedRow } from '../ledgers/records-query';
import { appendAccessEvent } from './access-event';
import { auditEventView } from './audit-event-view';
import type { AuditEventsExportQueryDto, AuditEventsQueryDto } from './audit-events.dto';

type SearchFilters = Omit<AuditEventsQueryDto, 'limit' | 'cursor' | 'from' | 'to' | 'jurisdictionId'>;

const EXPORT_TITLE = '留痕记录';

const EXPORT_COLUMNS: readonly XlsxColumn[] = [
  { header: '时间', width: 20, numFmt: XLSX_TIME },
  { header: '操作人账号', width: 18 },
  { header: '角色', width: 14 },
  { header: '操作人辖区', width: 16 },
  { header: '操作', width: 20 },
  { header: '操作代码', width: 26 },
  { header: '对象类型', width: 14 },
  { header: '对象编号', width: 40 },
  { header: '案件编号', width: 38 },
  { header: '操作前', width: 50 },
  { header: '操作后', width: 50 },
  { header: '理由', width: 40 },
  { header: '序号', width: 10 },
];

const label = (labels: Record<string, string>, code: string): string =>
  Object.hasOwn(labels, code) ? labels[code] : code;

/** A before or after as one cell: JSON with its personal data masked by key as well as in text. */
const jsonCell = (value: unknown): string | null =>
  value === null ? null : JSON.stringify(maskPersonalData(value));

/** An event as a row of the export, the time as a Date (xlsx) or as China-local text (CSV). */
function exportRow<Time extends Date | string>(e: AuditEventEntry, time: Time) {
  return [
    time,
    e.actor_username,
    e.actor_role === 'system' ? '系统（流程）' : label(ROLE_LABELS, e.actor_role),
    e.actor_jurisdiction_id,
    label(AUDIT_ACTION_LABELS, e.action),
    e.action,
    e.entity_type,
    e.entity_id,
    e.case_id,
    jsonCell(e.before),
    jsonCell(e.after),
    e.reason,
    Number(e.id),
  ] as const;
}

const chinaLocalText = (at: Date): string =>
  new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');

@Injectable()
export class AuditEventsService {
  constructor(private readonly dataSource: DataSource) {}

  async search(query: AuditEventsQueryDto, user: AuthUser) {
    const page = await recordsPage(query, user, this.events(query), auditEventView);
    if (query.idNumber)
      await this.audit('audit.searchedByIdNumber', query, user, { found: page.items.length });
    return page;
  }

  /** Every matching event, oldest first, as a CSV or an xlsx file; the export itself is an audit event. */
  async export(query: AuditEventsExportQueryDto, user: AuthUser): Promise<StreamableFile> {
    const format = query.format ?? 'csv';
    // Reads the first batch, so a bad filter is still an HTTP error, before the export is recorded.
    const batches = await recordsBatches(query, user, this.events(query));
    await this.audit('audit.exported', query, user, { format });
    if (format === 'csv') {
      return csvFile(
        exportFileName(EXPORT_TITLE, query),
        EXPORT_COLUMNS.map((c) => c.header),
        batches,
        (e) => exportRow(e, chinaLocalText(e.occurred_at)),
      );
    }
    return xlsxFile(exportFileName(EXPORT_TITLE, query, 'xlsx'), [
      xlsxSheet({
        name: EXPORT_TITLE,
        columns: EXPORT_COLUMNS,
        batches,
        toRow: (e) => exportRow(e, e.occurred_at),
      }),
    ]);
  }

  private events(filters: SearchFilters): FetchRecords<AuditEventEntry & TimedRow> {
    return (window: RecordsFilter, after, limit, order) => {
      if (after && !/^\d{1,19}$/.test(after.id)) throw badCursor();
      const filter: AuditEventsFilter = {
        ...window,
        action: filters.action,
        actor: filters.actor,
        caseId: filters.caseId,
        householdId: filters.householdId,
        idNumber: filters.idNumber,
      };
      return findEventPage(this.dataSource, filter, after, limit, order);
    };
  }

  /** The search or export as an event of its own, in a transaction of its own, the ID number masked. */
  private async audit(
    action: 'audit.searchedByIdNumber' | 'audit.exported',
    query: AuditEventsExportQueryDto,
    user: AuthUser,
    outcome: Record<string, unknown>,
  ): Promise<void> {
    const filters = Object.fromEntries(
      Object.entries({
        action: query.action,
        actor: query.actor,
        caseId: query.caseId,
        householdId: query.householdId,
        idNumber: query.idNumber && maskIdNumber(query.idNumber),
        jurisdictionId: query.jurisdictionId,
        from: query.from,
        to: query.to,
      }).filter(([, value]) => value !== undefined),
    );
    await appendAccessEvent(this.dataSource, user, {
      action,
      entityType: 'auditSearch',
      entityId: user.jurisdictionPath,
      after: { filters, scope: user.jurisdictionPath, ...outcome },
    });
  }
}
