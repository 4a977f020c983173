import { Body, Controller, Get, Param, Post, Query, type StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { LedgerCorrectionDto, LedgerEntryParamDto } from './dto/ledger-correction.dto';
import { LedgerExportQueryDto, LedgerParamDto, RecordsPageQueryDto } from './dto/ledger-query.dto';
import { LedgerCorrectionResultDto, LedgerPageDto } from './dto/ledger-response.dto';
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
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({
    summary:
      '导出台账：CSV（UTF-8，可用 Excel 直接打开）或 xlsx（format=xlsx），按登记时间先后排列；每次导出记入留痕',
  })
  @ApiOkResponse({ description: 'CSV 或 xlsx 文件', schema: { type: 'string', format: 'binary' } })
  export(
    @Param() params: LedgerParamDto,
    @Query() query: LedgerExportQueryDto,
    @CurrentUser() user: AuthUser,
  ): Promise<StreamableFile> {
    return this.ledgers.export(params.ledger, query, user);
  }

  @Post(':ledger/entries/:id/corrections')
  @Roles('countyOfficer')
  @ApiOperation({
    summary: '更正登记事项（县中心）：原条目保留不改，新增一条更正登记，写明更正内容和理由，记入留痕',
  })
  @ApiCreatedResponse({ type: LedgerCorrectionResultDto })
  correct(
    @Param() params: LedgerEntryParamDto,
    @Body() body: LedgerCorrectionDto,
    @CurrentUser() user: AuthUser,
  ): Promise<LedgerCorrectionResultDto> {
    return this.ledgers.correct(params.ledger, params.id, body, user);
  }
}
