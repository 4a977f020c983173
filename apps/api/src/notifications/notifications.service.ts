import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type NotificationRow, NotificationsRepository } from '@libs/persistence';
import type { AuthUser } from '../auth/auth-user';
import { AppException } from '../common/app.exception';
import { decodeTimeCursor, keysetPage } from '../common/pagination';

function view(row: NotificationRow) {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    caseId: row.case_id,
    taskId: row.task_id,
    createdAt: row.created_at.toISOString(),
    readAt: row.read_at?.toISOString() ?? null,
  };
}

@Injectable()
export class NotificationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationsRepository,
  ) {}

  /** My notifications, newest first, one keyset page. */
  async list(user: AuthUser, unreadOnly: boolean, limit: number, before?: string) {
    const rows = await this.notifications.findPageForUser(
      this.dataSource,
      user.userId,
      unreadOnly,
      before ? decodeTimeCursor(before) : undefined,
      limit + 1,
    );
    return keysetPage(rows, limit, view, (last) => [last.created_at.toISOString(), last.id]);
  }

  async unreadCount(user: AuthUser): Promise<{ unread: number }> {
    return { unread: await this.notifications.countUnread(this.dataSource, user.userId) };
  }

  async markRead(id: string, user: AuthUser) {
    const row = await this.notifications.markRead(this.dataSource, user.userId, id);
    if (!row) throw new AppException('NOTIFICATION_NOT_FOUND', 404, `通知 ${id} 不存在`);
    return view(row);
  }

  async markAllRead(user: AuthUser): Promise<{ marked: number }> {
    return { marked: await this.notifications.markAllRead(this.dataSource, user.userId) };
  }
}
