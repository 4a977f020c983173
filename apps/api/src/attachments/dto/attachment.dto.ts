import { ApiProperty } from '@nestjs/swagger';
import { ATTACHMENT_TYPES } from '../attachment-file';

/** An attachment's metadata, as uploads and lists answer it (the bytes come from the download). */
export class AttachmentDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid', description: '所属案件' })
  caseId!: string;

  @ApiProperty({ example: '入户调查-住房.jpg', description: '上传时的文件名' })
  fileName!: string;

  @ApiProperty({ enum: ATTACHMENT_TYPES, description: '按文件内容识别的类型' })
  contentType!: string;

  @ApiProperty({ example: 482113, description: '字节数（不超过 10 MB）' })
  size!: number;

  @ApiProperty({
    example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    description: 'SHA-256（十六进制），可用于核对下载内容',
  })
  sha256!: string;

  @ApiProperty({ format: 'date-time' })
  uploadedAt!: string;

  @ApiProperty({ format: 'uuid', description: '上传人的用户 id' })
  uploadedBy!: string;
}
