// 案件查询 the case search (我发起的 among it): its query and what it answers.

import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { INTAKE_CHANNELS } from '@libs/contracts';
import { CASE_STAGES, TASK_KINDS, type CaseStage, type TaskKind } from '@libs/domain';
import { IsIdNumber } from '../../common/is-id-number.validator';
import { PageQueryDto, QueryBoolean } from '../../common/pagination';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DATE_MESSAGE = '应为日期 YYYY-MM-DD（北京时间）';
const JURISDICTION_ID = /^\d{6,20}$/;
const JURISDICTION_MESSAGE = '应为 6–20 位数字的区划代码';

/**
 * A filter on the household head's name, as the case search and the inbox take it: contained in the name,
 * trimmed, at most 50 characters (control characters are refused for every field by the validation pipe).
 */
export const HeadNameFilter = () =>
  applyDecorators(
    ApiPropertyOptional({
      example: '王',
      maxLength: 50,
      description: '户主姓名包含（去掉首尾空格，至多 50 字）',
    }),
    IsOptional(),
    Transform(({ value }) => (typeof value === 'string' ? value.trim() : value)),
    IsString(),
    MaxLength(50, { message: '过长：至多 50 个字' }),
  );

export const CASE_SEARCH_STATUSES = ['open', 'closed'] as const;
export type CaseSearchStatus = (typeof CASE_SEARCH_STATUSES)[number];

export class CaseSearchQueryDto extends PageQueryDto {
  @HeadNameFilter()
  headName?: string;

  @ApiPropertyOptional({
    description:
      '家庭成员的身份证号（18 位，精确匹配，末位 x 视同 X）。每次按身份证号查询都记入留痕：查询人、角色、辖区、脱敏号码与命中数',
  })
  @IsOptional()
  @IsIdNumber()
  idNumber?: string;

  @ApiPropertyOptional({ description: '只看某个村(社区)：区划代码' })
  @IsOptional()
  @Matches(JURISDICTION_ID, { message: JURISDICTION_MESSAGE })
  villageId?: string;

  @ApiPropertyOptional({
    description: '只看某个辖区（镇(街道)或村(社区)）及其下级：区划代码；不在本人辖区内则无结果',
  })
  @IsOptional()
  @Matches(JURISDICTION_ID, { message: JURISDICTION_MESSAGE })
  jurisdictionId?: string;

  @ApiPropertyOptional({ enum: CASE_STAGES, enumName: 'CaseStage', description: '案件当前阶段' })
  @IsOptional()
  @IsIn(CASE_STAGES, { message: '不是已知的案件阶段' })
  stage?: CaseStage;

  @ApiPropertyOptional({
    enum: CASE_SEARCH_STATUSES,
    enumName: 'CaseStatus',
    description: '案件状态：open 在办 / closed 已办结（销档、撤回、不予认定、返贫纳入新案件）',
  })
  @IsOptional()
  @IsIn(CASE_SEARCH_STATUSES, { message: '应为 open（在办）或 closed（已办结）' })
  status?: CaseSearchStatus;

  @ApiPropertyOptional({ description: '只看紧急（true）或非紧急（false）的案件' })
  @QueryBoolean()
  urgent?: boolean;

  @ApiPropertyOptional({ example: '2026-01-01', description: '登记日期自该日（含，北京时间）' })
  @IsOptional()
  @Matches(DATE, { message: DATE_MESSAGE })
  createdFrom?: string;

  @ApiPropertyOptional({ example: '2026-03-31', description: '登记日期至该日（含，北京时间）' })
  @IsOptional()
  @Matches(DATE, { message: DATE_MESSAGE })
  createdTo?: string;

  @ApiPropertyOptional({ description: '我发起的：true 只看本人登记的案件（false 与不填相同）' })
  @QueryBoolean()
  initiatedByMe?: boolean;
}

export class CaseSearchOpenTaskDto {
  @ApiProperty({ enum: TASK_KINDS, enumName: 'TaskKind', description: '任务类型' }) kind!: TaskKind;
  @ApiProperty({ example: '民主评议', description: '任务类型名称' }) kindLabel!: string;
  @ApiProperty({ format: 'date-time', description: '办理时限' }) dueAt!: string;
}

export class CaseSearchEnteredByDto {
  @ApiProperty({ format: 'uuid', description: '登记人的用户 ID' }) id!: string;
  @ApiProperty({ type: String, nullable: true, description: '登记人姓名' }) name!: string | null;
}

/** One case in the search's answer: whose, where, where it stands, who entered it, what is open in it. */
export class CaseSearchItemDto {
  @ApiProperty({ format: 'uuid', description: '案件编号' }) id!: string;
  @ApiProperty({ type: String, nullable: true, example: '王建国', description: '户主姓名' })
  householdHead!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '370323********0014',
    description: '户主身份证号（脱敏）',
  })
  householdHeadIdNumber!: string | null;
  @ApiProperty({ description: '家庭成员人数' }) memberCount!: number;
  @ApiProperty({ description: '村(社区)区划代码' }) villageId!: string;
  @ApiProperty({ example: '东里东村', description: '村(社区)名称' }) villageName!: string;
  @ApiProperty({ description: '镇(街道)区划代码' }) townshipId!: string;
  @ApiProperty({ example: '东里镇', description: '镇(街道)名称' }) townshipName!: string;
  @ApiProperty({ enum: CASE_STAGES, enumName: 'CaseStage', description: '当前阶段' }) stage!: CaseStage;
  @ApiProperty({ example: '民主评议', description: '阶段名称' }) stageLabel!: string;
  @ApiProperty({
    enum: CASE_SEARCH_STATUSES,
    enumName: 'CaseStatus',
    description: 'open 在办 / closed 已办结',
  })
  status!: string;
  @ApiProperty({ example: '在办', description: '状态名称' }) statusLabel!: string;
  @ApiProperty({ description: '特事特办（紧急）' }) urgent!: boolean;
  @ApiProperty({ enum: INTAKE_CHANNELS, enumName: 'IntakeChannel', description: '纳入渠道' })
  channel!: string;
  @ApiProperty({ format: 'date-time', description: '登记时间' }) createdAt!: string;
  @ApiProperty({ type: CaseSearchEnteredByDto, description: '登记人' }) enteredBy!: CaseSearchEnteredByDto;
  @ApiProperty({
    type: [CaseSearchOpenTaskDto],
    description: '案件现在的待办任务（部门经办人只见本部门的）',
  })
  openTasks!: CaseSearchOpenTaskDto[];
}

export class CaseSearchPageDto {
  @ApiProperty({ type: [CaseSearchItemDto], description: '最近登记的在前' }) items!: CaseSearchItemDto[];
  @ApiProperty({ type: String, nullable: true, description: '下一页游标；没有下一页时为 null' })
  nextCursor!: string | null;
}
