import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { JurisdictionResponseDto } from './dto/admin-response.dto';
import { CreateJurisdictionDto, UpdateJurisdictionDto } from './dto/jurisdiction.dto';
import { JurisdictionsService } from './jurisdictions.service';

@ApiTags('系统管理：行政区划')
@ApiBearerAuth()
@Controller('admin/jurisdictions')
export class JurisdictionsController {
  constructor(private readonly jurisdictions: JurisdictionsService) {}

  @Get()
  @ApiOperation({ summary: '本辖区及下级的行政区划：按路径排序的平铺列表（每项紧随其上级）' })
  @ApiOkResponse({ type: [JurisdictionResponseDto] })
  list(@CurrentUser() user: AuthUser): Promise<JurisdictionResponseDto[]> {
    return this.jurisdictions.list(user);
  }

  @Get(':id')
  @ApiOperation({ summary: '行政区划详情' })
  @ApiOkResponse({ type: JurisdictionResponseDto })
  findOne(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<JurisdictionResponseDto> {
    return this.jurisdictions.findOne(id, user);
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: '新增下级区划：层级须比上级低一级，区划代码重复返回 409' })
  @ApiCreatedResponse({ type: JurisdictionResponseDto })
  create(
    @Body() body: CreateJurisdictionDto,
    @CurrentUser() user: AuthUser,
  ): Promise<JurisdictionResponseDto> {
    return this.jurisdictions.create(body, user);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ summary: '修改区划名称' })
  @ApiOkResponse({ type: JurisdictionResponseDto })
  update(
    @Param('id') id: string,
    @Body() body: UpdateJurisdictionDto,
    @CurrentUser() user: AuthUser,
  ): Promise<JurisdictionResponseDto> {
    return this.jurisdictions.update(id, body, user);
  }
}
