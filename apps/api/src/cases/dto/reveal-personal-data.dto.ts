// GET /cases/:id/personal-data: which kinds of the household's personal data to show in full, and why.

import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMinSize, ArrayUnique, IsArray, IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { PERSONAL_DATA_KINDS, PERSONAL_DATA_LABELS, type PersonalDataKind } from '@libs/domain';

const KINDS_TEXT = PERSONAL_DATA_KINDS.map((kind) => `${kind}（${PERSONAL_DATA_LABELS[kind]}）`).join('、');

export class RevealPersonalDataQueryDto {
  @ApiProperty({
    type: String,
    example: 'idNumber,income',
    description: `要查看的个人信息，逗号分隔：${KINDS_TEXT}`,
  })
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').map((kind) => kind.trim()) : value))
  @IsArray({ message: `应为逗号分隔的 ${PERSONAL_DATA_KINDS.join('、')}` })
  @ArrayMinSize(1, { message: '至少选择一项' })
  @ArrayUnique({ message: '有重复项' })
  @IsIn(PERSONAL_DATA_KINDS, { each: true, message: `取值应为 ${KINDS_TEXT}` })
  fields!: PersonalDataKind[];

  @ApiProperty({ example: '入户核实家庭成员收入', description: '查看理由（2–200 字，记入留痕）' })
  @IsString({ message: '应为字符串' })
  @MinLength(2, { message: '至少 2 个字' })
  @MaxLength(200, { message: '不超过 200 个字' })
  reason!: string;
}
