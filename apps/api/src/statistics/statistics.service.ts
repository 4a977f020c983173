// 统计 the figures of the reporting rhythm (002 §三(四)): quarterly dispatch, half-yearly bulletin, year-end
// evaluation. One period, one jurisdiction of the user's subtree, its figures by child; and the same as an
// Excel report, whose every run is audited (an inspector's report is part of the record).

import { randomUUID } from 'node:crypto';
import { Injectable, type StreamableFile } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  complianceRate,
  DEPARTMENT_LABELS,
  MEASURE_STATUS_LABELS,
  parseReportingPeriod,
  POVERTY_CAUSE_LABELS,
  TASK_STEPS,
} from '@libs/domain';
import {
  appendAuditEvent,
  type HouseholdFiguresRow,
  JurisdictionsRepository,
  StatisticsRepository,
} from '@libs/persistence';
import { actorOf, type AuthUser, inScope } from '../auth/auth-user';
import { AppException } from '../common/app.exception';
import { xlsxFile, xlsxSheet, type XlsxColumn } from '../ledgers/xlsx';
import type { StatisticsQueryDto } from './dto/statistics-query.dto';
import type { PlaceFiguresDto, StatisticsDto } from './dto/statistics-response.dto';

const labelOf = (labels: Record<string, string>, key: string): string =>
  Object.hasOwn(labels, key) ? labels[key] : key;

const TASK_KIND_LABELS: Record<string, string> = Object.fromEntries(
  TASK_STEPS.map((step) => [step.kind, step.label]),
);

/** The states a household is counted in, with their Chinese names, in the order the screen shows them. */
const HOUSEHOLD_STATES = [
  ['enrolled', '申请受理'],
  ['recognised', '认定纳入'],
  ['inSupport', '期末在帮扶'],
  ['exited', '退出'],
  ['relapsed', '返贫纳入'],
] as const;

type FigureState = (typeof HOUSEHOLD_STATES)[number][0];

const COLUMN_OF: Record<FigureState, 'enrolled' | 'recognised' | 'in_support' | 'exited' | 'relapsed'> = {
  enrolled: 'enrolled',
  recognised: 'recognised',
  inSupport: 'in_support',
  exited: 'exited',
  relapsed: 'relapsed',
};

function placeFigures(id: string, name: string, row: HouseholdFiguresRow | undefined): PlaceFiguresDto {
  const count = (state: FigureState) => ({
    households: row?.[`${COLUMN_OF[state]}_households`] ?? 0,
    people: row?.[`${COLUMN_OF[state]}_people`] ?? 0,
  });
  return {
    id,
    name,
    enrolled: count('enrolled'),
    recognised: count('recognised'),
    inSupport: count('inSupport'),
    exited: count('exited'),
    relapsed: count('relapsed'),
  };
}

function sumFigures(id: string, name: string, places: PlaceFiguresDto[]): PlaceFiguresDto {
  const total = placeFigures(id, name, undefined);
  for (const place of places) {
    for (const [state] of HOUSEHOLD_STATES) {
      total[state].households += place[state].households;
      total[state].people += place[state].people;
    }
  }
  return total;
}

