import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { IncidentPageDto, IncidentRetryResponseDto } from './dto/incident-response.dto';
import { IncidentsQueryDto } from './dto/incidents-query.dto';
import { RetryIncidentDto } from './dto/retry-incident.dto';
import { IncidentsService } from './incidents.service';

@ApiTags('故障事件')
@ApiBearerAuth()
@Controller('incidents')
export class IncidentsController {
  constructor(private readonly incidents: IncidentsService) {}

  @Get()
  @Roles('supervisor', 'admin')
  @ApiOperation({
    summary: '故障事件：本辖区案件中重试后仍失败的步骤（案件、步骤、错误、起始时间），最新的在前',
  })
  @ApiOkResponse({ type: IncidentPageDto })
  list(@Query() query: IncidentsQueryDto, @CurrentUser() user: AuthUser): Promise<IncidentPageDto> {
    return this.incidents.list(query, user);
  }

  @Post(':incidentId/retry')
  @HttpCode(202)
  @Roles('admin')
  @ApiOperation({ summary: '排除故障原因后重试该步骤（记入留痕）；步骤成功后故障事件自动解决' })
  @ApiAcceptedResponse({ type: IncidentRetryResponseDto, description: '已发起重试' })
  retry(
    @Param('incidentId') incidentId: string,
    @Body() body: RetryIncidentDto,
    @CurrentUser() user: AuthUser,
  ): Promise<IncidentRetryResponseDto> {
    return this.incidents.retry(incidentId, body.reason, user);
  }
}
