// 督查问责 anomaly reports (优亲厚友, 虚报冒领, 不作为, 决定后改动): read-only lists of findings with their
// evidence, in the inspector's subtree, paged and exported like the ledgers; each run is audited.

import { Injectable, type StreamableFile } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { INCOME_KINDS, workingDaysBetween } from '@libs/domain';
import {
  ANOMALY_KIND_LABELS,
  ANOMALY_KINDS,
  ANOMALY_REPORT_LABELS,
  ANOMALY_SIGNALS,
  type AnomalyKind,
  type AnomalyReport,
  COMPOUND_SURNAMES,
  OVERDUE_WORKING_DAYS,
  overdueCutoff,
  REVIEW_INCOME_RATIO,
} from '@libs/domain/anomalies';
import type { AnomalyRow, AnomalyThresholds } from '@libs/persistence/repositories/anomalies.repository';
import { AnomaliesRepository } from '@libs/persistence/repositories/anomalies.repository';
import type { AuthUser } from '../auth/auth-user';
import { AppException } from '../common/app.exception';
import { csvFile, exportFileName } from '../ledgers/csv';
import { placeCells, placeView } from '../ledgers/place-view';
import { type FetchRecords, recordsBatches, recordsPage } from '../ledgers/records-query';
import { WorkingCalendar } from '../tasks/working-calendar';
import { describeAnomaly } from './anomaly-summary';
import type {
  AnomalyExportQueryDto,
  AnomalyPageQueryDto,
  InactionSummaryQueryDto,
} from './dto/anomaly-query.dto';
import type { AnomalyPageDto, InactionSummaryDto } from './dto/anomaly-response.dto';
import { ReportRuns } from './report-runs';
import { roleLabel } from './role-label';

const CSV_HEADER = [
  '发生时间',
  '类型',
  '线索/问题',
  '镇(街道)',
  '村(社区)',
  '户主',
  '身份证号',
  '相关工作人员',
  '账号',
  '情况',
  '案件编号',
];

type Describe = (row: AnomalyRow) => string;

function worker(row: Pick<AnomalyRow, 'worker_id' | 'worker_username' | 'worker_name' | 'worker_role'>) {
  if (!row.worker_id) return null;
  return {
    id: row.worker_id,
    username: row.worker_username,
    displayName: row.worker_name,
    role: row.worker_role,
    roleLabel: row.worker_role ? roleLabel(row.worker_role) : null,
  };
}

function anomalyView(row: AnomalyRow, describe: Describe) {
  const kind = row.kind as AnomalyKind;
  return {
    id: row.id,
    kind,
    kindLabel: ANOMALY_KIND_LABELS[kind],
    signal: ANOMALY_SIGNALS.has(kind),
    ...placeView(row),
    worker: worker(row),
    summary: describe(row),
    evidence: row.evidence,
    at: new Date(row.at_key).toISOString(),
  };
}

@Injectable()
export class AnomaliesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly anomalies: AnomaliesRepository,
    private readonly calendar: WorkingCalendar,
    private readonly runs: ReportRuns,
  ) {}

  /** The report's lines as of now, and how a finding reads (an overdue task's working days counted now). */
  private async reading(report: AnomalyReport, query: AnomalyExportQueryDto) {
    if (query.kind && !(ANOMALY_KINDS[report] as readonly string[]).includes(query.kind)) {
      throw new AppException(
        'VALIDATION_FAILED',
        400,
        `输入有误：kind 不是${ANOMALY_REPORT_LABELS[report]}报表的发现类型`,
        {
          errors: [{ field: 'kind', message: '不是该报表的发现类型' }],
        },
      );
    }
    const now = new Date();
    const calendars = await this.calendar.calendars();
    const thresholds: AnomalyThresholds = {
      overdueBefore: overdueCutoff(now, query.overdueWorkingDays ?? OVERDUE_WORKING_DAYS, calendars),
      reviewIncomeRatio: REVIEW_INCOME_RATIO,
      incomeKinds: INCOME_KINDS,
      compoundSurnames: COMPOUND_SURNAMES,
    };
    const fetch: FetchRecords<AnomalyRow> = (filter, after, limit, order) =>
      this.anomalies.findPage(
        this.dataSource,
        report,
        thresholds,
        { ...filter, kind: query.kind },
        after,
        limit,
        order,
      );
    const describe: Describe = (row) =>
      describeAnomaly(
        row.kind as AnomalyKind,
        row.evidence,
        row.kind === 'overdueTask'
          ? workingDaysBetween(new Date(row.at_key), now, calendars, { unknownYears: 'weekdays' })
          : undefined,
      );
    return { fetch, describe };
  }

  /** One page of the report's findings in the user's subtree, newest first. */
  async page(report: AnomalyReport, query: AnomalyPageQueryDto, user: AuthUser): Promise<AnomalyPageDto> {
    const { fetch, describe } = await this.reading(report, query);
    const page = await recordsPage(query, user, fetch, (row) => anomalyView(row, describe));
    await this.runs.record(user, { report, filters: query, exported: false });
    return { report, reportLabel: ANOMALY_REPORT_LABELS[report], ...page };
  }

  /** The report's findings in the window as a CSV for Excel, oldest first. */
  async export(report: AnomalyReport, query: AnomalyExportQueryDto, user: AuthUser): Promise<StreamableFile> {
    const { fetch, describe } = await this.reading(report, query);
    const batches = await recordsBatches(query, user, fetch);
    await this.runs.record(user, { report, filters: query, exported: true });
    return csvFile(exportFileName(ANOMALY_REPORT_LABELS[report], query), CSV_HEADER, batches, (row) => [
      row.at_local,
      ANOMALY_KIND_LABELS[row.kind as AnomalyKind],
      ANOMALY_SIGNALS.has(row.kind as AnomalyKind) ? '线索' : '问题',
      ...placeCells(row),
      row.worker_name ?? row.worker_username,
      row.worker_username,
      describe(row),
      row.case_id,
    ]);
  }

  /** 不作为 open tasks past the threshold in the user's subtree, by worker and by place. */
  async inactionSummary(query: InactionSummaryQueryDto, user: AuthUser): Promise<InactionSummaryDto> {
    const overdueWorkingDays = query.overdueWorkingDays ?? OVERDUE_WORKING_DAYS;
    const before = overdueCutoff(new Date(), overdueWorkingDays, await this.calendar.calendars());
    const [byWorker, byJurisdiction] = await Promise.all([
      this.anomalies.countOverdueByWorker(this.dataSource, user.jurisdictionPath, before),
      this.anomalies.countOverdueByJurisdiction(this.dataSource, user.jurisdictionPath, before),
    ]);
    await this.runs.record(user, { report: 'inactionSummary', filters: query, exported: false });
    return {
      overdueWorkingDays,
      byWorker: byWorker.map((row) => ({ worker: worker(row), overdue: row.overdue })),
      byJurisdiction: byJurisdiction.map((row) => ({
        jurisdictionId: row.jurisdiction_id,
        jurisdictionName: row.jurisdiction_name,
        overdue: row.overdue,
      })),
    };
  }
}
