// What the anomaly reports answer (the exports are CSV files).

import { ApiProperty } from '@nestjs/swagger';
import { ANOMALY_KINDS, ANOMALY_REPORTS, type AnomalyKind, type AnomalyReport } from '@libs/domain/anomalies';
import { ROLES } from '@libs/domain';
import { PAGE_CURSOR, PlacedRecordDto } from '../../ledgers/dto/ledger-response.dto';

const KINDS = Object.values(ANOMALY_KINDS).flat();

export class AnomalyWorkerDto {
  @ApiProperty({ description: '用户 ID' }) id!: string;
  @ApiProperty({ type: String, nullable: true }) username!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '姓名' }) displayName!: string | null;
  @ApiProperty({ enum: ROLES, enumName: 'Role', nullable: true }) role!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '村工作专员' }) roleLabel!: string | null;
}

/** One finding of a report: the case, the worker concerned, the evidence. */
export class AnomalyDto extends PlacedRecordDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: KINDS, enumName: 'AnomalyKind' }) kind!: AnomalyKind;
  @ApiProperty({ example: '由申报亲属办理' }) kindLabel!: string;
  @ApiProperty({ description: '线索（巧合，待核实），而非已查实的问题' }) signal!: boolean;
  @ApiProperty({ type: AnomalyWorkerDto, nullable: true, description: '相关工作人员（经办人、被指派人）' })
  worker!: AnomalyWorkerDto | null;
  @ApiProperty({ description: '情况（文字，个人信息脱敏）' }) summary!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: '证据（个人信息脱敏）' })
  evidence!: Record<string, unknown>;
  @ApiProperty({ format: 'date-time', description: '发生时间（不作为：到期时间）' }) at!: string;
}

export class AnomalyPageDto {
  @ApiProperty({ enum: ANOMALY_REPORTS, enumName: 'AnomalyReport' }) report!: AnomalyReport;
  @ApiProperty({ example: '优亲厚友' }) reportLabel!: string;
  @ApiProperty({ type: [AnomalyDto] }) items!: AnomalyDto[];
  @ApiProperty(PAGE_CURSOR) nextCursor!: string | null;
}

export class OverdueByWorkerDto {
  @ApiProperty({ type: AnomalyWorkerDto, nullable: true, description: '被指派人；无人认领时为 null' })
  worker!: AnomalyWorkerDto | null;
  @ApiProperty({ description: '超期任务数' }) overdue!: number;
}

export class OverdueByJurisdictionDto {
  @ApiProperty() jurisdictionId!: string;
  @ApiProperty({ example: '东里镇' }) jurisdictionName!: string;
  @ApiProperty({ description: '超期任务数' }) overdue!: number;
}

export class InactionSummaryDto {
  @ApiProperty({ description: '超期工作日阈值' }) overdueWorkingDays!: number;
  @ApiProperty({ type: [OverdueByWorkerDto] }) byWorker!: OverdueByWorkerDto[];
  @ApiProperty({ type: [OverdueByJurisdictionDto] }) byJurisdiction!: OverdueByJurisdictionDto[];
}
