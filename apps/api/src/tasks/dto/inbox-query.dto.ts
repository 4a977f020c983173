import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';
import { CASE_STAGES, TASK_KINDS } from '@libs/domain';
import type { CaseStage, TaskKind } from '@libs/domain';
import { ASSIGNMENTS, INBOX_SORTS, type Assignment, type InboxSort } from '@libs/persistence';
import { HeadNameFilter } from '../../cases/dto/case-search.dto';
import { PageQueryDto, QueryBoolean } from '../../common/pagination';

export class InboxQueryDto extends PageQueryDto {
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

  @HeadNameFilter()
  householdHead?: string;

  @ApiPropertyOptional({ description: '只看紧急（true）或非紧急（false）' })
  @QueryBoolean()
  urgent?: boolean;

  @ApiPropertyOptional({ description: '只看已超期（true）或未超期（false）' })
  @QueryBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({
    description: '只看即将到期：未超期、剩余不超过 1 个工作日（与 /tasks/counts 的 dueSoon 一致）',
  })
  @QueryBoolean()
  dueSoon?: boolean;

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
}
