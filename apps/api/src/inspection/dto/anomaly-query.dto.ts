// Query strings of the anomaly reports: which report, the window and place every inspection list takes,
// one kind of finding, and the inaction report's threshold.

import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import {
  ANOMALY_KINDS,
  ANOMALY_REPORTS,
  type AnomalyKind,
  type AnomalyReport,
  OVERDUE_WORKING_DAYS,
} from '@libs/domain/anomalies';
import { RecordsPageQueryDto, RecordsWindowQueryDto } from '../../ledgers/dto/ledger-query.dto';

const KINDS = Object.values(ANOMALY_KINDS).flat();

/** The inaction threshold in working days, as the reports and the summary take it. */
const OverdueWorkingDays = (description: string) =>
  applyDecorators(
    ApiPropertyOptional({ default: OVERDUE_WORKING_DAYS, minimum: 1, maximum: 60, description }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(60),
  );

export class AnomalyReportParamDto {
  @ApiProperty({
    enum: ANOMALY_REPORTS,
    enumName: 'AnomalyReport',
    description:
      '报表：favouritism 优亲厚友，falseClaims 虚报冒领，inaction 不作为，editsAfterDecision 决定后改动',
  })
  @IsIn(ANOMALY_REPORTS, {
    message: '报表应为 favouritism、falseClaims、inaction 或 editsAfterDecision',
  })
  report!: AnomalyReport;
}

class AnomalyFiltersDto {
  @ApiPropertyOptional({ enum: KINDS, enumName: 'AnomalyKind', description: '只看该报表的某一类发现' })
  @IsOptional()
  @IsIn(KINDS, { message: '不是已知的发现类型' })
  kind?: AnomalyKind;

  @OverdueWorkingDays('不作为：超期多少个工作日以上的任务列入')
  overdueWorkingDays?: number;
}

export class AnomalyPageQueryDto extends IntersectionType(RecordsPageQueryDto, AnomalyFiltersDto) {}

export class AnomalyExportQueryDto extends IntersectionType(RecordsWindowQueryDto, AnomalyFiltersDto) {}

export class InactionSummaryQueryDto {
  @OverdueWorkingDays('超期多少个工作日以上的任务计入')
  overdueWorkingDays?: number;
}
