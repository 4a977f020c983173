// Reads the one file of an upload into memory (multer), and reports multer's refusals the project's
// way: a Chinese message naming the field, instead of multer's English text.

import {
  BadRequestException,
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  PayloadTooLargeException,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Observable } from 'rxjs';
import { AppException } from '../common/app.exception';
import { MAX_ATTACHMENT_BYTES } from './attachment-file';

export const ATTACHMENT_FIELD = 'file';

const MultipartFile = FileInterceptor(ATTACHMENT_FIELD, {
  // No storage and no dest: multer keeps the file in memory (file.buffer), which the service stores.
  // Browsers send a Chinese file name as raw UTF-8 in the part header; multer would read it as Latin-1.
  defParamCharset: 'utf8',
  limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 10, parts: 12 },
});

@Injectable()
export class AttachmentUploadInterceptor implements NestInterceptor {
  private readonly multipart = new MultipartFile();

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await this.multipart.intercept(context, next);
    } catch (error) {
      if (error instanceof PayloadTooLargeException) {
        throw new AppException('ATTACHMENT_TOO_LARGE', 413, '附件不能超过 10 MB', {
          errors: [{ field: ATTACHMENT_FIELD, message: '超过 10 MB' }],
        });
      }
      if (error instanceof BadRequestException) {
        throw new AppException(
          'INVALID_UPLOAD',
          400,
          '上传内容有误：请以 multipart/form-data 在 file 字段上传一个文件',
          { errors: [{ field: ATTACHMENT_FIELD, message: '只能上传一个文件' }] },
        );
      }
      throw error;
    }
  }
}
