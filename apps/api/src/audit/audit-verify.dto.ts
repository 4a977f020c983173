import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class AuditVerifyQueryDto {
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'true：全量校验，逐条重算全部记录；默认增量校验，只校验上次校验通过后新增的记录与检查点',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  full?: 'true' | 'false';
}
