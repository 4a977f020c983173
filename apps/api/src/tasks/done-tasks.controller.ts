// 已办 the tasks the caller decided. A controller of its own, registered before TasksController, so that
// `/tasks/decided` is this list and never read as the id of a task (`GET /tasks/:id`).

import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/auth.decorators';
import { DecidedTaskPageDto, DecidedTasksQueryDto } from './dto/decided-tasks.dto';
import { TasksService } from './tasks.service';

@ApiTags('任务')
@ApiBearerAuth()
@Controller('tasks')
export class DecidedTasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get('decided')
  @ApiOperation({
    summary: '我的已办：本人办理过的任务，最近办理的在前，可按任务类型、阶段、村、紧急、办理日期筛选并翻页',
  })
  @ApiOkResponse({ type: DecidedTaskPageDto })
  decided(@Query() query: DecidedTasksQueryDto, @CurrentUser() user: AuthUser): Promise<DecidedTaskPageDto> {
    return this.tasks.decided(query, user);
  }
}
