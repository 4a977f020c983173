import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { CreateUserDto, ResetPasswordDto, UpdateUserDto } from './dto/user.dto';
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
  list(@Query() query: ListUsersQueryDto, @CurrentUser() user: AuthUser) {
    return this.users.list(query, user);
  }

  @Get(':id')
  @ApiOperation({ summary: '用户详情' })
  findOne(@Param('id') id: string, @CurrentUser() user: AuthUser) {
    return this.users.findOne(id, user);
  }

  @Post()
  @ApiOperation({ summary: '新建用户：辖区须在管辖范围内，角色与辖区层级相符；用户名重复返回 409' })
  create(@Body() body: CreateUserDto, @CurrentUser() user: AuthUser) {
    return this.users.create(body, user);
  }

  @Patch(':id')
  @ApiOperation({ summary: '修改姓名、角色、辖区或所属部门' })
  update(@Param('id') id: string, @Body() body: UpdateUserDto, @CurrentUser() user: AuthUser) {
    return this.users.update(id, body, user);
  }

  @Post(':id/password')
  @HttpCode(204)
  @ApiOperation({ summary: '重置密码' })
  resetPassword(@Param('id') id: string, @Body() body: ResetPasswordDto, @CurrentUser() user: AuthUser) {
    return this.users.resetPassword(id, body, user);
  }
}
