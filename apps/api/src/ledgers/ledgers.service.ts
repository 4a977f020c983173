// 三本台账 the three ledgers (003 §二(五)): identification & recognition, support & assistance, exit &
// closure. The workflow activities write the entries; here they are read, in the user's subtree only.

import { Injectable, type StreamableFile } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Ledger } from '@libs/contracts';
import { type LedgerEntryWithPlace, LedgersRepository } from '@libs/persistence';
import type { AuthUser } from '../auth/auth-user';
import { csvFile, exportFileName } from './csv';
import type { RecordsPageQueryDto, RecordsWindowQueryDto } from './dto/ledger-query.dto';
import { describeEntry, LEDGER_LABELS, ledgerEventLabel } from './ledger-labels';
import { type FetchRecords, recordsBatches, recordsPage } from './records-query';

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

function ledgerEntryView(row: LedgerEntryWithPlace) {
  return {
    id: row.id,
    ledger: row.ledger,
    ledgerLabel: LEDGER_LABELS[row.ledger],
    event: row.event,
    eventLabel: ledgerEventLabel(row.event),
    caseId: row.case_id,
    townshipId: row.township_id,
    townshipName: row.township_name,
    villageId: row.village_id,
    villageName: row.village_name,
    householdHead: row.head_name,
    householdHeadIdNumber: row.head_id_number ?? null,
    entry: row.entry,
    recordedAt: row.recorded_at.toISOString(),
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

  /** The ledger in the window as a CSV for Excel, oldest first as a paper ledger reads. */
  async export(ledger: Ledger, query: RecordsWindowQueryDto, user: AuthUser): Promise<StreamableFile> {
    const batches = await recordsBatches(query, user, this.entries(ledger));
    return csvFile(exportFileName(LEDGER_LABELS[ledger], query), LEDGER_CSV_HEADER, batches, (row) => [
      row.at_local,
      row.township_name,
      row.village_name,
      row.head_name,
      row.head_id_number,
      ledgerEventLabel(row.event),
      describeEntry(row.entry),
      row.case_id,
    ]);
  }
}
