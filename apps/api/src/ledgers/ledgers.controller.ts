import { Controller, Get, Param, Query, type StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { LedgerParamDto, RecordsPageQueryDto, RecordsWindowQueryDto } from './dto/ledger-query.dto';
import { LedgerPageDto } from './dto/ledger-response.dto';
import { LedgersService } from './ledgers.service';

@ApiTags('三本台账')
@ApiBearerAuth()
@Controller('ledgers')
export class LedgersController {
  constructor(private readonly ledgers: LedgersService) {}

  @Get(':ledger')
  @Roles('countyOfficer', 'townshipReviewer', 'supervisor', 'inspector', 'admin', 'caseworker')
  @ApiOperation({
    summary:
      '台账（认定 / 帮扶 / 退出）：本辖区的登记事项，最新在前，可按日期（北京时间）和村(社区)筛选，翻页',
  })
  @ApiOkResponse({ type: LedgerPageDto })
  list(
    @Param() params: LedgerParamDto,
    @Query() query: RecordsPageQueryDto,
    @CurrentUser() user: AuthUser,
  ): Promise<LedgerPageDto> {
    return this.ledgers.list(params.ledger, query, user);
  }

  @Get(':ledger/export')
  @Roles('countyOfficer', 'townshipReviewer', 'supervisor', 'inspector', 'admin', 'caseworker')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: '导出台账 CSV（UTF-8，可用 Excel 直接打开），按登记时间先后排列' })
  @ApiOkResponse({ description: 'CSV 文件（UTF-8）', schema: { type: 'string', format: 'binary' } })
  export(
    @Param() params: LedgerParamDto,
    @Query() query: RecordsWindowQueryDto,
    @CurrentUser() user: AuthUser,
  ): Promise<StreamableFile> {
    return this.ledgers.export(params.ledger, query, user);
  }
}
