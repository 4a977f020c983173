// What the incident routes answer, and how a case or a decided task tells its readers of its incidents.

import { ApiProperty } from '@nestjs/swagger';
import { CASE_STAGES, type CaseStage } from '@libs/domain';

export const INCIDENT_STATUSES = ['open', 'retrying', 'resolved'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** 故障事件 as a case's readers see it: which step waits, since when. */
export class CaseIncidentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'recordDecision', description: '失败的流程步骤' }) step!: string;
  @ApiProperty({ enum: ['open', 'retrying'], description: 'open 待处理 / retrying 重试中' })
  status!: 'open' | 'retrying';
  @ApiProperty({ description: '说明' }) message!: string;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
}

/** 故障事件 as supervisors and admins list them. */
export class IncidentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ description: '案件所在村(社区)' }) villageName!: string;
  @ApiProperty({ enum: CASE_STAGES, enumName: 'CaseStage', description: '案件当前阶段' })
  caseStage!: CaseStage | string;
  @ApiProperty({ description: '失败步骤所在的流程' }) workflowId!: string;
  @ApiProperty({ description: '失败的流程步骤' }) step!: string;
  @ApiProperty({ type: String, nullable: true, description: '错误类型' }) errorType!: string | null;
  @ApiProperty({ description: '错误信息' }) error!: string;
  @ApiProperty({ description: '错误是否可重试' }) retryable!: boolean;
  @ApiProperty({ description: '失败次数' }) failures!: number;
  @ApiProperty({ enum: INCIDENT_STATUSES, enumName: 'IncidentStatus' }) status!: IncidentStatus;
  @ApiProperty({ example: '待处理', description: '状态名称' }) statusLabel!: string;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty({ format: 'date-time', description: '最近一次失败时间' }) lastFailedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '管理员发起重试的时间' })
  retryRequestedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) resolvedAt!: string | null;
}

export class IncidentPageDto {
  @ApiProperty({ type: [IncidentDto] }) items!: IncidentDto[];
  @ApiProperty({ type: String, nullable: true, description: '下一页游标；没有下一页时为 null' })
  nextCursor!: string | null;
}

export class IncidentRetryResponseDto extends IncidentDto {
  @ApiProperty({ enum: [true], description: '已发起重试' }) retryRequested!: boolean;
}
