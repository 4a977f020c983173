import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { DECISIONS } from '../../../../../libs/domain/src';
import type { Decision } from '../../../../../libs/domain/src';

export class CompleteTaskDto {
  @ApiProperty({ enum: DECISIONS, description: 'approve 通过 / return 退回上一步 / reject 不予通过' })
  @IsIn(DECISIONS)
  decision!: Decision;

  @ApiPropertyOptional({ description: '理由（退回或不予通过时必填）', example: '家庭收入核实无误' })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(2000)
  reason?: string;

  @ApiPropertyOptional({
    description: '任务表单内容（入户调查记录、评议结果等）',
    type: 'object',
    additionalProperties: true,
  })
  @IsOptional()
  @IsObject()
  form?: Record<string, unknown>;
}
