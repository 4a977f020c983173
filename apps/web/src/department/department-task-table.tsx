// The open tasks of one kind for the officer's department: the household, its village, the deadline, and a
// link to the task page where each is handled. Server-side keyset pages (上一页 / 下一页).

import { Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { formatDeadline } from '../cases/format';
import { Link } from 'react-router-dom';
import type { TaskKind } from '@libs/domain';
import { type DepartmentTask, useDepartmentTasks } from './department-tasks';
import { KeysetPager, useKeysetPages } from '../shared/keyset-pager';

function Due({ task }: { task: DepartmentTask }) {
  const left = task.workingDaysLeft;
  return (
    <Space size={4} wrap>
      <Typography.Text type={task.overdue ? 'danger' : undefined}>
        {formatDeadline(task.dueAt)}
      </Typography.Text>
      {task.overdue ? (
        <Tag color="red">已超期</Tag>
      ) : (
        typeof left === 'number' && <Tag color={left <= 1 ? 'orange' : undefined}>剩 {left} 个工作日</Tag>
      )}
    </Space>
  );
}

export function DepartmentTaskTable({
  kind,
  columns,
  action,
  caption,
}: {
  kind: TaskKind;
  /** The kind's own columns, between the household and the deadline. */
  columns: ColumnsType<DepartmentTask>;
  /** The link's text, what the officer does on the task page. */
  action: string;
  caption: string;
}) {
  const pages = useKeysetPages(kind);
  const page = useDepartmentTasks(kind, pages.cursor);
  const items = page.data?.items ?? [];
  return (
    <>
      <Table<DepartmentTask>
        rowKey="id"
        size="middle"
        loading={page.isFetching}
        dataSource={items}
        pagination={false}
        scroll={{ x: 760 }}
        locale={{ emptyText: `暂无${caption}` }}
        aria-label={caption}
        columns={[
          {
            title: '户主',
            key: 'household',
            render: (_, task) => (
              <Space size={4} wrap>
                {task.urgent && <Tag color="red">特事特办</Tag>}
                <span>{task.householdHead ?? '—'}</span>
                <Typography.Text type="secondary">{task.householdHeadIdNumber}</Typography.Text>
              </Space>
            ),
          },
          { title: '村(社区)', dataIndex: 'villageName', render: (v?: string) => v ?? '—' },
          ...columns,
          { title: '办理时限', key: 'due', render: (_, task) => <Due task={task} /> },
          {
            title: '认领人',
            dataIndex: 'assigneeName',
            render: (name: string | null) =>
              name ?? <Typography.Text type="secondary">未认领</Typography.Text>,
          },
          {
            title: '操作',
            key: 'action',
            fixed: 'right',
            render: (_, task) => <Link to={`/tasks/${encodeURIComponent(task.id)}`}>{action}</Link>,
          },
        ]}
      />
      <KeysetPager pages={pages} nextCursor={page.data?.nextCursor} />
    </>
  );
}
