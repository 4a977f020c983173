import {
  Controller,
  Get,
  Header,
  HttpCode,
  Post,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { DataChecksService, XLSX_TYPE } from './data-checks.service';
import { RevealsPersonalData } from '../common/personal-data.interceptor';
import { UPLOAD_FIELD } from '../common/upload.interceptor';
import { WorkbookImportResultDto } from './dto/workbook-import-result.dto';
import { type UploadedWorkbook, WorkbookUploadInterceptor } from './workbook-upload.interceptor';

@ApiTags('大数据比对')
@ApiBearerAuth()
@Controller('data-checks')
export class DataChecksController {
  constructor(private readonly dataChecks: DataChecksService) {}

  @Get('workbook')
  @Roles('departmentOfficer')
  // A reveal of ID numbers (mayReveal): only the department's open requests, each download audited.
  @RevealsPersonalData()
  // Full ID numbers: not kept by shared caches.
  @Header('Cache-Control', 'private, no-store')
  @Header('X-Content-Type-Options', 'nosniff')
  @ApiOperation({
    summary:
      '下载比对请求表：本部门、本辖区全部待比对的家庭成员（含完整身份证号，供部门比对），' +
      '附填写说明；每次下载记入留痕',
  })
  @ApiProduces(XLSX_TYPE)
  @ApiOkResponse({ description: 'Excel 工作簿（.xlsx）', schema: { type: 'string', format: 'binary' } })
  exportWorkbook(@CurrentUser() user: AuthUser): Promise<StreamableFile> {
    return this.dataChecks.exportWorkbook(user);
  }

  @Post('workbook')
  @HttpCode(200)
  @Roles('departmentOfficer')
  @UseInterceptors(WorkbookUploadInterceptor)
  @ApiOperation({
    summary:
      '上传填好的比对请求表（.xlsx，不超过 10 MB）：全体成员都已填写的户办结，' +
      '返回已办结、未填完、未能对应的行和办理失败的户；同一文件重复上传不会重复办理',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: [UPLOAD_FIELD],
      properties: { [UPLOAD_FIELD]: { type: 'string', format: 'binary', description: '填好的比对请求表' } },
    },
  })
  @ApiOkResponse({ type: WorkbookImportResultDto })
  importWorkbook(
    @UploadedFile() file: UploadedWorkbook | undefined,
    @CurrentUser() user: AuthUser,
  ): Promise<WorkbookImportResultDto> {
    return this.dataChecks.importWorkbook(file, user);
  }
}
