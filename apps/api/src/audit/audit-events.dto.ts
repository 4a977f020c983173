// GET /audit/events: filters of the audit search, a window of China-local days and a page.

import { ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { RecordsPageQueryDto } from '../ledgers/dto/ledger-query.dto';

export class AuditEventsQueryDto extends OmitType(RecordsPageQueryDto, [
  'villageId',
  'jurisdictionId',
] as const) {
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
}
