// What the notification routes answer.

import { ApiProperty } from '@nestjs/swagger';

export class NotificationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'taskOverdue', description: '通知类型' }) kind!: string;
  @ApiProperty({ description: '标题' }) title!: string;
  @ApiProperty({ description: '内容（个人信息脱敏）' }) body!: string;
  @ApiProperty({ type: String, nullable: true, description: '相关案件' }) caseId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '相关任务' }) taskId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '已读时间；未读为 null' })
  readAt!: string | null;
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationDto] }) items!: NotificationDto[];
  @ApiProperty({ type: String, nullable: true, description: '下一页游标；没有下一页时为 null' })
  nextCursor!: string | null;
}

export class UnreadCountDto {
  @ApiProperty({ description: '未读通知数' }) unread!: number;
}

export class MarkedReadDto {
  @ApiProperty({ description: '本次标为已读的通知数' }) marked!: number;
}
