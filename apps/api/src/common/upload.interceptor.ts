// Reads the one file of an upload into memory (multer), and reports multer's refusals the project's way:
// a Chinese message naming the field, instead of multer's English text.

import {
  BadRequestException,
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  PayloadTooLargeException,
  type Type,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Observable } from 'rxjs';
import { AppException } from './app.exception';

/** Every upload sends its one file in this multipart field. */
export const UPLOAD_FIELD = 'file';

export interface UploadLimits {
  maxBytes: number;
  /** The refusal of a file over maxBytes: its code and Chinese message. */
  tooLarge: { code: string; message: string };
  /** What the field should hold, in Chinese, e.g. 一个 .xlsx 文件. */
  expected: string;
}

/** An interceptor class for one file of at most `maxBytes`, kept in memory (file.buffer). */
export function singleFileUpload(limits: UploadLimits): Type<NestInterceptor> {
  const Multipart = FileInterceptor(UPLOAD_FIELD, {
    // No storage and no dest: multer keeps the file in memory. Browsers send a Chinese file name as raw
    // UTF-8 in the part header; multer would read it as Latin-1.
    defParamCharset: 'utf8',
    limits: { fileSize: limits.maxBytes, files: 1, fields: 10, parts: 12 },
  });

  @Injectable()
  class SingleFileUpload implements NestInterceptor {
    private readonly multipart = new Multipart();

    async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
      try {
        return await this.multipart.intercept(context, next);
      } catch (error) {
        const megabytes = Math.round(limits.maxBytes / 1024 / 1024);
        if (error instanceof PayloadTooLargeException) {
          throw new AppException(limits.tooLarge.code, 413, limits.tooLarge.message, {
            errors: [{ field: UPLOAD_FIELD, message: `超过 ${megabytes} MB` }],
          });
        }
        if (error instanceof BadRequestException) {
          throw new AppException(
            'INVALID_UPLOAD',
            400,
            `上传内容有误：请以 multipart/form-data 在 ${UPLOAD_FIELD} 字段上传${limits.expected}`,
            { errors: [{ field: UPLOAD_FIELD, message: '只能上传一个文件' }] },
          );
        }
        throw error;
      }
    }
  }
  return SingleFileUpload;
}
