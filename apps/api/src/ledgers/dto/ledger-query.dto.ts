// Query strings of the ledgers and inspection reports: which ledger, a window of China-local dates, a
// village or a place to look within, and a page.

import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { LEDGERS, type Ledger } from '@libs/contracts';
import { PageQueryDto } from '../../common/pagination';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DATE_MESSAGE = '应为日期 YYYY-MM-DD（北京时间）';

export class LedgerParamDto {
  @ApiProperty({
    enum: LEDGERS,
    description: '台账：identification 认定台账，support 帮扶台账，exit 退出台账',
  })
  @IsIn(LEDGERS, {
    message: '台账类型应为 identification（认定台账）、support（帮扶台账）或 exit（退出台账）',
  })
  ledger!: Ledger;
}

/** A window of China-local calendar days, both ends included, and optionally one village. */
export class RecordsWindowQueryDto {
  @ApiPropertyOptional({ example: '2026-01-01', description: '自该日（含，北京时间）' })
  @IsOptional()
  @Matches(DATE, { message: DATE_MESSAGE })
  from?: string;

  @ApiPropertyOptional({ example: '2026-03-31', description: '至该日（含，北京时间）' })
  @IsOptional()
  @Matches(DATE, { message: DATE_MESSAGE })
  to?: string;

  @ApiPropertyOptional({ description: '只看某个村(社区)：区划代码' })
  @IsOptional()
  @Matches(/^\d{6,20}$/, { message: '应为 6–20 位数字的区划代码' })
  villageId?: string;

  @ApiPropertyOptional({ description: '只看某个镇(街道)或村(社区)及其下级：区划代码（仍限本辖区）' })
  @IsOptional()
  @Matches(/^\d{6,20}$/, { message: '应为 6–20 位数字的区划代码' })
  jurisdictionId?: string;
}

export class RecordsPageQueryDto extends IntersectionType(RecordsWindowQueryDto, PageQueryDto) {}

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A ledger's export: the window and place, as CSV (the default) or as an Excel workbook. */
export class LedgerExportQueryDto extends RecordsWindowQueryDto {
  @ApiPropertyOptional({
    enum: EXPORT_FORMATS,
    default: 'csv',
    description: '文件格式：csv 或 xlsx（Excel）',
  })
  @IsOptional()
  @IsIn(EXPORT_FORMATS, { message: '文件格式应为 csv 或 xlsx' })
  format?: ExportFormat;
}
