// 督查问责 the override report: every 比对命中 data-check hit a worker set aside (override), with who did
// it, when and why, for discipline inspectors auditing 优亲厚友 favouritism and 虚报冒领 false claims.

import { Injectable, type StreamableFile } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type InspectionFlagWithPlace, LedgersRepository } from '@libs/persistence';
import type { AuthUser } from '../auth/auth-user';
import { csvFile, exportFileName } from '../ledgers/csv';
import type { RecordsPageQueryDto, RecordsWindowQueryDto } from '../ledgers/dto/ledger-query.dto';
import { describeOverride } from '../ledgers/ledger-labels';
import { placeCells, placeView } from '../ledgers/place-view';
import { type FetchRecords, recordsBatches, recordsPage } from '../ledgers/records-query';
import { ReportRuns } from './report-runs';
import { roleLabel } from './role-label';

const HIT_OVERRIDE = 'hitOverride';

const OVERRIDES_CSV_HEADER = [
  '排除时间',
  '镇(街道)',
  '村(社区)',
  '户主',
  '身份证号',
  '操作人',
  '账号',
  '角色',
  '排除理由',
  '被排除的比对命中',
  '案件编号',
];

function overrideView(row: InspectionFlagWithPlace) {
  const detail = row.detail;
  return {
    id: row.id,
    kind: row.kind,
    ...placeView(row),
    actor: {
      id: row.actor_id,
      username: row.actor_username,
      displayName: row.actor_name,
      role: row.actor_role,
      roleLabel: roleLabel(row.actor_role),
    },
    reason: row.reason,
    hits: Array.isArray(detail.hits) ? detail.hits : [],
    summary: describeOverride(detail),
    detail,
    flaggedAt: row.flagged_at.toISOString(),
  };
}

@Injectable()
export class OverridesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledgers: LedgersRepository,
    private readonly runs: ReportRuns,
  ) {}

  private readonly overrideFlags: FetchRecords<InspectionFlagWithPlace> = (filter, after, limit, order) =>
    this.ledgers.findInspectionFlags(this.dataSource, HIT_OVERRIDE, filter, after, limit, order);

  /** One page of the overridden hits in the user's subtree, newest first. */
  async overrides(query: RecordsPageQueryDto, user: AuthUser) {
    const page = await recordsPage(query, user, this.overrideFlags, overrideView);
    await this.runs.record(user, { report: 'overrides', filters: query, exported: false });
    return page;
  }

  /** The overridden hits in the window as a CSV for Excel, oldest first. */
  async exportOverrides(query: RecordsWindowQueryDto, user: AuthUser): Promise<StreamableFile> {
    const batches = await recordsBatches(query, user, this.overrideFlags);
    await this.runs.record(user, { report: 'overrides', filters: query, exported: true });
    return csvFile(exportFileName('比对命中排除记录', query), OVERRIDES_CSV_HEADER, batches, (row) => [
      row.at_local,
      ...placeCells(row),
      row.actor_name ?? row.actor_username,
      row.actor_username,
      roleLabel(row.actor_role),
      row.reason,
      describeOverride(row.detail),
      row.case_id,
    ]);
  }
}
