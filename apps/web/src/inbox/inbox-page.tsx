import { Card, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';

export function InboxPage() {
  const tasks = useQuery({ queryKey: ['tasks', 'inbox'], queryFn: () => unwrap(api.GET('/tasks')) });
  return (
    <Card title="工作台">
      <Table
        rowKey="id"
        loading={tasks.isPending}
        dataSource={(tasks.data as unknown as { items?: { id: string }[] })?.items ?? []}
        columns={[{ title: '任务', dataIndex: 'kindLabel' }]}
      />
    </Card>
  );
}
