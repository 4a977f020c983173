import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { ReviewForm } from '@libs/contracts';
import { RETURNABLE_STEPS, type ReturnableStep } from '@libs/domain';
import { Text } from './form-fields';

/** 审核 (镇) and 认定 (县): the opinion, and on a return the earlier step the case goes back to. */
export class ReviewFormDto implements ReviewForm {
  @ApiPropertyOptional({
    enum: RETURNABLE_STEPS,
    description: '退回到哪一步（仅退回时填写，须在本步骤之前；不填则退回上一步）',
  })
  @IsOptional()
  @IsIn(RETURNABLE_STEPS)
  returnTo?: ReturnableStep;

  @ApiPropertyOptional({ description: '审核意见' })
  @IsOptional()
  @Text(2000)
  opinion?: string;
}
