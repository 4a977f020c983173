import { Controller, Get, Query, type StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { AuditEventsExportQueryDto, AuditEventsQueryDto } from './audit-events.dto';
import { AuditChainReportDto, AuditEventPageDto } from './dto/audit-response.dto';
import { AuditEventsService } from './audit-events.service';
import { AuditVerifyQueryDto } from './audit-verify.dto';
import { AuditVerifyService } from './audit-verify.service';
import { XLSX_TYPE } from '../ledgers/xlsx';

@ApiTags('留痕审计')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(
    private readonly verifier: AuditVerifyService,
    private readonly events: AuditEventsService,
  ) {}

  @Get('verify')
  @Roles('inspector', 'admin')
  @ApiOperation({
    summary:
      '校验留痕链：先封存未封存的链头，再校验签名检查点并逐条重算哈希（默认只校验上次校验后新增的，full=true 全量），' +
      '任何修改、插入、删除（含最新几条）或清空都会在断点处暴露',
  })
  @ApiOkResponse({ type: AuditChainReportDto })
  verify(@Query() query: AuditVerifyQueryDto): Promise<AuditChainReportDto> {
    return this.verifier.verify(query.full === 'true');
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
