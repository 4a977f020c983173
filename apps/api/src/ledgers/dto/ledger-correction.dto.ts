// 更正 a correction of a ledger entry: the entry as it should read, and why; the old row stays as written.

import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Length, Matches } from 'class-validator';
import { LedgerParamDto } from './ledger-query.dto';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class LedgerEntryParamDto extends LedgerParamDto {
  @ApiProperty({ description: '被更正的登记事项编号' })
  @Matches(/^[\w:.-]{1,200}$/, { message: '登记事项编号有误' })
  id!: string;
}

export class LedgerCorrectionDto {
  @ApiProperty({
    minLength: 2,
    maxLength: 1000,
    description: '更正后的登记内容（2–1000 字），代替原条目的详情',
    example: '认定纳入；人均收入(元)：4100；相对贫困线(元)：6312',
  })
  @Transform(trimmed)
  @IsString()
  @Length(2, 1000, { message: '更正内容须为 2–1000 个字' })
  summary!: string;

  @ApiProperty({
    minLength: 2,
    maxLength: 500,
    description: '更正理由（2–500 字），记入留痕',
    example: '入户调查表收入录入有误，经核实更正',
  })
  @Transform(trimmed)
  @IsString()
  @Length(2, 500, { message: '更正理由须为 2–500 个字' })
  reason!: string;
}
