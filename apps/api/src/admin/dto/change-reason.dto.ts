// Why an admin changes an account or a setting: optional, kept as the reason of the change's audit event.
// Control characters, lone surrogates and direction overrides never get this far: the validation pipe
// refuses them in every field (common/validation.ts).

import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { OptionalField } from '../../common/optional-field';

/** Text as the admin meant it, without the spaces around it. */
export const trimmed = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

export class ChangeReasonDto {
  @ApiPropertyOptional({
    maxLength: 200,
    example: '工作调动，经镇民政办通知',
    description: '修改理由（选填，不超过 200 字），记入留痕',
  })
  @OptionalField()
  @trimmed()
  @IsString()
  @IsNotEmpty({ message: '不能只有空格；不说明理由时省略此项' })
  @MaxLength(200, { message: '不超过 200 个字' })
  reason?: string;
}
