import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/auth.decorators';
import { PageQueryDto, QueryBoolean } from '../common/pagination';
import { NotificationsService } from './notifications.service';

export class NotificationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: '只看未读' })
  @QueryBoolean()
  unread?: boolean;
}

@ApiTags('通知')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: '我的通知，最新在前' })
  list(@Query() query: NotificationQueryDto, @CurrentUser() user: AuthUser) {
    return this.notifications.list(user, query.unread ?? false, query.limit ?? 20, query.cursor);
  }

  @Get('unread-count')
  @ApiOperation({ summary: '未读通知数' })
  unreadCount(@CurrentUser() user: AuthUser) {
    return this.notifications.unreadCount(user);
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({ summary: '全部标为已读' })
  markAllRead(@CurrentUser() user: AuthUser) {
    return this.notifications.markAllRead(user);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: '标为已读' })
  markRead(@Param('id') id: string, @CurrentUser() user: AuthUser) {
    return this.notifications.markRead(id, user);
  }
}
