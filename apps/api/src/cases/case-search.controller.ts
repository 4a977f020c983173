// 案件查询 and 流程进度: the web UI's case list (我发起的 among it) and a case's progress, in the caller's scope.

import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/auth.decorators';
import { CaseProgressService } from './case-progress.service';
import { CaseSearchService } from './case-search.service';
import { CaseProgressDto } from './dto/case-progress.dto';
import { CaseSearchPageDto, CaseSearchQueryDto } from './dto/case-search.dto';

@ApiTags('案件')
@ApiBearerAuth()
@Controller('cases')
export class CaseSearchController {
  constructor(
    private readonly search: CaseSearchService,
    private readonly progressOf: CaseProgressService,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      '案件查询：本人辖区内（部门经办人为本部门经手）的案件，最近登记的在前；可按户主姓名、身份证号、村、阶段、状态、紧急、登记日期、我发起的筛选并翻页（按身份证号查询记入留痕）',
  })
  @ApiOkResponse({ type: CaseSearchPageDto })
  list(@Query() query: CaseSearchQueryDto, @CurrentUser() user: AuthUser): Promise<CaseSearchPageDto> {
    return this.search.search(query, user);
  }

  @Get(':id/progress')
  @ApiOperation({
    summary: '流程进度：各阶段已完成、进行中或未开始，进入与离开时间，当前阶段的待办任务及时限',
  })
  @ApiOkResponse({ type: CaseProgressDto })
  progress(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<CaseProgressDto> {
    return this.progressOf.progress(id, user);
  }
}
