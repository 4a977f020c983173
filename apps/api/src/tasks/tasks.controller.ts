import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/auth.decorators';
import { AppException } from '../common/app.exception';
import { CompleteTaskDto } from './dto/complete-task.dto';
import { InboxQueryDto } from './dto/inbox-query.dto';
import { TasksService } from './tasks.service';

@ApiTags('任务')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @ApiOperation({ summary: '我的待办：本角色、本辖区内的未办结任务，按到期时间排序' })
  inbox(@Query() query: InboxQueryDto, @CurrentUser() user: AuthUser) {
    return this.tasks.inbox(query, user);
  }

  @Get(':id')
  @ApiOperation({ summary: '任务详情' })
  findOne(@Param('id') id: string, @CurrentUser() user: AuthUser) {
    return this.tasks.findOne(id, user);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '幂等键：同一键重复提交只办理一次' })
  @ApiOperation({ summary: '办理任务：返回时下一个任务已在待办中' })
  complete(
    @Param('id') id: string,
    @Body() body: CompleteTaskDto,
    @CurrentUser() user: AuthUser,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    if (idempotencyKey !== undefined && !/^[\w:.-]{8,128}$/.test(idempotencyKey)) {
      throw new AppException('BAD_IDEMPOTENCY_KEY', 400, 'Idempotency-Key 应为 8–128 位字母、数字或 -_:.');
    }
    return this.tasks.complete(id, body, user, idempotencyKey);
  }
}
