import { Button, Card, List, Segmented, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { KeysetPager, useKeysetPages } from '../shared/keyset-pager';
import { notificationLink, useMarkRead, useNotifications } from './use-notifications';

/** 通知: all of them or the unread, newest first, each linking to its task or case. */
export function NotificationsPage() {
  const [unread, setUnread] = useState(false);
  const pages = useKeysetPages(String(unread));
  const list = useNotifications(unread, pages.cursor);
  const markRead = useMarkRead();

  return (
    <Card
      title="通知"
      extra={
        <Space wrap>
          <Segmented
            options={[
              { label: '全部', value: 'all' },
              { label: '未读', value: 'unread' },
            ]}
            value={unread ? 'unread' : 'all'}
            onChange={(v) => setUnread(v === 'unread')}
          />
          <Button onClick={() => markRead.mutate('all')}>全部标为已读</Button>
        </Space>
      }
    >
      <List
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        renderItem={(n) => {
          const link = notificationLink(n);
          return (
            <List.Item
              actions={[
                !n.readAt && (
                  <Button key="read" type="link" size="small" onClick={() => markRead.mutate(n.id)}>
                    标为已读
                  </Button>
                ),
              ]}
            >
              <List.Item.Meta
                title={
                  <Space>
                    {!n.readAt && <Tag color="blue">未读</Tag>}
                    {link ? (
                      <Link to={link} onClick={() => !n.readAt && markRead.mutate(n.id)}>
                        {n.title}
                      </Link>
                    ) : (
                      n.title
                    )}
                  </Space>
                }
                description={
                  <>
                    <Typography.Paragraph style={{ marginBottom: 0 }}>{n.body}</Typography.Paragraph>
                    <Typography.Text type="secondary">
                      {dayjs(n.createdAt).format('YYYY-MM-DD HH:mm')}
                    </Typography.Text>
                  </>
                }
              />
            </List.Item>
          );
        }}
      />
      <KeysetPager pages={pages} nextCursor={list.data?.nextCursor} />
    </Card>
  );
}
