// What the ledger and inspection lists and a ledger correction answer (the exports are CSV or xlsx files).

import { ApiProperty } from '@nestjs/swagger';
import { LEDGERS, type Ledger } from '@libs/contracts';
import { ROLES } from '@libs/domain';

export const PAGE_CURSOR = { type: String, nullable: true, description: '下一页游标；没有下一页时为 null' };

/** Where a record belongs and whose household it is. */
export class PlacedRecordDto {
  @ApiProperty({ format: 'uuid', description: '案件编号' }) caseId!: string;
  @ApiProperty({ type: String, nullable: true, description: '镇(街道)区划代码' }) townshipId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '东里镇' }) townshipName!: string | null;
  @ApiProperty({ description: '村(社区)区划代码' }) villageId!: string;
  @ApiProperty({ example: '东里东村' }) villageName!: string;
  @ApiProperty({ type: String, nullable: true, description: '户主姓名' }) householdHead!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '370323********0014',
    description: '户主身份证号（脱敏）',
  })
  householdHeadIdNumber!: string | null;
}

/** 台账 one entry of a ledger. */
export class LedgerEntryDto extends PlacedRecordDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: LEDGERS, enumName: 'Ledger' }) ledger!: Ledger;
  @ApiProperty({ example: '认定台账' }) ledgerLabel!: string;
  @ApiProperty({ example: 'recognised', description: '事项' }) event!: string;
  @ApiProperty({ example: '认定为相对贫困户', description: '事项名称' }) eventLabel!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: '登记内容（按事项而定，个人信息脱敏）',
  })
  entry!: Record<string, unknown>;
  @ApiProperty({ format: 'date-time', description: '登记时间' }) recordedAt!: string;
  @ApiProperty({ type: String, nullable: true, description: '本条更正的原登记事项编号；原始登记为 null' })
  corrects!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '更正本条的登记事项编号；未被更正为 null' })
  correctedBy!: string | null;
}

export class LedgerPageDto {
  @ApiProperty({ enum: LEDGERS, enumName: 'Ledger' }) ledger!: Ledger;
  @ApiProperty({ example: '认定台账' }) ledgerLabel!: string;
  @ApiProperty({ type: [LedgerEntryDto] }) items!: LedgerEntryDto[];
  @ApiProperty(PAGE_CURSOR) nextCursor!: string | null;
}

/** 更正 the row a correction added. */
export class LedgerCorrectionResultDto {
  @ApiProperty({ description: '更正登记的编号' }) id!: string;
  @ApiProperty({ description: '被更正的登记事项编号' }) corrects!: string;
  @ApiProperty({ format: 'date-time', description: '更正登记时间' }) recordedAt!: string;
}

export class OverrideActorDto {
  @ApiProperty({ description: '操作人的用户 ID' }) id!: string;
  @ApiProperty() username!: string;
  @ApiProperty({ type: String, nullable: true, description: '操作人姓名' }) displayName!: string | null;
  @ApiProperty({ enum: ROLES, enumName: 'Role' }) role!: string;
  @ApiProperty({ example: '村工作专员' }) roleLabel!: string;
}

/** 比对命中排除 a data-check hit someone set aside, with who, when and why. */
export class OverrideRecordDto extends PlacedRecordDto {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'hitOverride', description: '记录类型' }) kind!: string;
  @ApiProperty({ type: OverrideActorDto, description: '排除人' }) actor!: OverrideActorDto;
  @ApiProperty({ description: '排除理由' }) reason!: string;
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: '被排除的比对命中（部门、类别、情况）',
  })
  hits!: unknown[];
  @ApiProperty({ description: '被排除的比对命中（文字）' }) summary!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: '记录的全部内容' })
  detail!: Record<string, unknown>;
  @ApiProperty({ format: 'date-time', description: '排除时间' }) flaggedAt!: string;
}

export class OverridePageDto {
  @ApiProperty({ type: [OverrideRecordDto] }) items!: OverrideRecordDto[];
  @ApiProperty(PAGE_CURSOR) nextCursor!: string | null;
}
