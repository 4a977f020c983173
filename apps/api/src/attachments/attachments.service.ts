// 附件 attachments: photos of a home survey, evidence for a hit override or an objection investigation.
// Kept in the database beside the case, each upload recorded in the audit log.

import { createHash, randomUUID } from 'node:crypto';
import { Injectable, StreamableFile } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  type AttachmentMetadata,
  AttachmentsRepository,
  appendAuditEvent,
  CasesRepository,
} from '@libs/persistence';
import { type AuthUser, actorOf } from '../auth/auth-user';
import { findCaseInScope } from '../cases/case-access';
import { AppException } from '../common/app.exception';
import {
  MAX_ATTACHMENT_BYTES,
  checkAttachmentType,
  cleanFileName,
  contentDisposition,
} from './attachment-file';
import type { AttachmentDto } from './dto/attachment.dto';

/** What the upload interceptor hands over (multer's memory storage). */
export interface UploadedAttachment {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

function attachmentView(row: AttachmentMetadata): AttachmentDto {
  return {
    id: row.id,
    caseId: row.case_id,
    fileName: row.file_name,
    contentType: row.content_type,
    size: row.size,
    sha256: row.sha256,
    uploadedAt: row.uploaded_at.toISOString(),
    uploadedBy: row.uploaded_by,
  };
}

const fileError = (code: string, status: number, message: string, fieldMessage: string) =>
  new AppException(code, status, message, { errors: [{ field: 'file', message: fieldMessage }] });

@Injectable()
export class AttachmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly attachments: AttachmentsRepository,
    private readonly cases: CasesRepository,
  ) {}

  async upload(caseId: string, file: UploadedAttachment | undefined, user: AuthUser): Promise<AttachmentDto> {
    await findCaseInScope(this.dataSource, this.cases, caseId, user);
    if (!file) {
      throw fileError('ATTACHMENT_REQUIRED', 400, '请在 file 字段上传一个文件', '必填');
    }
    if (file.size === 0) {
      throw fileError('ATTACHMENT_EMPTY', 400, '上传的文件是空的', '文件为空');
    }
    if (file.size > MAX_ATTACHMENT_BYTES) {
      throw fileError('ATTACHMENT_TOO_LARGE', 413, '附件不能超过 10 MB', '超过 10 MB');
    }
    const type = checkAttachmentType(file.mimetype, file.buffer);
    if (!type.ok) {
      throw type.reason === 'mismatch'
        ? fileError(
            'ATTACHMENT_TYPE_MISMATCH',
            415,
            `文件内容与声明的类型（${file.mimetype}）不符，只接受 JPEG、PNG、WebP、HEIC 图片或 PDF 文件`,
            '内容与类型不符',
          )
        : fileError(
            'UNSUPPORTED_ATTACHMENT_TYPE',
            415,
            '只接受 JPEG、PNG、WebP、HEIC 图片或 PDF 文件',
            '文件类型不支持',
          );
    }

    const id = randomUUID();
    const fileName = cleanFileName(file.originalname);
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    const row = await this.dataSource.transaction(async (manager) => {
      // A case closed meanwhile takes no more evidence; the lock keeps it open until this commits.
      if ((await this.cases.shareStatus(manager, caseId))?.status !== 'open') {
        throw new AppException('CASE_CLOSED', 409, `案件 ${caseId} 已办结，不能再上传附件`);
      }
      const inserted = await this.attachments.insert(manager, {
        id,
        caseId,
        fileName,
        contentType: type.contentType,
        size: file.size,
        sha256,
        content: file.buffer,
        uploadedBy: user.userId,
      });
      await appendAuditEvent(manager, {
        eventKey: `${id}:uploaded`,
        actor: actorOf(user),
        action: 'attachment.uploaded',
        entityType: 'attachment',
        entityId: id,
        caseId,
        before: null,
        after: { fileName, contentType: type.contentType, size: file.size, sha256 },
      });
      return inserted;
    });
    return attachmentView(row);
  }

  async list(caseId: string, user: AuthUser): Promise<AttachmentDto[]> {
    await findCaseInScope(this.dataSource, this.cases, caseId, user);
    return (await this.attachments.findOfCase(this.dataSource, caseId)).map(attachmentView);
  }

  async download(caseId: string, attachmentId: string, user: AuthUser): Promise<StreamableFile> {
    await findCaseInScope(this.dataSource, this.cases, caseId, user);
    const row = await this.attachments.findWithContent(this.dataSource, caseId, attachmentId);
    if (!row) {
      throw new AppException('ATTACHMENT_NOT_FOUND', 404, `案件 ${caseId} 下没有附件 ${attachmentId}`);
    }
    return new StreamableFile(row.content, {
      type: row.content_type,
      length: row.size,
      disposition: contentDisposition(row.file_name),
    });
  }
}
