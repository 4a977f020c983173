// 已办 the tasks a user decided: the list's query and what it answers.

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { CASE_STAGES, TASK_KINDS, type CaseStage, type TaskKind } from '@libs/domain';
import { PageQueryDto, QueryBoolean } from '../../common/pagination';
import { TaskDto } from './task-response.dto';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DATE_MESSAGE = '应为日期 YYYY-MM-DD（北京时间）';

export class DoneTasksQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: TASK_KINDS, enumName: 'TaskKind', description: '任务类型' })
  @IsOptional()
  @IsIn(TASK_KINDS, { message: '不是已知的任务类型' })
  kind?: TaskKind;

  @ApiPropertyOptional({ enum: CASE_STAGES, enumName: 'CaseStage', description: '任务所属的案件阶段' })
  @IsOptional()
  @IsIn(CASE_STAGES, { message: '不是已知的案件阶段' })
  stage?: CaseStage;

  @ApiPropertyOptional({ description: '只看某个村(社区)：区划代码' })
  @IsOptional()
  @Matches(/^\d{6,20}$/, { message: '应为 6–20 位数字的区划代码' })
  villageId?: string;

  @ApiPropertyOptional({ description: '只看紧急（true）或非紧急（false）的任务' })
  @QueryBoolean()
  urgent?: boolean;

  @ApiPropertyOptional({ example: '2026-01-01', description: '办理日期自该日（含，北京时间）' })
  @IsOptional()
  @Matches(DATE, { message: DATE_MESSAGE })
  decidedFrom?: string;

  @ApiPropertyOptional({ example: '2026-03-31', description: '办理日期至该日（含，北京时间）' })
  @IsOptional()
  @Matches(DATE, { message: DATE_MESSAGE })
  decidedTo?: string;
}

/** 已办 one task the user decided, as the inbox shows a task, with the decision and the case's stage now. */
export class DoneTaskDto extends TaskDto {
  @ApiProperty({ example: '通过', description: '办理结果在该步骤中的含义' }) decisionLabel!: string;
  @ApiProperty({ format: 'date-time', description: '办理时间（同 closedAt）' }) decidedAt!: string;
  @ApiProperty({ enum: CASE_STAGES, enumName: 'CaseStage', description: '案件现在的阶段' })
  caseStage!: CaseStage;
  @ApiProperty({ example: '民主评议', description: '案件现在的阶段名称' }) caseStageLabel!: string;
  @ApiProperty({
    enum: ['open', 'closed'],
    enumName: 'CaseStatus',
    description: '案件现在的状态：open 在办 / closed 已办结',
  })
  caseStatus!: string;
}

export class DoneTaskPageDto {
  @ApiProperty({ type: [DoneTaskDto], description: '最近办理的在前' }) items!: DoneTaskDto[];
  @ApiProperty({ type: String, nullable: true, description: '下一页游标；没有下一页时为 null' })
  nextCursor!: string | null;
}
