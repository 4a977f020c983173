import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { BreachesQueryDto, SummaryQueryDto, TrendQueryDto } from './dto/supervision-query.dto';
import { SupervisionReasonDto } from './dto/supervision-reason.dto';
import {
  AssigneeCandidatesDto,
  BreachPageDto,
  EscalationRequestDto,
  MarkUrgentResponseDto,
  SupervisionSummaryDto,
  SupervisionTrendDto,
} from './dto/supervision-response.dto';
import { SupervisionActionsService } from './supervision-actions.service';
import { SupervisionService } from './supervision.service';

@ApiTags('督办')
@ApiBearerAuth()
@Controller('supervision')
export class SupervisionController {
  constructor(
    private readonly supervision: SupervisionService,
    private readonly actions: SupervisionActionsService,
  ) {}

  @Get('summary')
  @Roles('supervisor', 'inspector', 'admin', 'countyOfficer')
  @ApiOperation({
    summary: '督办概况：本辖区超期与临期任务数，按下级辖区、任务类型、超期时长分组，及升级级别',
  })
  @ApiOkResponse({ type: SupervisionSummaryDto })
  summary(@Query() query: SummaryQueryDto, @CurrentUser() user: AuthUser): Promise<SupervisionSummaryDto> {
    return this.supervision.summary(query, user);
  }

  @Get('breaches')
  @Roles('supervisor', 'inspector', 'admin', 'countyOfficer')
  @ApiOperation({ summary: '超期任务清单：超期最久的在前，可下钻到下级辖区，翻页' })
  @ApiOkResponse({ type: BreachPageDto })
  breaches(@Query() query: BreachesQueryDto, @CurrentUser() user: AuthUser): Promise<BreachPageDto> {
    return this.supervision.breaches(query, user);
  }

  @Get('trend')
  @Roles('supervisor', 'inspector', 'admin', 'countyOfficer')
  @ApiOperation({ summary: '超期趋势：最近 N 天（北京时间）每天新超期的任务数及其中逾期办结数' })
  @ApiOkResponse({ type: SupervisionTrendDto })
  trend(@Query() query: TrendQueryDto, @CurrentUser() user: AuthUser): Promise<SupervisionTrendDto> {
    return this.supervision.trend(query, user);
  }

  @Get('tasks/:taskId/assignees')
  @Roles('supervisor', 'admin')
  @ApiOperation({
    summary:
      '改派候选人：可接手该任务的人（办理角色、辖区包含该任务、部门相符），限本人辖区内，手头任务少的在前',
  })
  @ApiOkResponse({ type: AssigneeCandidatesDto })
  assignees(@Param('taskId') taskId: string, @CurrentUser() user: AuthUser): Promise<AssigneeCandidatesDto> {
    return this.supervision.assigneeCandidates(taskId, user);
  }

  @Post('cases/:caseId/mark-urgent')
  @HttpCode(200)
  @Roles('supervisor', 'countyOfficer', 'admin')
  @ApiOperation({ summary: '特事特办：把案件及其未办结任务标记为紧急（记入留痕）' })
  @ApiOkResponse({ type: MarkUrgentResponseDto })
  markUrgent(
    @Param('caseId') caseId: string,
    @Body() body: SupervisionReasonDto,
    @CurrentUser() user: AuthUser,
  ): Promise<MarkUrgentResponseDto> {
    return this.actions.markUrgent(caseId, body.reason, user);
  }

  @Post('tasks/:taskId/escalate-now')
  @HttpCode(202)
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: '立即督办升级：记录升级请求及理由，返回 202' })
  @ApiAcceptedResponse({ type: EscalationRequestDto, description: '升级请求已记录并通知流程' })
  escalateNow(
    @Param('taskId') taskId: string,
    @Body() body: SupervisionReasonDto,
    @CurrentUser() user: AuthUser,
  ): Promise<EscalationRequestDto> {
    return this.actions.requestEscalation(taskId, body.reason, user);
  }
}
