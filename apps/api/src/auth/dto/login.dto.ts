import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

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

export class LoginResponseDto {
  @ApiProperty() accessToken!: string;
  @ApiProperty() user!: {
    id: string;
    username: string;
    displayName: string;
    role: string;
    jurisdictionId: string;
    department: string | null;
  };
}
