import { singleFileUpload } from '../common/upload.interceptor';

export const MAX_WORKBOOK_BYTES = 10 * 1024 * 1024;

/** The part of multer's file the import reads. */
export interface UploadedWorkbook {
  originalname: string;
  size: number;
  buffer: Buffer;
}

export const WorkbookUploadInterceptor = singleFileUpload({
  maxBytes: MAX_WORKBOOK_BYTES,
  tooLarge: { code: 'WORKBOOK_TOO_LARGE', message: '比对结果表不能超过 10 MB，请分批上传' },
  expected: '一个 .xlsx 文件',
});
