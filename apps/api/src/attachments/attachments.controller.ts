import {
  Controller,
  Get,
  Header,
  Param,
  Post,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { ATTACHMENT_TYPES } from './attachment-file';
import { UPLOAD_FIELD } from '../common/upload.interceptor';
import { AttachmentUploadInterceptor } from './attachment-upload.interceptor';
import { AttachmentsService, type UploadedAttachment } from './attachments.service';
import { AttachmentDto } from './dto/attachment.dto';

@ApiTags('附件')
@ApiBearerAuth()
@Controller('cases/:caseId/attachments')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Post()
  @Roles('caseworker', 'townshipReviewer', 'countyOfficer', 'departmentOfficer')
  @UseInterceptors(AttachmentUploadInterceptor)
  @ApiOperation({
    summary:
      '上传附件（入户调查照片、比对命中核实或异议调查的佐证）：JPEG、PNG、WebP、HEIC 图片或 PDF，不超过 10 MB，' +
      '按文件内容识别类型；案件须在办且在本辖区内，记入留痕',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: [UPLOAD_FIELD],
      properties: { [UPLOAD_FIELD]: { type: 'string', format: 'binary', description: '一个文件' } },
    },
  })
  @ApiCreatedResponse({ type: AttachmentDto })
  upload(
    @Param('caseId') caseId: string,
    @UploadedFile() file: UploadedAttachment | undefined,
    @CurrentUser() user: AuthUser,
  ): Promise<AttachmentDto> {
    return this.attachments.upload(caseId, file, user);
  }

  @Get()
  @ApiOperation({ summary: '案件的附件清单（不含文件内容），按上传时间排列' })
  @ApiOkResponse({ type: [AttachmentDto] })
  list(@Param('caseId') caseId: string, @CurrentUser() user: AuthUser): Promise<AttachmentDto[]> {
    return this.attachments.list(caseId, user);
  }

  @Get(':attachmentId')
  // Personal evidence: not kept by shared caches, and never sniffed into something executable.
  @Header('Cache-Control', 'private, no-store')
  @Header('X-Content-Type-Options', 'nosniff')
  @ApiOperation({ summary: '下载附件：原文件内容，带文件名（支持中文）' })
  @ApiProduces(...ATTACHMENT_TYPES)
  @ApiOkResponse({ description: '文件内容', schema: { type: 'string', format: 'binary' } })
  download(
    @Param('caseId') caseId: string,
    @Param('attachmentId') attachmentId: string,
    @CurrentUser() user: AuthUser,
  ): Promise<StreamableFile> {
    return this.attachments.download(caseId, attachmentId, user);
  }
}
