import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { AssignTaskDto, BulkAssignDto, BulkClaimDto, ClaimTaskDto } from './dto/assign-task.dto';
import { CompleteTaskDto } from './dto/complete-task.dto';
import { InboxQueryDto } from './dto/inbox-query.dto';
import {
  BulkResultDto,
  CompleteTaskResponseDto,
  TaskCountsDto,
  TaskDto,
  TaskPageDto,
} from './dto/task-response.dto';
import { TaskAssignmentService } from './task-assignment.service';
import { TasksService } from './tasks.service';

@ApiTags('任务')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(
    private readonly tasks: TasksService,
    private readonly assignment: TaskAssignmentService,
  ) {}

  @Get()
  @ApiOperation({ summary: '我的待办：本角色、本辖区的未办结任务，可筛选、排序、翻页' })
  @ApiOkResponse({ type: TaskPageDto })
  inbox(@Query() query: InboxQueryDto, @CurrentUser() user: AuthUser): Promise<TaskPageDto> {
    return this.tasks.inbox(query, user);
  }

  @Get('counts')
  @ApiOperation({ summary: '待办各页签的数量：全部、我认领的、未认领、已超期、紧急' })
  @ApiOkResponse({ type: TaskCountsDto })
  counts(@CurrentUser() user: AuthUser): Promise<TaskCountsDto> {
    return this.tasks.counts(user);
  }

  @Post('bulk-claim')
  @HttpCode(200)
  @ApiOperation({ summary: '批量认领：逐条返回结果' })
  @ApiOkResponse({ type: [BulkResultDto], description: '与 taskIds 同序，每个任务一条' })
  bulkClaim(@Body() body: BulkClaimDto, @CurrentUser() user: AuthUser): Promise<BulkResultDto[]> {
    return this.assignment.bulkClaim(body.taskIds, user);
  }

  @Post('bulk-assign')
  @HttpCode(200)
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: '批量指派（督办负责人）：逐条返回结果' })
  @ApiOkResponse({ type: [BulkResultDto], description: '与 taskIds 同序，每个任务一条' })
  bulkAssign(@Body() body: BulkAssignDto, @CurrentUser() user: AuthUser): Promise<BulkResultDto[]> {
    return this.assignment.bulkAssign(body.taskIds, body.userId, user);
  }

  @Get(':id')
  @ApiOperation({ summary: '任务详情' })
  @ApiOkResponse({ type: TaskDto })
  findOne(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<TaskDto> {
    return this.tasks.findOne(id, user);
  }

  @Post(':id/claim')
  @HttpCode(200)
  @ApiOperation({ summary: '认领任务；已被他人认领或版本过期时返回 409 并说明由谁持有' })
  @ApiOkResponse({ type: TaskDto, description: '认领后的任务' })
  claim(
    @Param('id') id: string,
    @Body() body: ClaimTaskDto,
    @CurrentUser() user: AuthUser,
  ): Promise<TaskDto> {
    return this.assignment.claim(id, user, body.version);
  }

  @Post(':id/unclaim')
  @HttpCode(200)
  @ApiOperation({ summary: '退回认领（认领人或督办负责人）' })
  @ApiOkResponse({ type: TaskDto, description: '退回认领后的任务' })
  unclaim(
    @Param('id') id: string,
    @Body() body: ClaimTaskDto,
    @CurrentUser() user: AuthUser,
  ): Promise<TaskDto> {
    return this.assignment.unclaim(id, user, body.version);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: '指派（督办负责人）：交给辖区内有此角色的人' })
  @ApiOkResponse({ type: TaskDto, description: '指派后的任务' })
  assign(
    @Param('id') id: string,
    @Body() body: AssignTaskDto,
    @CurrentUser() user: AuthUser,
  ): Promise<TaskDto> {
    return this.assignment.assign(id, body.userId, user, body.version);
  }

  @Post(':id/delegate')
  @HttpCode(200)
  @ApiOperation({ summary: '转交：认领人把任务交给同角色的同事' })
  @ApiOkResponse({ type: TaskDto, description: '转交后的任务' })
  delegate(
    @Param('id') id: string,
    @Body() body: AssignTaskDto,
    @CurrentUser() user: AuthUser,
  ): Promise<TaskDto> {
    return this.assignment.delegate(id, body.userId, user, body.version);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @ApiHeader({ name: 'idempotency-key', required: false, description: '幂等键：同一键重复提交只办理一次' })
  @ApiOperation({ summary: '办理任务：返回时下一个任务已在待办中' })
  @ApiOkResponse({ type: CompleteTaskResponseDto })
  complete(
    @Param('id') id: string,
    @Body() body: CompleteTaskDto,
    @CurrentUser() user: AuthUser,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<CompleteTaskResponseDto> {
    return this.tasks.complete(id, body, user, idempotencyKey);
  }
}
