import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { CASE_STAGES, TASK_KINDS } from '../../../../../libs/domain/src';
import type { CaseStage, TaskKind } from '../../../../../libs/domain/src';
import { ASSIGNMENTS, INBOX_SORTS, type Assignment, type InboxSort } from '../tasks.repository';

// Query strings carry booleans as text.
const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class InboxQueryDto {
  @ApiPropertyOptional({ enum: TASK_KINDS, description: '任务类型' })
  @IsOptional()
  @IsIn(TASK_KINDS)
  kind?: TaskKind;

  @ApiPropertyOptional({ enum: CASE_STAGES, description: '案件阶段' })
  @IsOptional()
  @IsIn(CASE_STAGES)
  stage?: CaseStage;

  @ApiPropertyOptional({ description: '村(社区)区划代码' })
  @IsOptional()
  @Matches(/^\d{6,20}$/)
  villageId?: string;

  @ApiPropertyOptional({ description: '只看紧急（true）或非紧急（false）' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  urgent?: boolean;

  @ApiPropertyOptional({ description: '只看已超期（true）或未超期（false）' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ description: '到期时间早于（ISO 8601）' })
  @IsOptional()
  @IsISO8601({ strict: true })
  dueBefore?: string;

  @ApiPropertyOptional({ enum: ASSIGNMENTS, default: 'any', description: '我认领的 / 未认领 / 全部' })
  @IsOptional()
  @IsIn(ASSIGNMENTS)
  assignment?: Assignment;

  @ApiPropertyOptional({
    enum: INBOX_SORTS,
    default: 'urgency',
    description: '排序：紧急优先 / 优先级 / 到期时间',
  })
  @IsOptional()
  @IsIn(INBOX_SORTS)
  sort?: InboxSort;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100, description: '每页条数' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: '翻页游标：上一页返回的 nextCursor（须与同样的筛选和排序一起用）' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  cursor?: string;
}
