import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { IsAcceptablePassword } from '../passwords';

export class ChangePasswordDto {
  @ApiProperty({ description: '当前密码' })
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  currentPassword!: string;

  @ApiProperty({ description: '新密码：至少 10 位，须同时包含字母和数字，且不同于当前密码' })
  @IsAcceptablePassword()
  newPassword!: string;
}

export class ChangePasswordResponseDto {
  @ApiProperty({ description: '随之失效的其他登录会话数（本次会话保留）' })
  otherSessionsRevoked!: number;
}
