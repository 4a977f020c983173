// What GET /cases/:id/history answers: the case's audit events, each with what it means to an inspector.

import { ApiProperty } from '@nestjs/swagger';
import { HISTORY_KINDS, type HistoryKind } from '../audit-event-view';
import { AuditEventDto } from './audit-response.dto';

/** An attachment an event cites, with where to fetch it. */
export class CitedAttachmentDto {
  @ApiProperty({ description: '附件编号' }) id!: string;
  @ApiProperty({ type: String, nullable: true, description: '文件名；案件中已无此附件时为 null' })
  fileName!: string | null;
  @ApiProperty({ type: String, nullable: true }) contentType!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '下载地址（API 路径）' }) href!: string | null;
}

/** 全程留痕 one event of a case's history, with what it means to an inspector and the evidence it cites. */
export class CaseHistoryEventDto extends AuditEventDto {
  @ApiProperty({
    enum: HISTORY_KINDS,
    description:
      'decision 决定（登记、评估、办理任务、办结），override 比对命中排除，refusal 被拒的操作（亲属回避、重复申请），' +
      'personalData 查看完整个人信息（含被拒），reassignment 认领、退回、指派、转交，urgency 标记紧急、调整时限、督办，record 其他记录',
  })
  kind!: HistoryKind;
  @ApiProperty({
    description: '需要关注：比对命中排除、亲属回避拒绝、重复申请被拒、查看个人信息被拒、公示期异议',
  })
  flagged!: boolean;
  @ApiProperty({ type: [CitedAttachmentDto], description: '所依据的附件（决定表单或排除证据中引用的）' })
  attachments!: CitedAttachmentDto[];
}
