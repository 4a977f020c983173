// Field rules shared by the task forms: dates, amounts, free text, attachments, incomes and indicators.
// Forms are checked with stopAtFirstError, so the order of a field's rules decides what the user hears:
// the type check must come first ("应为字符串" rather than "过长"). Stacked on a property, decorators are
// checked from the bottom up, so there the type check sits nearest the property; within applyDecorators
// they are checked in list order, so there it comes first.

import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
  registerDecorator,
} from 'class-validator';
import {
  POVERTY_CAUSES,
  chinaLocalDate,
  isIsoDate,
  type MemberIncome,
  type WellbeingIndicators,
} from '@libs/domain';
import { IsDecimal } from '../../common/is-decimal.validator';
import { IsIdNumber } from '../../common/is-id-number.validator';

/** Free text up to `max` characters; `min` when it must say something. */
export function Text(max: number, min = 0): PropertyDecorator {
  return applyDecorators(
    IsString(),
    MaxLength(max, { message: `不能超过 ${max} 个字` }),
    ...(min > 0 ? [MinLength(min, { message: `至少 ${min} 个字` })] : []),
  );
}

/** A calendar date (YYYY-MM-DD) not after today in China: something that has happened (a meeting, a payment). */
export function IsPastDate(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isPastDate',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && isIsoDate(value) && value <= chinaLocalDate(new Date()),
        defaultMessage: (args) =>
          typeof args?.value === 'string' && isIsoDate(args.value)
            ? '不能晚于今天'
            : '应为 YYYY-MM-DD 格式的日期',
      },
    });
}

/** Yuan, to the fen, from 0 to ten million. */
export function Amount(): PropertyDecorator {
  return applyDecorators(
    IsDecimal(2, { message: '应为金额（元），至多两位小数' }),
    Min(0, { message: '不能为负数' }),
    Max(10_000_000, { message: '不能超过 10000000 元' }),
  );
}

/** 附件 ids of files already uploaded to the case (the service checks they belong to it). */
export function AttachmentIds(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: [String], format: 'uuid', description: '附件 ID（须为本案件已上传的附件）' }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(50, { message: '附件不能超过 50 个' }),
    ArrayUnique({ message: '有重复的附件' }),
    IsUUID('all', { each: true, message: '应为附件 ID（UUID）' }),
  );
}

/** 致贫原因 at least one, each once. */
export function PovertyCauses(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ enum: POVERTY_CAUSES, isArray: true, description: '致贫原因' }),
    IsArray(),
    ArrayMinSize(1, { message: '至少选择一项' }),
    ArrayUnique({ message: '有重复的致贫原因' }),
    IsIn(POVERTY_CAUSES, { each: true }),
  );
}

/** 收入构成 one member's income of the past year by kind. */
export class MemberIncomeDto implements MemberIncome {
  @ApiProperty({ example: '370323197803150018', description: '家庭成员的身份证号码' })
  @IsIdNumber()
  idNumber!: string;

  @ApiProperty({ example: 12000, description: '工资性收入（元/年）' })
  @Amount()
  wages!: number;

  @ApiProperty({ example: 0, description: '经营净收入（元/年）' })
  @Amount()
  business!: number;

  @ApiProperty({ example: 0, description: '财产净收入（元/年）' })
  @Amount()
  property!: number;

  @ApiProperty({ example: 2000, description: '转移净收入（元/年）' })
  @Amount()
  transfer!: number;
}

/** 一达标两不愁六保障: true when the indicator is secured for the household; all nine are answered. */
export class WellbeingIndicatorsDto implements WellbeingIndicators {
  @ApiProperty({ description: '收入达标' }) @IsBoolean() income!: boolean;
  @ApiProperty({ description: '不愁吃' }) @IsBoolean() food!: boolean;
  @ApiProperty({ description: '不愁穿' }) @IsBoolean() clothing!: boolean;
  @ApiProperty({ description: '全阶段教育有保障' }) @IsBoolean() schooling!: boolean;
  @ApiProperty({ description: '基本医疗有保障' }) @IsBoolean() medical!: boolean;
  @ApiProperty({ description: '住房安全有保障' }) @IsBoolean() housing!: boolean;
  @ApiProperty({ description: '饮水安全有保障' }) @IsBoolean() water!: boolean;
  @ApiProperty({ description: '基本养老有保障' }) @IsBoolean() pension!: boolean;
  @ApiProperty({ description: '就业有保障' }) @IsBoolean() employment!: boolean;
}

/** 收入 one line per household member, each member once (the service checks they are exactly the household). */
export function MemberIncomes(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ type: [MemberIncomeDto], description: '每位家庭成员的上年度收入，须覆盖全部成员' }),
    IsArray(),
    ArrayMinSize(1, { message: '至少填写一位成员' }),
    ArrayMaxSize(30, { message: '不能超过 30 人' }),
    ArrayUnique((income: MemberIncomeDto | undefined) => income?.idNumber ?? income, {
      message: '同一成员只能填写一次',
    }),
    ValidateNested({ each: true }),
    Type(() => MemberIncomeDto),
  );
}

export function Indicators(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ type: WellbeingIndicatorsDto, description: '一达标两不愁六保障：九项均须作答' }),
    IsObject(),
    ValidateNested(),
    Type(() => WellbeingIndicatorsDto),
  );
}
