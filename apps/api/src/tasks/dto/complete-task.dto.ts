import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { DECISIONS, taskStep } from '@libs/domain';
import type { Decision } from '@libs/domain';
import { OptionalField } from '../../common/optional-field';
import { FORM_DTOS, FORM_REQUIRED_ON_APPROVE } from '../forms/task-forms';

// One schema per form (the two meetings and the two reviews share theirs).
const FORM_MODELS = [...new Set(Object.values(FORM_DTOS))];
const FORM_REQUIRED_STEPS = FORM_REQUIRED_ON_APPROVE.map((kind) => taskStep(kind).label).join('、');

@ApiExtraModels(...FORM_MODELS)
export class CompleteTaskDto {
  @ApiProperty({
    enum: DECISIONS,
    description:
      'approve 通过 / return 退回 / reject 不予通过；各步骤可选的办理结果见任务的 allowedDecisions',
  })
  @IsIn(DECISIONS)
  decision!: Decision;

  @ApiPropertyOptional({
    description: '理由（退回或不予通过时必填；比对命中复核核实排除时必填，至少 5 个字）',
    example: '家庭收入核实无误',
  })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(2000)
  reason?: string;

  @ApiPropertyOptional({
    description: `任务表单，按任务类型填写（入户调查记录、评议结果、帮扶计划等）；以下步骤通过时必填：${FORM_REQUIRED_STEPS}`,
    oneOf: FORM_MODELS.map((model) => ({ $ref: getSchemaPath(model) })),
  })
  @OptionalField()
  @IsObject()
  form?: Record<string, unknown>;
}
