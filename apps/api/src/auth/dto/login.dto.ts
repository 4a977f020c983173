import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { ROLES, type Role } from '@libs/domain';

export class LoginDto {
  @ApiProperty({ example: 'cw_dongli_east', description: '用户名' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  username!: string;

  @ApiProperty({ description: '密码' })
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  password!: string;
}

export class LoginUserDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() username!: string;
  @ApiProperty({ description: '姓名（显示名）' }) displayName!: string;
  @ApiProperty({ enum: ROLES, enumName: 'Role' }) role!: Role;
  @ApiProperty({ example: '村工作专员', description: '角色名称' }) roleLabel!: string;
  @ApiProperty({ example: '370323104201', description: '所属辖区的区划代码' }) jurisdictionId!: string;
  @ApiProperty({ example: '东里东村', description: '所属辖区名称' }) jurisdictionName!: string;
  @ApiProperty({ type: String, nullable: true, description: '所属部门（仅部门经办人）' })
  department!: string | null;
}

export class LoginResponseDto {
  @ApiProperty({ description: '访问令牌：请求头 Authorization: Bearer <令牌>' })
  accessToken!: string;

  @ApiProperty({ type: Date, description: '令牌到期时间；退出登录或账户变更后提前失效' })
  expiresAt!: Date;

  @ApiProperty({
    description: '为 true 时须先通过 POST /auth/password 修改密码（管理员重置密码后），其他业务暂不可办理',
  })
  mustChangePassword!: boolean;

  @ApiProperty({ type: LoginUserDto }) user!: LoginUserDto;
}
