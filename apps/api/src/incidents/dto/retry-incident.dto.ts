import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Length } from 'class-validator';

/** What the admin fixed before retrying: kept in the audit trail. */
export class RetryIncidentDto {
  @ApiProperty({
    minLength: 2,
    maxLength: 500,
    description: '处理说明（2–500 字），记入留痕',
    example: '已修复部门接口配置，重新执行',
  })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(2, 500, { message: '处理说明须为 2–500 个字' })
  reason!: string;
}
