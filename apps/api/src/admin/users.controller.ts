import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { UserPageDto } from './dto/admin-response.dto';
import { ChangeReasonDto } from './dto/change-reason.dto';
import { CreateUserDto, ResetPasswordDto, UpdateUserDto, UserResponseDto } from './dto/user.dto';
import { ListUsersQueryDto } from './dto/list-users-query.dto';
import { UsersService } from './users.service';

@ApiTags('系统管理：用户')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: '本辖区及下级的用户，可按角色、辖区筛选，按用户名翻页' })
  @ApiOkResponse({ type: UserPageDto })
  list(@Query() query: ListUsersQueryDto, @CurrentUser() user: AuthUser): Promise<UserPageDto> {
    return this.users.list(query, user);
  }

  @Get(':id')
  @ApiOperation({ summary: '用户详情' })
  @ApiOkResponse({ type: UserResponseDto })
  findOne(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<UserResponseDto> {
    return this.users.findOne(id, user);
  }

  @Post()
  @ApiOperation({ summary: '新建用户：辖区须在管辖范围内，角色与辖区层级相符；用户名重复返回 409' })
  @ApiCreatedResponse({ type: UserResponseDto })
  create(@Body() body: CreateUserDto, @CurrentUser() user: AuthUser): Promise<UserResponseDto> {
    return this.users.create(body, user);
  }

  @Patch(':id')
  @ApiOperation({
    summary: '修改姓名、角色、辖区、所属部门或启用状态；改角色、辖区、部门或停用时，其已登录的会话随即失效',
  })
  @ApiOkResponse({ type: UserResponseDto })
  update(
    @Param('id') id: string,
    @Body() body: UpdateUserDto,
    @CurrentUser() user: AuthUser,
  ): Promise<UserResponseDto> {
    return this.users.update(id, body, user);
  }

  @Post(':id/password')
  @HttpCode(204)
  @ApiOperation({ summary: '重置密码：用户已登录的会话随即失效，下次登录后须先修改密码；不能重置自己的' })
  @ApiNoContentResponse({ description: '已重置（无响应体）' })
  resetPassword(
    @Param('id') id: string,
    @Body() body: ResetPasswordDto,
    @CurrentUser() user: AuthUser,
  ): Promise<void> {
    return this.users.resetPassword(id, body, user);
  }

  @Post(':id/unlock')
  @HttpCode(200)
  @ApiOperation({ summary: '解除因连续密码错误造成的账户锁定' })
  @ApiBody({ type: ChangeReasonDto, required: false })
  @ApiOkResponse({ type: UserResponseDto })
  unlock(
    @Param('id') id: string,
    @Body() body: ChangeReasonDto,
    @CurrentUser() user: AuthUser,
  ): Promise<UserResponseDto> {
    return this.users.unlock(id, body, user);
  }
}
