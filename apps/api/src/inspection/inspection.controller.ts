// 督查问责 the inspector's reports: the overrides of disqualifying data-check hits, and the anomaly reports.
// Every one read-only, within the user's subtree, paged, exported as CSV, and each run audited.

import { Controller, Get, Param, Query, type StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { RecordsPageQueryDto, RecordsWindowQueryDto } from '../ledgers/dto/ledger-query.dto';
import { OverridePageDto } from '../ledgers/dto/ledger-response.dto';
import { AnomaliesService } from './anomalies.service';
import {
  AnomalyExportQueryDto,
  AnomalyPageQueryDto,
  AnomalyReportParamDto,
  InactionSummaryQueryDto,
} from './dto/anomaly-query.dto';
import { AnomalyPageDto, InactionSummaryDto } from './dto/anomaly-response.dto';
import { OverridesService } from './overrides.service';

const CSV_FILE = { description: 'CSV 文件（UTF-8）', schema: { type: 'string', format: 'binary' } };

@ApiTags('督查问责')
@ApiBearerAuth()
@Controller('inspection')
export class InspectionController {
  constructor(
    private readonly overridesReport: OverridesService,
    private readonly anomalyReports: AnomaliesService,
  ) {}

  @Get('overrides')
  @Roles('inspector', 'admin', 'countyOfficer', 'supervisor')
  @ApiOperation({
    summary: '比对命中排除记录：本辖区内谁在何时以何理由排除了哪些反向标准命中，最新在前，翻页',
  })
  @ApiOkResponse({ type: OverridePageDto })
  overrides(@Query() query: RecordsPageQueryDto, @CurrentUser() user: AuthUser): Promise<OverridePageDto> {
    return this.overridesReport.overrides(query, user);
  }

  @Get('overrides/export')
  @Roles('inspector', 'admin', 'countyOfficer', 'supervisor')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: '导出比对命中排除记录 CSV（UTF-8，可用 Excel 直接打开）' })
  @ApiOkResponse(CSV_FILE)
  exportOverrides(
    @Query() query: RecordsWindowQueryDto,
    @CurrentUser() user: AuthUser,
  ): Promise<StreamableFile> {
    return this.overridesReport.exportOverrides(query, user);
  }

  @Get('anomalies/inaction/summary')
  @Roles('inspector', 'admin')
  @ApiOperation({ summary: '不作为汇总：本辖区超期任务数，按经办人和按辖区' })
  @ApiOkResponse({ type: InactionSummaryDto })
  inactionSummary(
    @Query() query: InactionSummaryQueryDto,
    @CurrentUser() user: AuthUser,
  ): Promise<InactionSummaryDto> {
    return this.anomalyReports.inactionSummary(query, user);
  }

  @Get('anomalies/:report')
  @Roles('inspector', 'admin')
  @ApiOperation({
    summary:
      '异常报表（优亲厚友、虚报冒领、不作为、决定后改动）：本辖区的发现及证据，最新在前，翻页；线索仅供核实',
  })
  @ApiOkResponse({ type: AnomalyPageDto })
  anomalies(
    @Param() { report }: AnomalyReportParamDto,
    @Query() query: AnomalyPageQueryDto,
    @CurrentUser() user: AuthUser,
  ): Promise<AnomalyPageDto> {
    return this.anomalyReports.page(report, query, user);
  }

  @Get('anomalies/:report/export')
  @Roles('inspector', 'admin')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: '导出异常报表 CSV（UTF-8，可用 Excel 直接打开），按发生先后排列' })
  @ApiOkResponse(CSV_FILE)
  exportAnomalies(
    @Param() { report }: AnomalyReportParamDto,
    @Query() query: AnomalyExportQueryDto,
    @CurrentUser() user: AuthUser,
  ): Promise<StreamableFile> {
    return this.anomalyReports.export(report, query, user);
  }
}
