import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { CasesService } from './cases.service';
import { CreateCaseDto } from './dto/create-case.dto';

@ApiTags('案件')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Post()
  @Roles('caseworker', 'townshipReviewer', 'countyOfficer')
  @ApiOperation({ summary: '个人申报：登记家庭并启动案件流程，返回时首个任务（入户调查）已在待办中' })
  create(@Body() body: CreateCaseDto, @CurrentUser() user: AuthUser) {
    return this.cases.create(body, user);
  }

  @Get(':id')
  @ApiOperation({ summary: '案件详情：阶段、家庭成员（证件号脱敏）、任务' })
  findOne(@Param('id') id: string, @CurrentUser() user: AuthUser) {
    return this.cases.findOne(id, user);
  }

  @Get(':id/history')
  @ApiOperation({ summary: '案件全程留痕：谁、何时、以何角色做了什么及理由' })
  history(@Param('id') id: string, @CurrentUser() user: AuthUser) {
    return this.cases.history(id, user);
  }
}
