import { Body, Controller, Get, Headers, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from './auth-user';
import { type AuthSession, CurrentSession, CurrentUser, OwnAccount, Public } from './auth.decorators';
import { AuthService } from './auth.service';
import { ChangePasswordDto, ChangePasswordResponseDto } from './dto/change-password.dto';
import { LoginDto, LoginResponseDto } from './dto/login.dto';
import { MeResponseDto } from './dto/me.dto';

@ApiTags('登录')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary:
      '用户名密码登录，返回访问令牌；15 分钟内连续 5 次密码错误锁定该用户名 15 分钟（423，不论账户是否存在），同一地址失败过多时暂停登录（429）',
  })
  @ApiOkResponse({ type: LoginResponseDto })
  login(
    @Body() body: LoginDto,
    @Ip() address: string | undefined,
    @Headers('user-agent') userAgent: string | undefined,
  ): Promise<LoginResponseDto> {
    return this.auth.login(body, { address: address ?? 'unknown', userAgent: userAgent ?? null });
  }

  @ApiBearerAuth()
  @OwnAccount()
  @Get('me')
  @ApiOperation({ summary: '当前登录用户（按其当前账户信息）' })
  @ApiOkResponse({ type: MeResponseDto })
  me(@CurrentUser() user: AuthUser, @CurrentSession() session: AuthSession): Promise<MeResponseDto> {
    return this.auth.me(user, session);
  }

  @ApiBearerAuth()
  @OwnAccount()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: '退出登录：本令牌随即失效' })
  @ApiNoContentResponse({ description: '已退出（无响应体）' })
  logout(@CurrentUser() user: AuthUser, @CurrentSession() session: AuthSession): Promise<void> {
    return this.auth.logout(user, session);
  }

  @ApiBearerAuth()
  @OwnAccount()
  @Post('password')
  @HttpCode(200)
  @ApiOperation({
    summary: '修改本人密码：须提供当前密码；成功后其他登录会话失效，管理员重置后要求的改密随之完成',
  })
  @ApiOkResponse({ type: ChangePasswordResponseDto })
  changePassword(
    @Body() body: ChangePasswordDto,
    @CurrentUser() user: AuthUser,
    @CurrentSession() session: AuthSession,
  ): Promise<ChangePasswordResponseDto> {
    return this.auth.changePassword(user, session, body);
  }
}
