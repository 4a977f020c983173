import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { returningRows } from '@libs/persistence';
import type { AuthUser } from '../auth/auth-user';
import { AppException } from '../common/app.exception';
import { decodeTimeCursor, keysetPage } from '../common/pagination';

interface NotificationRow {
  id: string;
  kind: string;
  title: string;
  body: string;
  case_id: string | null;
  task_id: string | null;
  created_at: Date;
  read_at: Date | null;
}

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
  constructor(private readonly dataSource: DataSource) {}

  /** My notifications, newest first, one keyset page. */
  async list(user: AuthUser, unreadOnly: boolean, limit: number, before?: string) {
    const params: unknown[] = [user.userId];
    const where = ['user_id = $1'];
    if (unreadOnly) where.push('read_at IS NULL');
    if (before) {
      const { at, id } = decodeTimeCursor(before);
      params.push(at, id);
      where.push(`(created_at, id) < ($2, $3)`);
    }
    params.push(limit + 1);
    const rows: NotificationRow[] = await this.dataSource.query(
      `SELECT id, kind, title, body, case_id, task_id, created_at, read_at FROM notifications
       WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT $${params.length}`,
      params,
    );
    return keysetPage(rows, limit, view, (last) => [last.created_at.toISOString(), last.id]);
  }

  async unreadCount(user: AuthUser): Promise<{ unread: number }> {
    const [row] = await this.dataSource.query(
      'SELECT count(*)::int AS unread FROM notifications WHERE user_id = $1 AND read_at IS NULL',
      [user.userId],
    );
    return row;
  }

  async markRead(id: string, user: AuthUser) {
    const [row] = await returningRows<NotificationRow>(
      this.dataSource.manager,
      `UPDATE notifications SET read_at = coalesce(read_at, now())
       WHERE id::text = $1 AND user_id = $2
       RETURNING id, kind, title, body, case_id, task_id, created_at, read_at`,
      [id, user.userId],
    );
    if (!row) throw new AppException('NOTIFICATION_NOT_FOUND', 404, `通知 ${id} 不存在`);
    return view(row);
  }

  async markAllRead(user: AuthUser): Promise<{ marked: number }> {
    const rows = await returningRows(
      this.dataSource.manager,
      'UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL RETURNING id',
      [user.userId],
    );
    return { marked: rows.length };
  }
}
