import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, List, Popover, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import {
  notificationLink,
  useMarkRead,
  useNotifications,
  useUnreadCount,
  type NotificationItem,
} from './use-notifications';

/** The header's bell: the unread count, and the unread notifications in a list that leads to each task. */
export function NotificationBell() {
  const [open, setOpen] = useState(false);
  const count = useUnreadCount();
  const unread = useNotifications(true);
  const markRead = useMarkRead();
  const navigate = useNavigate();

  function follow(n: NotificationItem) {
    markRead.mutate(n.id);
    setOpen(false);
    const link = notificationLink(n);
    if (link) void navigate(link);
  }

  const content = (
    <div style={{ width: 320, maxWidth: '80vw' }}>
      <List
        size="small"
        dataSource={unread.data?.items ?? []}
        loading={unread.isPending}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有未读通知" /> }}
        renderItem={(n) => (
          <List.Item style={{ cursor: 'pointer' }} onClick={() => follow(n)}>
            <List.Item.Meta
              title={n.title}
              description={
                <>
                  <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>
                    {n.body}
                  </Typography.Paragraph>
                  <Typography.Text type="secondary">
                    {dayjs(n.createdAt).format('MM-DD HH:mm')}
                  </Typography.Text>
                </>
              }
            />
          </List.Item>
        )}
      />
      <div style={{ display: 'flex', justifyContent: 'space-between', paddingTop: 8 }}>
        <Button
          size="small"
          type="link"
          onClick={() => markRead.mutate('all')}
          disabled={!count.data?.unread}
        >
          全部标为已读
        </Button>
        <Button
          size="small"
          type="link"
          onClick={() => {
            setOpen(false);
            void navigate('/notifications');
          }}
        >
          查看全部
        </Button>
      </div>
    </div>
  );

  return (
    <Popover
      content={content}
      title="未读通知"
      trigger="click"
      open={open}
      onOpenChange={setOpen}
      placement="bottomRight"
    >
      <Badge count={count.data?.unread ?? 0} size="small" overflowCount={99}>
        <Button
          type="text"
          icon={<BellOutlined />}
          aria-label={`通知（${count.data?.unread ?? 0} 条未读）`}
        />
      </Badge>
    </Popover>
  );
}
