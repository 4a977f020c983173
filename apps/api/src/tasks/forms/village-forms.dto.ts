// Forms of the village steps: 入户调查 home survey, 民主评议 and 村民代表会 meetings, 村内公示 public notice,
// 异议调查 objection investigation.

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import type {
  HomeSurveyForm,
  MeetingForm,
  ObjectionInvestigationForm,
  PublicNoticeForm,
} from '@libs/contracts';
import type { PovertyCause } from '@libs/domain';
import {
  AttachmentIds,
  Indicators,
  IsPastDate,
  MemberIncomeDto,
  MemberIncomes,
  PovertyCauses,
  Text,
  WellbeingIndicatorsDto,
} from './form-fields';

export class HomeSurveyFormDto implements HomeSurveyForm {
  @ApiProperty({ example: '2026-11-25', description: '调查日期' })
  @IsPastDate()
  surveyedOn!: string;

  @MemberIncomes()
  incomes!: MemberIncomeDto[];

  @Indicators()
  indicators!: WellbeingIndicatorsDto;

  @PovertyCauses()
  povertyCauses!: PovertyCause[];

  @ApiPropertyOptional({ description: '属特殊困难人群' })
  @IsOptional()
  @IsBoolean()
  specialHardshipGroup?: boolean;

  @ApiPropertyOptional({ description: '家中有60周岁以上贫困老人' })
  @IsOptional()
  @IsBoolean()
  elderlyPoor?: boolean;

  @AttachmentIds()
  attachmentIds?: string[];

  @ApiPropertyOptional({ description: '调查情况说明' })
  @IsOptional()
  @Text(5000)
  notes?: string;
}

/** 民主评议 and 村民代表会: whether the votes carry the meeting depends on the decision (see meetingProblems). */
export class MeetingFormDto implements MeetingForm {
  @ApiProperty({ example: '2026-11-28', description: '会议日期' })
  @IsPastDate()
  heldOn!: string;

  @ApiProperty({ example: 25, description: '出席人数' })
  @Max(10_000, { message: '不能超过 10000 人' })
  @Min(1, { message: '至少 1 人' })
  @IsInt({ message: '应为整数' })
  attendees!: number;

  @ApiProperty({ example: 23, description: '同意票数' })
  @Max(10_000, { message: '不能超过 10000 票' })
  @Min(0, { message: '不能为负数' })
  @IsInt({ message: '应为整数' })
  votesFor!: number;

  @ApiProperty({ example: 2, description: '反对票数' })
  @Max(10_000, { message: '不能超过 10000 票' })
  @Min(0, { message: '不能为负数' })
  @IsInt({ message: '应为整数' })
  votesAgainst!: number;

  @ApiProperty({ description: '会议记录' })
  @Text(5000, 2)
  minutes!: string;
}

export class PublicNoticeFormDto implements PublicNoticeForm {
  @ApiProperty({ example: '2026-12-01', description: '公示开始日期' })
  @IsPastDate()
  startsOn!: string;

  @ApiProperty({ example: '东里东村村务公开栏', description: '公示地点' })
  @Text(200, 2)
  place!: string;
}

export class ObjectionInvestigationFormDto implements ObjectionInvestigationForm {
  @ApiProperty({ description: '调查核实情况' })
  @Text(5000, 2)
  findings!: string;

  @AttachmentIds()
  attachmentIds?: string[];
}
