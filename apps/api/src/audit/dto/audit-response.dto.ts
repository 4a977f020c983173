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

/** 断点 one place where the audit log does not hold. */
export class AuditBreakDto {
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'case:0f8fad5b-d9cb-469f-a165-70867728950e',
    description: '哪条留痕链（case:案件、actor:操作人、global:旧记录）；检查点的问题为 null',
  })
  chain!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '所属案件' }) caseId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '出问题的记录序号' }) eventId!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: '链中的位置（第几条）' }) seq!: number | null;
  @ApiProperty({ type: String, nullable: true, description: '出问题的检查点' }) checkpointId!: string | null;
  @ApiProperty({ example: '案件 … 的留痕链第 3 条（编号 1234）内容与其哈希不符：此条被修改' })
  problem!: string;
}

export class AuditChainReportDto {
  @ApiProperty({ description: '留痕链完整（无删改）' }) ok!: boolean;
  @ApiProperty({ description: '全量校验（逐条重算全部记录），否则为增量校验（只校验上次校验通过后新增的）' })
  full!: boolean;
  @ApiProperty({ description: '校验的条数' }) checked!: number;
  @ApiProperty({ description: '校验的链数' }) chains!: number;
  @ApiProperty({ description: '校验的签名检查点数' }) checkpoints!: number;
  @ApiPropertyOptional({ description: '链断开处：第一条哈希或链接不符的记录序号' }) brokenAt?: string;
  @ApiProperty({ type: [AuditBreakDto], description: '发现的问题（至多 20 处）' }) breaks!: AuditBreakDto[];
}
