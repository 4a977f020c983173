import { Button, Empty, List, Typography } from 'antd';
import dayjs from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { notificationLink, useMarkRead, useNotifications, type NotificationItem } from './use-notifications';

/** The bell's list: the unread notifications, each leading to its task or case. */
export function UnreadNotifications({ unread, close }: { unread: number; close: () => void }) {
  const list = useNotifications(true);
  const markRead = useMarkRead();
  const navigate = useNavigate();

  function follow(n: NotificationItem) {
    markRead.mutate(n.id);
    close();
    const link = notificationLink(n);
    if (link) void navigate(link);
  }

  return (
    <div style={{ width: 320, maxWidth: '80vw' }}>
      <List
        size="small"
        dataSource={list.data?.items ?? []}
        loading={list.isPending}
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
        <Button size="small" type="link" onClick={() => markRead.mutate('all')} disabled={!unread}>
          全部标为已读
        </Button>
        <Button
          size="small"
          type="link"
          onClick={() => {
            close();
            void navigate('/notifications');
          }}
        >
          查看全部
        </Button>
      </div>
    </div>
  );
}
