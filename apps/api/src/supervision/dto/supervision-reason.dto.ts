import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Length } from 'class-validator';

/** Why a supervisor acts: kept in the audit trail. */
export class SupervisionReasonDto {
  @ApiProperty({
    minLength: 2,
    maxLength: 500,
    description: '理由（2–500 字），记入留痕',
    example: '农户房屋失火，特事特办',
  })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(2, 500, { message: '理由须为 2–500 个字' })
  reason!: string;
}
