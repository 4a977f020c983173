// What the audit routes and a case's history answer: events (personal data masked) and the chain check.

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class AuditActorDto {
  @ApiProperty({ example: 'cw_dongli_east', description: '操作人账号；流程自身的操作为 system' })
  username!: string;
  @ApiProperty({ example: 'caseworker', description: '操作时的角色；流程自身为 system' }) role!: string;
  @ApiProperty({ description: '操作人所在辖区；流程自身为 system' }) jurisdictionId!: string;
}

/** 留痕 one audit event: who did what, when, in which role, and why. */
export class AuditEventDto {
  @ApiProperty({ description: '序号（留痕链中的位置）' }) id!: number;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ type: AuditActorDto }) actor!: AuditActorDto;
  @ApiProperty({ example: 'task.completed', description: '操作' }) action!: string;
  @ApiProperty({ example: 'task', description: '对象类型' }) entityType!: string;
  @ApiProperty({ description: '对象编号' }) entityId!: string;
  @ApiProperty({ type: String, nullable: true, description: '所属案件' }) caseId!: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: '操作前（任意 JSON，个人信息脱敏）',
  })
  before!: unknown;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: '操作后（任意 JSON，个人信息脱敏）',
  })
  after!: unknown;
  @ApiProperty({ type: String, nullable: true, description: '理由' }) reason!: string | null;
}

export class AuditEventPageDto {
  @ApiProperty({ type: [AuditEventDto] }) items!: AuditEventDto[];
  @ApiProperty({ type: String, nullable: true, description: '下一页游标；没有下一页时为 null' })
  nextCursor!: string | null;
}

export class AuditChainReportDto {
  @ApiProperty({ description: '留痕链完整（无删改）' }) ok!: boolean;
  @ApiProperty({ description: '校验的条数' }) checked!: number;
  @ApiPropertyOptional({ description: '链断开处：第一条哈希或链接不符的记录序号' }) brokenAt?: string;
}
