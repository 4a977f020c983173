import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import {
  PovertyLinePageDto,
  PutPovertyLineResponseDto,
  ReevaluateResponseDto,
} from './dto/admin-response.dto';
import { PovertyLinesQueryDto, PutPovertyLineDto, ReevaluateCasesDto } from './dto/poverty-line.dto';
import { PovertyLinesService } from './poverty-lines.service';

@ApiTags('系统管理：相对贫困线')
@ApiBearerAuth()
@Controller('admin/poverty-lines')
export class PovertyLinesController {
  constructor(private readonly lines: PovertyLinesService) {}

  @Get()
  @ApiOperation({
    summary: '相对贫困线标准：本辖区、下级及上级设定的各年度城镇/农村标准及算得的贫困线，最新年度在前',
  })
  @ApiOkResponse({ type: PovertyLinePageDto })
  list(@Query() query: PovertyLinesQueryDto, @CurrentUser() user: AuthUser): Promise<PovertyLinePageDto> {
    return this.lines.list(query, user);
  }

  @Put()
  @Roles('admin')
  @ApiOperation({
    summary: '设定某辖区某年度城镇或农村的相对贫困线（基数 × 比例，取整到元），返回受影响的在办案件数',
  })
  @ApiOkResponse({ type: PutPovertyLineResponseDto })
  put(@Body() body: PutPovertyLineDto, @CurrentUser() user: AuthUser): Promise<PutPovertyLineResponseDto> {
    return this.lines.put(body, user);
  }

  @Post('reevaluate')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: '通知该辖区（含下级）全部在办案件立即按现行相对贫困线重新评估' })
  @ApiOkResponse({ type: ReevaluateResponseDto })
  reevaluate(
    @Body() body: ReevaluateCasesDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ReevaluateResponseDto> {
    return this.lines.reevaluate(body, user);
  }
}
