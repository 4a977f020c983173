// Reads the uploaded 比对请求表 into memory (multer) and reports multer's refusals the project's way:
// a Chinese message naming the field, instead of multer's English text.

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

export const WORKBOOK_FIELD = 'file';
export const MAX_WORKBOOK_BYTES = 10 * 1024 * 1024;

/** The part of multer's file the import reads. */
export interface UploadedWorkbook {
  originalname: string;
  size: number;
  buffer: Buffer;
}

const MultipartWorkbook = FileInterceptor(WORKBOOK_FIELD, {
  // No storage and no dest: multer keeps the file in memory (file.buffer). A Chinese file name arrives
  // as raw UTF-8 in the part header; multer would read it as Latin-1.
  defParamCharset: 'utf8',
  limits: { fileSize: MAX_WORKBOOK_BYTES, files: 1, fields: 10, parts: 12 },
});

@Injectable()
export class WorkbookUploadInterceptor implements NestInterceptor {
  private readonly multipart = new MultipartWorkbook();

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await this.multipart.intercept(context, next);
    } catch (error) {
      if (error instanceof PayloadTooLargeException) {
        throw new AppException('WORKBOOK_TOO_LARGE', 413, '比对结果表不能超过 10 MB，请分批上传', {
          errors: [{ field: WORKBOOK_FIELD, message: '超过 10 MB' }],
        });
      }
      if (error instanceof BadRequestException) {
        throw new AppException(
          'INVALID_UPLOAD',
          400,
          '上传内容有误：请以 multipart/form-data 在 file 字段上传一个 .xlsx 文件',
          { errors: [{ field: WORKBOOK_FIELD, message: '只能上传一个文件' }] },
        );
      }
      throw error;
    }
  }
}
