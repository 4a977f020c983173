// 已办 the tasks the caller decided. A controller of its own, registered before TasksController, so that
// `/tasks/done` is this list and never read as the id of a task (`GET /tasks/:id`).

import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/auth.decorators';
import { DoneTaskPageDto, DoneTasksQueryDto } from './dto/done-tasks.dto';
import { TasksService } from './tasks.service';

@ApiTags('任务')
@ApiBearerAuth()
@Controller('tasks')
export class DoneTasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get('done')
  @ApiOperation({
    summary: '我的已办：本人办理过的任务，最近办理的在前，可按任务类型、阶段、村、紧急、办理日期筛选并翻页',
  })
  @ApiOkResponse({ type: DoneTaskPageDto })
  done(@Query() query: DoneTasksQueryDto, @CurrentUser() user: AuthUser): Promise<DoneTaskPageDto> {
    return this.tasks.done(query, user);
  }
}
