import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
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
  list(@Query() query: IncidentsQueryDto, @CurrentUser() user: AuthUser) {
    return this.incidents.list(query, user);
  }

  @Post(':incidentId/retry')
  @HttpCode(202)
  @Roles('admin')
  @ApiOperation({ summary: '排除故障原因后重试该步骤（记入留痕）；步骤成功后故障事件自动解决' })
  retry(
    @Param('incidentId') incidentId: string,
    @Body() body: RetryIncidentDto,
    @CurrentUser() user: AuthUser,
  ) {
    return this.incidents.retry(incidentId, body.reason, user);
  }
}
