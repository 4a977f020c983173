import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  Equals,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { MEMBER_RELATIONS, POVERTY_CAUSES } from '@libs/domain';
import type { MemberRelation, PovertyCause } from '@libs/domain';
import { IsDecimal } from '../../common/is-decimal.validator';
import { IsIdNumber } from '../../common/is-id-number.validator';

export class MemberDto {
  @ApiProperty({ example: '王建国', description: '姓名' })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  name!: string;

  @ApiProperty({ example: '370323198001010014', description: '居民身份证号码（18位）' })
  @IsIdNumber()
  idNumber!: string;

  @ApiProperty({ enum: MEMBER_RELATIONS, description: '与户主关系；须有且只有一名 head（户主）' })
  @IsIn(MEMBER_RELATIONS)
  relation!: MemberRelation;

  @ApiProperty({ example: 12000, description: '上年度个人收入（元）' })
  @IsDecimal(2, { message: '应为金额（元），至多两位小数' })
  @Min(0)
  @Max(10_000_000)
  annualIncome!: number;
}

export class DataConsentDto {
  @ApiProperty({ example: true, description: '已签署授权承诺书（同意查询家庭及直系亲属信息）' })
  @Equals(true, { message: '须签署授权承诺书后才能申请' })
  signed!: boolean;

  @ApiProperty({ example: '2026-11-20', description: '签署日期' })
  @IsISO8601({ strict: true })
  signedAt!: string;
}

/** The household as every intake channel records it. */
export class HouseholdDto {
  @ApiProperty({ example: '370323104201', description: '户籍所在村(社区)的区划代码' })
  @IsString()
  @Matches(/^\d{6,20}$/)
  villageId!: string;

  @ApiProperty({ example: '东里镇东里东村3组17号', description: '家庭住址' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  address!: string;

  @ApiPropertyOptional({ example: '13805331234', description: '联系电话' })
  @IsOptional()
  @Matches(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, { message: '电话号码格式不正确' })
  phone?: string;

  @ApiPropertyOptional({ default: false, description: '城镇家庭（否则为农村）' })
  @IsOptional()
  @IsBoolean()
  urban?: boolean;

  @ApiPropertyOptional({ default: false, description: '特事特办（紧急）' })
  @IsOptional()
  @IsBoolean()
  urgent?: boolean;

  @ApiProperty({ type: [MemberDto], description: '家庭成员（含户主）' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => MemberDto)
  members!: MemberDto[];
}

/** 个人申报: the household applies, with its causes and the signed data consent. */
export class CreateCaseDto extends HouseholdDto {
  @ApiProperty({ enum: POVERTY_CAUSES, isArray: true, description: '致贫原因' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(POVERTY_CAUSES, { each: true })
  povertyCauses!: PovertyCause[];

  @ApiProperty({ type: DataConsentDto, description: '授权承诺' })
  @IsObject()
  @ValidateNested()
  @Type(() => DataConsentDto)
  dataConsent!: DataConsentDto;
}

export const REFERRAL_CATEGORIES = ['largeExpense', 'majorEvent'] as const;
export type ReferralCategory = (typeof REFERRAL_CATEGORIES)[number];

/** 部门预警: a department reports a household with a large expense or a major family event. */
export class ReferralDto extends HouseholdDto {
  @ApiProperty({ enum: REFERRAL_CATEGORIES, description: 'largeExpense 大额支出户 / majorEvent 重大变故户' })
  @IsIn(REFERRAL_CATEGORIES)
  category!: ReferralCategory;

  @ApiProperty({ example: '2026年10月住院医疗费用自付部分 8.6 万元', description: '预警情况' })
  @IsString()
  @MinLength(2)
  @MaxLength(2000)
  detail!: string;
}

export const ALERT_KINDS = ['edgeHousehold', 'unstableExPoor'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** 监测预警: dynamic monitoring raises an alert on an edge household or an unstable ex-poor one. */
export class MonitoringAlertDto extends HouseholdDto {
  @ApiProperty({ enum: ALERT_KINDS, description: 'edgeHousehold 边缘户 / unstableExPoor 脱贫不稳定户' })
  @IsIn(ALERT_KINDS)
  kind!: AlertKind;

  @ApiProperty({ example: '家庭主要劳动力务工收入中断，人均收入降至 6500 元', description: '预警情况' })
  @IsString()
  @MinLength(2)
  @MaxLength(2000)
  detail!: string;
}

/** A reason for withdrawing or reporting a relapse. */
export class CaseReasonDto {
  @ApiProperty({ example: '申请人家庭收入已好转，本人申请撤回', description: '理由' })
  @IsString()
  @MinLength(2)
  @MaxLength(2000)
  reason!: string;
}

/** 异议: who objects (a villager's name, or 匿名) and what they say. */
export class ObjectionDto {
  @ApiProperty({ example: '村民张某', description: '异议人（可填“匿名”）' })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  objector!: string;

  @ApiProperty({ example: '该户在镇上经营一家超市，收入可观', description: '异议内容' })
  @IsString()
  @MinLength(2)
  @MaxLength(2000)
  content!: string;
}
