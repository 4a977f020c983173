// GET /audit/events and its export: filters of the audit search, a window of China-local days and a page.

import { ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { IsIdNumber } from '../common/is-id-number.validator';
import { EXPORT_FORMATS, type ExportFormat, RecordsPageQueryDto } from '../ledgers/dto/ledger-query.dto';

export class AuditEventsQueryDto extends OmitType(RecordsPageQueryDto, ['villageId'] as const) {
  @ApiPropertyOptional({
    example: 'personalData.revealed',
    description: '操作，如 task.completed、personalData.revealed',
  })
  @IsOptional()
  @Matches(/^[A-Za-z][A-Za-z0-9.]{0,47}$/, { message: '应为操作名称，如 personalData.revealed' })
  action?: string;

  @ApiPropertyOptional({ example: 'cw_dongli_east', description: '操作人账号' })
  @IsOptional()
  @IsString({ message: '应为字符串' })
  @MaxLength(64, { message: '过长' })
  actor?: string;

  @ApiPropertyOptional({ description: '案件编号' })
  @IsOptional()
  @IsUUID('all', { message: '应为案件编号（UUID）' })
  caseId?: string;

  @ApiPropertyOptional({ description: '家庭编号：该户各案件的操作及查看该户个人信息的记录' })
  @IsOptional()
  @IsUUID('all', { message: '应为家庭编号（UUID）' })
  householdId?: string;

  @ApiPropertyOptional({
    description:
      '家庭成员的身份证号（18 位，末位 x 视同 X）：其所在家庭各案件的操作。结果中不显示完整号码；每次按身份证号检索都记入留痕',
  })
  @IsOptional()
  @IsIdNumber()
  idNumber?: string;
}

/** The same filters, every matching event (oldest first) as a file; the export is itself audited. */
export class AuditEventsExportQueryDto extends OmitType(AuditEventsQueryDto, ['limit', 'cursor'] as const) {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'csv', description: '文件格式：csv 或 xlsx' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS, { message: '文件格式应为 csv 或 xlsx' })
  format?: ExportFormat;
}
