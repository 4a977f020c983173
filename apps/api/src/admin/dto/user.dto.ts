import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ROLES } from '@libs/domain';
import type { Role } from '@libs/domain';
import { JURISDICTION_ID_PATTERN, USERNAME_PATTERN } from '../admin-rules';
import { IsAcceptablePassword } from '../../auth/passwords';
import { OptionalField } from '../../common/optional-field';
import { ChangeReasonDto } from './change-reason.dto';

/** 成员单位 department codes, e.g. civilAffairs, housing. */
export const DEPARTMENT_PATTERN = /^[a-zA-Z][a-zA-Z0-9]{1,31}$/;
const DEPARTMENT_MESSAGE = '应为 2–32 位英文部门代码，如 civilAffairs';

export class CreateUserDto extends ChangeReasonDto {
  @ApiProperty({ example: 'cw_yaonan', description: '用户名：3–64 位小写字母、数字或下划线' })
  @IsString()
  @Matches(USERNAME_PATTERN, { message: '应为 3–64 位小写字母、数字或下划线' })
  username!: string;

  @ApiProperty({ example: '刘洋（姚南峪村工作专员）', description: '姓名（显示名）' })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  displayName!: string;

  @ApiProperty({ description: '初始密码：至少 10 位，须同时包含字母和数字' })
  @IsAcceptablePassword()
  password!: string;

  @ApiProperty({ enum: ROLES, description: '角色' })
  @IsIn(ROLES)
  role!: Role;

  @ApiProperty({ example: '370323104203', description: '所属辖区的区划代码（须在您的管辖范围内）' })
  @Matches(JURISDICTION_ID_PATTERN, { message: '应为 6–20 位数字的区划代码' })
  jurisdictionId!: string;

  @ApiPropertyOptional({
    example: 'civilAffairs',
    description: '所属部门（成员单位）代码：部门经办人必填，其他角色不填',
  })
  @OptionalField()
  @Matches(DEPARTMENT_PATTERN, { message: DEPARTMENT_MESSAGE })
  department?: string;
}

export class UpdateUserDto extends ChangeReasonDto {
  @ApiPropertyOptional({ description: '姓名（显示名）' })
  @OptionalField()
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  displayName?: string;

  @ApiPropertyOptional({ enum: ROLES, description: '角色；改为其他角色时所属部门随之清空' })
  @OptionalField()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ description: '所属辖区的区划代码（须在您的管辖范围内）' })
  @OptionalField()
  @Matches(JURISDICTION_ID_PATTERN, { message: '应为 6–20 位数字的区划代码' })
  jurisdictionId?: string;

  @ApiPropertyOptional({ description: '所属部门（成员单位）代码，仅部门经办人' })
  @OptionalField()
  @Matches(DEPARTMENT_PATTERN, { message: DEPARTMENT_MESSAGE })
  department?: string;

  @ApiPropertyOptional({ description: '是否启用：停用后立即不能登录，已登录的会话随即失效' })
  @OptionalField()
  @IsBoolean()
  enabled?: boolean;
}

export class ResetPasswordDto extends ChangeReasonDto {
  @ApiProperty({ description: '新密码：至少 10 位，须同时包含字母和数字；用户下次登录后须先自行修改' })
  @IsAcceptablePassword()
  password!: string;
}

/** A user as administration shows them (never the password hash). */
export class UserResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() username!: string;
  @ApiProperty({ description: '姓名（显示名）' }) displayName!: string;
  @ApiProperty({ enum: ROLES, enumName: 'Role' }) role!: Role;
  @ApiProperty({ description: '角色名称' }) roleLabel!: string;
  @ApiProperty({ description: '所属辖区的区划代码' }) jurisdictionId!: string;
  @ApiProperty({ example: '东里东村', description: '所属辖区名称' }) jurisdictionName!: string;
  @ApiProperty({ type: String, nullable: true, description: '所属部门（仅部门经办人）' })
  department!: string | null;
  @ApiProperty({ description: '是否启用' }) enabled!: boolean;
  @ApiProperty({
    type: Date,
    nullable: true,
    description: '因连续密码错误锁定至何时；未锁定为 null',
  })
  lockedUntil!: Date | null;
  @ApiProperty({ type: Date }) createdAt!: Date;
}
