import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { JURISDICTION_LEVELS } from '@libs/domain';
import type { JurisdictionLevel } from '@libs/domain';
import { JURISDICTION_ID_PATTERN } from '../admin-rules';
import { ChangeReasonDto } from './change-reason.dto';

export class CreateJurisdictionDto extends ChangeReasonDto {
  @ApiProperty({ example: '370323104204', description: '区划代码：6–20 位数字' })
  @Matches(JURISDICTION_ID_PATTERN, { message: '应为 6–20 位数字的区划代码' })
  id!: string;

  @ApiProperty({ example: '北流水村', description: '名称' })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  name!: string;

  @ApiProperty({ enum: JURISDICTION_LEVELS, description: '层级：须比上级低一级（县→镇(街道)→村(社区)）' })
  @IsIn(JURISDICTION_LEVELS)
  level!: JurisdictionLevel;

  @ApiProperty({ example: '370323104', description: '上级区划代码（须在您的管辖范围内）' })
  @Matches(JURISDICTION_ID_PATTERN, { message: '应为 6–20 位数字的区划代码' })
  parentId!: string;
}

export class UpdateJurisdictionDto extends ChangeReasonDto {
  @ApiProperty({ example: '东里东村', description: '名称' })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  name!: string;
}
