import { singleFileUpload } from '../common/upload.interceptor';
import { MAX_ATTACHMENT_BYTES } from './attachment-file';

export const AttachmentUploadInterceptor = singleFileUpload({
  maxBytes: MAX_ATTACHMENT_BYTES,
  tooLarge: { code: 'ATTACHMENT_TOO_LARGE', message: '附件不能超过 10 MB' },
  expected: '一个文件',
});
