import { Controller, Get, Query, type StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { RecordsPageQueryDto, RecordsWindowQueryDto } from './dto/ledger-query.dto';
import { OverridePageDto } from './dto/ledger-response.dto';
import { InspectionService } from './inspection.service';

@ApiTags('督查问责')
@ApiBearerAuth()
@Controller('inspection')
export class InspectionController {
  constructor(private readonly inspection: InspectionService) {}

  @Get('overrides')
  @Roles('inspector', 'admin', 'countyOfficer', 'supervisor')
  @ApiOperation({
    summary: '比对命中排除记录：本辖区内谁在何时以何理由排除了哪些反向标准命中，最新在前，翻页',
  })
  @ApiOkResponse({ type: OverridePageDto })
  overrides(@Query() query: RecordsPageQueryDto, @CurrentUser() user: AuthUser): Promise<OverridePageDto> {
    return this.inspection.overrides(query, user);
  }

  @Get('overrides/export')
  @Roles('inspector', 'admin', 'countyOfficer', 'supervisor')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: '导出比对命中排除记录 CSV（UTF-8，可用 Excel 直接打开）' })
  @ApiOkResponse({ description: 'CSV 文件（UTF-8）', schema: { type: 'string', format: 'binary' } })
  exportOverrides(
    @Query() query: RecordsWindowQueryDto,
    @CurrentUser() user: AuthUser,
  ): Promise<StreamableFile> {
    return this.inspection.exportOverrides(query, user);
  }
}
