// 待办任务 the case's open tasks: who is to act and by when, each opening its task page.

import { Card, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { CaseTask } from './case-api';
import { formatDeadline } from './format';

export function CaseTasks({ tasks }: { tasks: CaseTask[] }) {
  const open = tasks.filter((t) => t.status === 'open');
  return (
    <Card title={`待办任务（${open.length}）`}>
      <List
        size="small"
        locale={{ emptyText: '没有待办任务' }}
        dataSource={open}
        renderItem={(t) => (
          <List.Item extra={<Link to={`/tasks/${encodeURIComponent(t.id)}`}>办理</Link>}>
            <List.Item.Meta
              title={
                <Space wrap size={4}>
                  <Link to={`/tasks/${encodeURIComponent(t.id)}`}>{t.kindLabel}</Link>
                  {t.urgent && <Tag color="red">紧急</Tag>}
                  {t.overdue && <Tag color="red">已超期</Tag>}
                </Space>
              }
              description={
                <Typography.Text type="secondary">
                  {t.departmentLabel ?? t.candidateRoleLabel}
                  {t.jurisdictionName ? ` · ${t.jurisdictionName}` : ''} ·{' '}
                  {t.assigneeName ? `${t.assigneeName}办理` : '待认领'} · 时限 {formatDeadline(t.dueAt)}
                </Typography.Text>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
