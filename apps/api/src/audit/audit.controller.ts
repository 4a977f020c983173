import { Controller, Get, Query, type StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { verifyAuditChain } from '@libs/persistence';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { AuditEventsExportQueryDto, AuditEventsQueryDto } from './audit-events.dto';
import { AuditChainReportDto, AuditEventPageDto } from './dto/audit-response.dto';
import { AuditEventsService } from './audit-events.service';
import { XLSX_TYPE } from '../ledgers/xlsx';

@ApiTags('留痕审计')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: AuditEventsService,
  ) {}

  @Get('verify')
  @Roles('inspector', 'admin')
  @ApiOperation({ summary: '校验留痕链：逐条重算哈希，任何删改都会在断点处暴露' })
  @ApiOkResponse({ type: AuditChainReportDto })
  verify(): Promise<AuditChainReportDto> {
    return verifyAuditChain(this.dataSource.manager);
  }

  @Get('events')
  @Roles('inspector', 'admin')
  @ApiOperation({
    summary:
      '留痕检索：本辖区的操作记录（按操作、操作人、案件、家庭、成员身份证号、辖区、日期筛选），最新在前；个人信息脱敏',
  })
  @ApiOkResponse({ type: AuditEventPageDto })
  search(@Query() query: AuditEventsQueryDto, @CurrentUser() user: AuthUser): Promise<AuditEventPageDto> {
    return this.events.search(query, user);
  }

  @Get('events/export')
  @Roles('inspector', 'admin')
  @ApiProduces('text/csv', XLSX_TYPE)
  @ApiOperation({
    summary: '导出留痕记录（CSV 或 xlsx，筛选同检索），按发生先后排列；个人信息脱敏，每次导出记入留痕',
  })
  @ApiOkResponse({ description: 'CSV（UTF-8）或 xlsx 文件', schema: { type: 'string', format: 'binary' } })
  export(@Query() query: AuditEventsExportQueryDto, @CurrentUser() user: AuthUser): Promise<StreamableFile> {
    return this.events.export(query, user);
  }
}
