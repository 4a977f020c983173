import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Popover, Spin } from 'antd';
import { Suspense, lazy, useState } from 'react';
import { useUnreadCount } from './use-notifications';

// The list loads with its first opening: the header is on every page, the list only when asked for.
const UnreadNotifications = lazy(() =>
  import('./unread-notifications').then((m) => ({ default: m.UnreadNotifications })),
);

/** The header's bell: the unread count, and the unread notifications in a list that leads to each task. */
export function NotificationBell() {
  const [open, setOpen] = useState(false);
  const count = useUnreadCount();
  const unread = count.data?.unread ?? 0;

  return (
    <Popover
      content={
        <Suspense fallback={<Spin />}>
          <UnreadNotifications unread={unread} close={() => setOpen(false)} />
        </Suspense>
      }
      title="未读通知"
      trigger="click"
      open={open}
      onOpenChange={setOpen}
      placement="bottomRight"
      destroyOnHidden
    >
      <Badge count={unread} size="small" overflowCount={99}>
        <Button type="text" icon={<BellOutlined />} aria-label={`通知（${unread} 条未读）`} />
      </Badge>
    </Popover>
  );
}
