import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/auth.decorators';
import { PageQueryDto, QueryBoolean } from '../common/pagination';
import {
  MarkedReadDto,
  NotificationDto,
  NotificationPageDto,
  UnreadCountDto,
} from './dto/notification-response.dto';
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
  @ApiOkResponse({ type: NotificationPageDto })
  list(@Query() query: NotificationQueryDto, @CurrentUser() user: AuthUser): Promise<NotificationPageDto> {
    return this.notifications.list(user, query.unread ?? false, query.limit ?? 20, query.cursor);
  }

  @Get('unread-count')
  @ApiOperation({ summary: '未读通知数' })
  @ApiOkResponse({ type: UnreadCountDto })
  unreadCount(@CurrentUser() user: AuthUser): Promise<UnreadCountDto> {
    return this.notifications.unreadCount(user);
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({ summary: '全部标为已读' })
  @ApiOkResponse({ type: MarkedReadDto })
  markAllRead(@CurrentUser() user: AuthUser): Promise<MarkedReadDto> {
    return this.notifications.markAllRead(user);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: '标为已读' })
  @ApiOkResponse({ type: NotificationDto, description: '标为已读后的通知' })
  markRead(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<NotificationDto> {
    return this.notifications.markRead(id, user);
  }
}
