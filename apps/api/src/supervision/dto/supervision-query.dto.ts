// Query strings of the supervision dashboard: an optional drill-down into a jurisdiction of the
// user's subtree, and each view's own window or page.

import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { TASK_KINDS, type TaskKind } from '@libs/domain';
import { PageQueryDto } from '../../common/pagination';

export class SupervisionScopeQueryDto {
  @ApiPropertyOptional({ description: '下钻到本辖区内的某个镇(街道)或村(社区)：区划代码；默认本人辖区' })
  @IsOptional()
  @Matches(/^\d{6,20}$/, { message: '应为 6–20 位数字的区划代码' })
  jurisdictionId?: string;
}

export class SummaryQueryDto extends SupervisionScopeQueryDto {
  @ApiPropertyOptional({
    default: 48,
    minimum: 1,
    maximum: 720,
    description: '临期：多少小时内到期（未超期）',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(720)
  dueSoonHours?: number;
}

export class BreachesQueryDto extends IntersectionType(SupervisionScopeQueryDto, PageQueryDto) {
  @ApiPropertyOptional({ enum: TASK_KINDS, description: '任务类型' })
  @IsOptional()
  @IsIn(TASK_KINDS)
  kind?: TaskKind;

  @ApiPropertyOptional({ minimum: 0, maximum: 3, description: '督办升级级别（0 未升级，1–3）' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3)
  level?: number;
}

export class TrendQueryDto extends SupervisionScopeQueryDto {
  @ApiPropertyOptional({
    default: 30,
    minimum: 1,
    maximum: 90,
    description: '统计最近多少天（含今天，北京时间）',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(90)
  days?: number;
}
