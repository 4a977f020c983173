import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/auth.decorators';
import { NoticeSheetDto } from './notice-sheet.dto';
import { NoticeSheetsService } from './notice-sheets.service';

@ApiTags('任务')
@ApiBearerAuth()
@Controller('tasks')
export class NoticeSheetsController {
  constructor(private readonly sheets: NoticeSheetsService) {}

  @Get(':id/notice-sheet')
  @ApiOperation({
    summary: '公示名单：村内公示任务所在村待公示的农户（户主姓名、脱敏身份证号、家庭人口），供打印张贴',
  })
  @ApiOkResponse({ type: NoticeSheetDto })
  sheet(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<NoticeSheetDto> {
    return this.sheets.sheet(id, user);
  }
}
