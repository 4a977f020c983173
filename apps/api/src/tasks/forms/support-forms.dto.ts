// Forms of support and review: 帮扶计划 the 1+N support plan, a department's 转办受理 and 落实 of a measure,
// 跟踪问效 follow-up, 临时救助 temporary assistance, 半年核查 the periodic review.

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import type {
  MeasureAcceptanceForm,
  MeasureFollowUpForm,
  MeasureImplementationForm,
  PeriodicReviewForm,
  SafetyNetItem,
  SectorMeasureItem,
  SupportPlanForm,
  TemporaryAssistanceForm,
} from '@libs/contracts';
import {
  DEPARTMENTS,
  INSURANCE_COVERS,
  MEASURE_RESULTS,
  REVIEW_OUTCOMES,
  SAFETY_NET_TYPES,
  SECTOR_MEASURES,
  type Department,
  type InsuranceCover,
  type MeasureResult,
  type ReviewOutcome,
  type SafetyNetType,
  type SectorMeasureKind,
} from '@libs/domain';
import { IsIdNumber } from '../../common/is-id-number.validator';
import {
  Amount,
  Indicators,
  IsPastDate,
  MemberIncomeDto,
  MemberIncomes,
  Text,
  WellbeingIndicatorsDto,
} from './form-fields';

/** 兜底保障 one item of the 1; covers are given for 防贫保险 and only for it (see supportPlanProblems). */
export class SafetyNetItemDto implements SafetyNetItem {
  @ApiProperty({ enum: SAFETY_NET_TYPES, description: '兜底保障类型' })
  @IsIn(SAFETY_NET_TYPES)
  type!: SafetyNetType;

  @ApiProperty({ enum: DEPARTMENTS, description: '落实部门' })
  @IsIn(DEPARTMENTS)
  department!: Department;

  @ApiPropertyOptional({ enum: INSURANCE_COVERS, isArray: true, description: '保障类型（防贫保险必填）' })
  @IsOptional()
  @IsIn(INSURANCE_COVERS, { each: true })
  @ArrayUnique({ message: '有重复的保障类型' })
  @IsArray()
  covers?: InsuranceCover[];

  @ApiPropertyOptional({ example: 520, description: '每月金额（元）' })
  @IsOptional()
  @Amount()
  monthlyAmount?: number;

  @ApiPropertyOptional({ description: '说明' })
  @IsOptional()
  @Text(1000)
  note?: string;
}

export class SectorMeasureItemDto implements SectorMeasureItem {
  @ApiProperty({ enum: SECTOR_MEASURES, description: '行业帮扶类别' })
  @IsIn(SECTOR_MEASURES)
  sector!: SectorMeasureKind;

  @ApiProperty({ enum: DEPARTMENTS, description: '落实部门' })
  @IsIn(DEPARTMENTS)
  department!: Department;

  @ApiProperty({ example: '推荐到县城物流园务工', description: '措施内容' })
  @Text(500, 2)
  description!: string;
}

type IndividualCoverage = NonNullable<SupportPlanForm['individualCoverage']>[number];

const INDIVIDUAL_COVERAGE_REASONS = [
  'severeDisability',
  'seriousIllness',
] as const satisfies readonly IndividualCoverage['reason'][];

export class IndividualCoverageDto implements IndividualCoverage {
  @ApiProperty({ description: '单独纳入保障的家庭成员的身份证号码' })
  @IsIdNumber()
  idNumber!: string;

  @ApiProperty({ enum: INDIVIDUAL_COVERAGE_REASONS, description: '重度残疾 / 重病' })
  @IsIn(INDIVIDUAL_COVERAGE_REASONS)
  reason!: IndividualCoverage['reason'];
}

export class SupportPlanFormDto implements SupportPlanForm {
  @ApiProperty({ type: [SafetyNetItemDto], description: '兜底保障（1）' })
  @ValidateNested({ each: true })
  @Type(() => SafetyNetItemDto)
  @ArrayMaxSize(10, { message: '不能超过 10 项' })
  @IsArray()
  safetyNet!: SafetyNetItemDto[];

  @ApiProperty({ type: [SectorMeasureItemDto], description: '行业帮扶措施（N）' })
  @ValidateNested({ each: true })
  @Type(() => SectorMeasureItemDto)
  @ArrayMaxSize(20, { message: '不能超过 20 项' })
  @IsArray()
  sectorMeasures!: SectorMeasureItemDto[];

  @ApiPropertyOptional({ minimum: 0, maximum: 24, description: '渐退期（月）' })
  @IsOptional()
  @Max(24, { message: '不能超过 24 个月' })
  @Min(0, { message: '不能为负数' })
  @IsInt({ message: '应为整数（月）' })
  gradualExitMonths?: number;

  @ApiPropertyOptional({ type: [IndividualCoverageDto], description: '单人保：单独纳入保障的成员' })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => IndividualCoverageDto)
  @ArrayUnique((item: IndividualCoverageDto | undefined) => item?.idNumber ?? item, {
    message: '同一成员只能填写一次',
  })
  @ArrayMaxSize(30, { message: '不能超过 30 人' })
  @ArrayMinSize(1, { message: '不需要单人保时请不填此项' })
  @IsArray()
  individualCoverage?: IndividualCoverageDto[];
}

export class MeasureAcceptanceFormDto implements MeasureAcceptanceForm {
  @ApiPropertyOptional({ description: '受理说明' })
  @IsOptional()
  @Text(2000)
  note?: string;
}

export class MeasureImplementationFormDto implements MeasureImplementationForm {
  @ApiProperty({ example: '2026-12-10', description: '落实日期' })
  @IsPastDate()
  implementedOn!: string;

  @ApiProperty({ description: '落实情况' })
  @Text(5000, 2)
  report!: string;

  @ApiPropertyOptional({ description: '落实金额（元）' })
  @IsOptional()
  @Amount()
  amount?: number;
}

export class MeasureFollowUpFormDto implements MeasureFollowUpForm {
  @ApiProperty({ enum: MEASURE_RESULTS, description: '成效：见效 / 部分见效 / 未见效' })
  @IsIn(MEASURE_RESULTS)
  result!: MeasureResult;

  @ApiProperty({ description: '成效说明' })
  @Text(2000, 2)
  note!: string;
}

export class TemporaryAssistanceFormDto implements TemporaryAssistanceForm {
  @ApiProperty({ example: 3000, description: '救助金额（元）' })
  @Min(0.01, { message: '应大于 0' })
  @Amount()
  amount!: number;

  @ApiProperty({ example: '2026-12-02', description: '发放日期' })
  @IsPastDate()
  paidOn!: string;

  @ApiPropertyOptional({ description: '说明' })
  @IsOptional()
  @Text(2000)
  note?: string;
}

export class PeriodicReviewFormDto implements PeriodicReviewForm {
  @MemberIncomes()
  incomes!: MemberIncomeDto[];

  @Indicators()
  indicators!: WellbeingIndicatorsDto;

  @ApiProperty({ enum: REVIEW_OUTCOMES, description: '核查结论：继续帮扶 / 调整帮扶计划 / 提议退出' })
  @IsIn(REVIEW_OUTCOMES)
  outcome!: ReviewOutcome;

  @ApiPropertyOptional({ description: '继续帮扶的理由（帮扶满一年后继续时必填）' })
  @IsOptional()
  @Text(2000, 5)
  justification?: string;

  @ApiPropertyOptional({ description: '核查情况说明' })
  @IsOptional()
  @Text(5000)
  notes?: string;
}
