// 相对贫困线 povertyLine rules as an admin enters them: the base income and the ratio for one
// jurisdiction, year and area; the line itself is computed (povertyLine).

import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import type { PovertyLineArea, PovertyLineBasis } from '@libs/domain';
import { IsDecimal } from '../../common/is-decimal.validator';
import { PageQueryDto } from '../../common/pagination';
import { JURISDICTION_ID_PATTERN } from '../admin-rules';
import { trimmed } from './change-reason.dto';

export const POVERTY_LINE_AREAS = ['urban', 'rural'] as const satisfies readonly PovertyLineArea[];
export const POVERTY_LINE_BASES = [
  'median',
  'perCapitaDisposable',
] as const satisfies readonly PovertyLineBasis[];

const JURISDICTION_MESSAGE = '应为 6–20 位数字的区划代码';

class ReasonDto {
  @ApiProperty({ minLength: 2, maxLength: 500, description: '理由或依据（2–500 字），记入留痕' })
  @trimmed()
  @IsString()
  @Length(2, 500, { message: '理由须为 2–500 个字' })
  reason!: string;
}

class PovertyLineFilterDto {
  @ApiPropertyOptional({ description: '只看设在该辖区的标准：区划代码（本辖区、下级或上级）' })
  @IsOptional()
  @Matches(JURISDICTION_ID_PATTERN, { message: JURISDICTION_MESSAGE })
  jurisdictionId?: string;

  @ApiPropertyOptional({ example: 2026, description: '年度' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

export class PovertyLinesQueryDto extends IntersectionType(PovertyLineFilterDto, PageQueryDto) {}

export class PutPovertyLineDto extends ReasonDto {
  @ApiProperty({
    example: '370323',
    description: '辖区区划代码（县、镇(街道)或村(社区)，须在您的管辖范围内）',
  })
  @Matches(JURISDICTION_ID_PATTERN, { message: JURISDICTION_MESSAGE })
  jurisdictionId!: string;

  @ApiProperty({ example: 2020, description: '适用年度' })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @ApiProperty({ enum: POVERTY_LINE_AREAS, description: 'urban 城镇，rural 农村' })
  @IsIn(POVERTY_LINE_AREAS)
  area!: PovertyLineArea;

  @ApiProperty({
    enum: POVERTY_LINE_BASES,
    description: '基数：median 上年人均可支配收入中位数，perCapitaDisposable 上年人均可支配收入',
  })
  @IsIn(POVERTY_LINE_BASES)
  basis!: PovertyLineBasis;

  @ApiProperty({ example: 19128, description: '基数金额（元/人/年，最多两位小数）' })
  @IsDecimal(2, { message: '应为数字（元），最多两位小数' })
  @Min(0)
  @Max(1_000_000_000)
  baseIncome!: number;

  @ApiProperty({ example: 0.33, description: '比例：大于 0、不超过 1（如 0.4 即 40%），最多六位小数' })
  @IsDecimal(6, { message: '应为数字，最多六位小数' })
  @Min(0.000001, { message: '应大于 0' })
  @Max(1, { message: '不能超过 1' })
  ratio!: number;
}

export class ReevaluateCasesDto extends ReasonDto {
  @ApiProperty({ example: '370323', description: '重新评估该辖区（含下级）的全部在办案件' })
  @Matches(JURISDICTION_ID_PATTERN, { message: JURISDICTION_MESSAGE })
  jurisdictionId!: string;
}
