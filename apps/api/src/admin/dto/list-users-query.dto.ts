import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ROLES } from '../../../../../libs/domain/src';
import type { Role } from '../../../../../libs/domain/src';
import { JURISDICTION_ID_PATTERN } from '../admin-rules';

export class ListUsersQueryDto {
  @ApiPropertyOptional({ enum: ROLES, description: '角色' })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ description: '只看此辖区及其下级的用户（区划代码）' })
  @IsOptional()
  @Matches(JURISDICTION_ID_PATTERN, { message: '应为 6–20 位数字的区划代码' })
  jurisdictionId?: string;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100, description: '每页条数' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: '翻页游标：上一页返回的 nextCursor（按用户名排序）' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  cursor?: string;
}
