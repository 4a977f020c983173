import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ROLES } from '@libs/domain';
import type { Role } from '@libs/domain';
import { PageQueryDto } from '../../common/pagination';
import { JURISDICTION_ID_PATTERN } from '../admin-rules';

export class ListUsersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ROLES, description: '角色' })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ description: '只看此辖区及其下级的用户（区划代码）' })
  @IsOptional()
  @Matches(JURISDICTION_ID_PATTERN, { message: '应为 6–20 位数字的区划代码' })
  jurisdictionId?: string;

  @ApiPropertyOptional({ example: '刘', description: '用户名或姓名中含有的文字' })
  @IsOptional()
  @IsString()
  @MaxLength(50, { message: '不超过 50 个字' })
  q?: string;
}
