import { Controller, Get, Query, type StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { StatisticsQueryDto } from './dto/statistics-query.dto';
import { StatisticsDto } from './dto/statistics-response.dto';
import { StatisticsService } from './statistics.service';

@ApiTags('统计')
@ApiBearerAuth()
@Controller('statistics')
export class StatisticsController {
  constructor(private readonly statistics: StatisticsService) {}

  @Get()
  @Roles('countyOfficer', 'supervisor', 'inspector', 'admin')
  @ApiOperation({
    summary:
      '统计（季度调度、半年通报、年终考评）：本辖区或其下级辖区按下级分列的户数人数、致贫原因、帮扶措施、按时办结率；督查人员的查询记入留痕',
  })
  @ApiOkResponse({ type: StatisticsDto })
  figures(@Query() query: StatisticsQueryDto, @CurrentUser() user: AuthUser): Promise<StatisticsDto> {
    return this.statistics.report(query, user);
  }

  @Get('export')
  @Roles('countyOfficer', 'supervisor', 'inspector', 'admin')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({ summary: '导出统计报表 xlsx（与统计页相同的数据），每次导出记入留痕' })
  @ApiOkResponse({ description: 'xlsx 文件', schema: { type: 'string', format: 'binary' } })
  export(@Query() query: StatisticsQueryDto, @CurrentUser() user: AuthUser): Promise<StreamableFile> {
    return this.statistics.export(query, user);
  }
}
