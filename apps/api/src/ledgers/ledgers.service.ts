// 三本台账 the three ledgers (003 §二(五)): identification & recognition, support & assistance, exit &
// closure. The workflow activities write the entries; here they are read, in the user's subtree only, and
// corrected by the county centre: a correction is a new row naming the old, which stays as written.

import { randomUUID } from 'node:crypto';
import { Injectable, type StreamableFile } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Ledger } from '@libs/contracts';
import { appendAuditEvent, type LedgerEntryWithPlace, LedgersRepository } from '@libs/persistence';
import { appendAccessEvent } from '../audit/access-event';
import { actorOf, type AuthUser, inScope } from '../auth/auth-user';
import { AppException } from '../common/app.exception';
import { csvFile, exportFileName } from './csv';
import type { LedgerCorrectionDto } from './dto/ledger-correction.dto';
import type { LedgerExportQueryDto, RecordsPageQueryDto } from './dto/ledger-query.dto';
import { describeEntry, LEDGER_LABELS, ledgerEventLabel } from './ledger-labels';
import { placeCells, placeView } from './place-view';
import { type FetchRecords, recordsBatches, recordsPage } from './records-query';
import { XLSX_TIME, xlsxFile, xlsxSheet } from './xlsx';

const LEDGER_CSV_HEADER = [
  '登记时间',
  '镇(街道)',
  '村(社区)',
  '户主',
  '身份证号',
  '事项',
  '详情',
  '案件编号',
];

const LEDGER_XLSX_COLUMNS = [
  { header: '登记时间', width: 20, numFmt: XLSX_TIME },
  { header: '镇(街道)', width: 14 },
  { header: '村(社区)', width: 14 },
  { header: '户主', width: 10 },
  { header: '身份证号', width: 21 },
  { header: '事项', width: 14 },
  { header: '详情', width: 60 },
  { header: '更正', width: 30 },
  { header: '登记编号', width: 40 },
  { header: '案件编号', width: 38 },
];

/** 更正 what a row says of corrections: which entry it corrects, or which entry corrected it. */
function correctionNote(row: Pick<LedgerEntryWithPlace, 'corrects' | 'corrected_by'>): string {
  if (row.corrected_by) return `已被更正（见 ${row.corrected_by}）`;
  return row.corrects ? `更正 ${row.corrects}` : '';
}

function ledgerEntryView(row: LedgerEntryWithPlace) {
  return {
    id: row.id,
    ledger: row.ledger,
    ledgerLabel: LEDGER_LABELS[row.ledger],
    event: row.event,
    eventLabel: ledgerEventLabel(row.event),
    ...placeView(row),
    entry: row.entry,
    recordedAt: row.recorded_at.toISOString(),
    corrects: row.corrects,
    correctedBy: row.corrected_by,
  };
}

@Injectable()
export class LedgersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledgers: LedgersRepository,
  ) {}

  private entries(ledger: Ledger): FetchRecords<LedgerEntryWithPlace> {
    return (filter, after, limit, order) =>
      this.ledgers.findEntries(this.dataSource, ledger, filter, after, limit, order);
  }

  /** One page of a ledger, newest first. */
  async list(ledger: Ledger, query: RecordsPageQueryDto, user: AuthUser) {
    const page = await recordsPage(query, user, this.entries(ledger), ledgerEntryView);
    return { ledger, ledgerLabel: LEDGER_LABELS[ledger], ...page };
  }

  /**
   * The ledger in the window, oldest first as a paper ledger reads: a CSV for Excel, or an Excel workbook.
   * Each run is audited with its filters (who took which records out), once the first batch has been read.
   */
  async export(ledger: Ledger, query: LedgerExportQueryDto, user: AuthUser): Promise<StreamableFile> {
    const format = query.format ?? 'csv';
    const batches = await recordsBatches(query, user, this.entries(ledger));
    const fileName = exportFileName(LEDGER_LABELS[ledger], query, format);
    await appendAccessEvent(this.dataSource, user, {
      action: 'ledger.exported',
      entityType: 'ledger',
      entityId: ledger,
      after: {
        format,
        fileName,
        scope: user.jurisdictionPath,
        from: query.from ?? null,
        to: query.to ?? null,
        jurisdictionId: query.jurisdictionId ?? null,
        villageId: query.villageId ?? null,
      },
    });
    if (format === 'xlsx') {
      return xlsxFile(fileName, [
        xlsxSheet<LedgerEntryWithPlace>({
          name: LEDGER_LABELS[ledger],
          columns: LEDGER_XLSX_COLUMNS,
          batches,
          toRow: (row) => [
            row.recorded_at,
            ...placeCells(row),
            ledgerEventLabel(row.event),
            describeEntry(row.entry),
            correctionNote(row),
            row.id,
            row.case_id,
          ],
        }),
      ]);
    }
    return csvFile(fileName, LEDGER_CSV_HEADER, batches, (row) => [
      row.at_local,
      ...placeCells(row),
      ledgerEventLabel(row.event),
      describeEntry(row.entry),
      row.case_id,
    ]);
  }

  /**
   * 更正 corrects an entry of the user's subtree: a new row of the same ledger, case and event with the entry
   * as it should read, the reason and who corrected it; audited. An entry is corrected once: a further
   * correction corrects the newer row.
   */
  async correct(ledger: Ledger, id: string, dto: LedgerCorrectionDto, user: AuthUser) {
    return this.dataSource.transaction(async (manager) => {
      const original = await this.ledgers.findEntry(manager, ledger, id);
      if (!original || !inScope(user.jurisdictionPath, original.jurisdiction_path)) {
        throw new AppException('LEDGER_ENTRY_NOT_FOUND', 404, `登记事项 ${id} 不存在或不在您的管辖范围内`);
      }
      const correction = {
        id: `correction:${randomUUID()}`,
        corrects: id,
        entry: {
          ...original.entry,
          summary: dto.summary,
          correction: { reason: dto.reason, by: user.displayName, username: user.username },
        },
      };
      const recordedAt =
        original.corrected_by === null ? await this.ledgers.insertCorrection(manager, correction) : undefined;
      if (!recordedAt) {
        throw new AppException(
          'LEDGER_ENTRY_CORRECTED',
          409,
          `登记事项 ${id} 已被更正${original.corrected_by ? `（见 ${original.corrected_by}）` : ''}，请更正最新的一条`,
        );
      }
      await appendAuditEvent(manager, {
        eventKey: `ledger.corrected:${correction.id}`,
        actor: actorOf(user),
        action: 'ledger.corrected',
        entityType: 'ledgerEntry',
        entityId: correction.id,
        caseId: original.case_id,
        before: { id, ledger, event: original.event, entry: original.entry },
        after: { id: correction.id, corrects: id, entry: correction.entry },
        reason: dto.reason,
      });
      return { id: correction.id, corrects: id, recordedAt: recordedAt.toISOString() };
    });
  }
}