@Injectable()
export class StatisticsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly statistics: StatisticsRepository,
    private readonly jurisdictions: JurisdictionsRepository,
  ) {}

  /** The period's figures for the jurisdiction asked for (the user's own by default), by its children. */
  private async figures(query: StatisticsQueryDto, user: AuthUser): Promise<StatisticsDto> {
    const period = parseReportingPeriod(query.period);
    if (!period) {
      throw new AppException('VALIDATION_FAILED', 400, '输入有误：period 不是有效的统计期间', {
        errors: [{ field: 'period', message: '不是有效的统计期间' }],
      });
    }
    const placeId = query.jurisdictionId ?? user.jurisdictionId;
    const place = await this.jurisdictions.findById(this.dataSource, placeId);
    if (!place || !inScope(user.jurisdictionPath, place.path)) {
      throw new AppException('JURISDICTION_NOT_FOUND', 404, `辖区 ${placeId} 不存在或不在您的管辖范围内`);
    }
    const scope = { jurisdictionId: place.id, path: place.path, start: period.start, end: period.end };
    const [children, households, causes, measures, sla] = await Promise.all([
      this.jurisdictions.findChildren(this.dataSource, place.id),
      this.statistics.findHouseholdFigures(this.dataSource, scope),
      this.statistics.findCauseFigures(this.dataSource, scope),
      this.statistics.findMeasureFigures(this.dataSource, scope),
      this.statistics.findSlaFigures(this.dataSource, scope),
    ]);
    const byPlace = new Map(households.map((row) => [row.place_id, row]));
    // A village has no children: its figures are its own.
    const places = (children.length > 0 ? children : [place]).map((child) =>
      placeFigures(child.id, child.name, byPlace.get(child.id)),
    );
    const closed = sla.reduce((sum, row) => sum + row.closed, 0);
    const onTime = sla.reduce((sum, row) => sum + row.on_time, 0);
    return {
      period: { code: period.code, label: period.label, from: period.from, to: period.to },
      jurisdiction: { id: place.id, name: place.name, level: place.level },
      places,
      total: sumFigures(place.id, `${place.name}合计`, places),
      causes,
      measures: measures.map((row) => ({
        department: row.department,
        departmentLabel: labelOf(DEPARTMENT_LABELS, row.department),
        status: row.status,
        statusLabel: labelOf(MEASURE_STATUS_LABELS, row.status),
        measures: row.measures,
      })),
      sla: [
        ...sla.map((row) => ({
          kind: row.kind,
          label: labelOf(TASK_KIND_LABELS, row.kind),
          closed: row.closed,
          onTime: row.on_time,
          rate: complianceRate(row.on_time, row.closed),
        })),
        { kind: 'all', label: '合计', closed, onTime, rate: complianceRate(onTime, closed) },
      ],
    };
  }

  /** The figures for the screen; an inspector's run is on record, as every report an inspector runs is. */
  async report(query: StatisticsQueryDto, user: AuthUser): Promise<StatisticsDto> {
    const figures = await this.figures(query, user);
    if (user.role === 'inspector') await this.audit('statistics.viewed', figures, user);
    return figures;
  }

  private async audit(action: string, figures: StatisticsDto, user: AuthUser, fileName?: string) {
    await this.dataSource.transaction((manager) =>
      appendAuditEvent(manager, {
        eventKey: `${action}:${randomUUID()}`,
        actor: actorOf(user),
        action,
        entityType: 'jurisdiction',
        entityId: figures.jurisdiction.id,
        after: { period: figures.period.code, jurisdictionId: figures.jurisdiction.id, fileName },
      }),
    );
  }

  /** The same figures as an Excel report, one sheet per table; every run audited with the period and place. */
  async export(query: StatisticsQueryDto, user: AuthUser): Promise<StreamableFile> {
    const figures = await this.figures(query, user);
    const fileName = `统计报表_${figures.jurisdiction.name}_${figures.period.code}.xlsx`;
    await this.audit('statistics.exported', figures, user, fileName);
    const countColumns: XlsxColumn[] = HOUSEHOLD_STATES.flatMap(([, label]) => [
      { header: `${label}(户)`, width: 12 },
      { header: `${label}(人)`, width: 12 },
    ]);
    // Counts of households, no one's record: the cause names (因病, 因残) are not someone's health.
    const figuresSheet = { masked: false };
    return xlsxFile(fileName, [
      xlsxSheet<PlaceFiguresDto>({
        ...figuresSheet,
        name: '户数人数',
        columns: [{ header: '区划代码', width: 14 }, { header: '辖区', width: 16 }, ...countColumns],
        batches: [[...figures.places, figures.total]],
        toRow: (place) => [
          place.id,
          place.name,
          ...HOUSEHOLD_STATES.flatMap(([state]) => [place[state].households, place[state].people]),
        ],
      }),
      xlsxSheet({
        ...figuresSheet,
        name: '致贫原因',
        columns: [
          { header: '致贫原因', width: 16 },
          { header: '期末在帮扶(户)', width: 16 },
        ],
        batches: [figures.causes],
        toRow: (cause) => [labelOf(POVERTY_CAUSE_LABELS, cause.cause), cause.households],
      }),
      xlsxSheet({
        ...figuresSheet,
        name: '帮扶措施',
        columns: [
          { header: '部门', width: 16 },
          { header: '状态', width: 12 },
          { header: '措施数', width: 10 },
        ],
        batches: [figures.measures],
        toRow: (measure) => [measure.departmentLabel, measure.statusLabel, measure.measures],
      }),
      xlsxSheet({
        ...figuresSheet,
        name: '按时办结',
        columns: [
          { header: '任务类型', width: 20 },
          { header: '办结', width: 10 },
          { header: '按时办结', width: 10 },
          { header: '按时办结率(%)', width: 14, numFmt: '0.0' },
        ],
        batches: [figures.sla],
        toRow: (row) => [row.label, row.closed, row.onTime, row.rate],
      }),
      xlsxSheet({
        ...figuresSheet,
        name: '说明',
        columns: [
          { header: '项目', width: 12 },
          { header: '内容', width: 60 },
        ],
        batches: [
          [
            [
              '统计期间',
              `${figures.period.label}（${figures.period.from} 至 ${figures.period.to}，北京时间）`,
            ],
            ['辖区', `${figures.jurisdiction.name}（${figures.jurisdiction.id}）`],
            ['口径', '申请受理、认定纳入、退出、返贫纳入为期内发生；在帮扶为期末时点；同一户只计一次'],
          ],
        ],
        toRow: (row: string[]) => row,
      }),
    ]);
  }
}
