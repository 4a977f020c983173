// 流程异常: the steps of the jurisdiction's cases that keep failing after their retries, newest first; an
// admin retries one once its cause is fixed (the server refuses anyone else, so only admins see the button).

import { Button, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { Role } from '@libs/domain';
import { formatTime } from '../cases/format';
import { ReasonModal } from './action-modals';
import { type Incident, useIncidents, useRetryIncident } from './supervision-api';
import { KeysetPager, useKeysetPages } from '../shared/keyset-pager';

const STATUS_COLORS: Record<string, string> = { open: 'red', retrying: 'processing', resolved: 'green' };

export function IncidentsPanel({ role }: { role: Role }) {
  const [retrying, setRetrying] = useState<Incident>();
  const pages = useKeysetPages();
  const page = useIncidents(true, pages.cursor);
  const retry = useRetryIncident();
  const admin = role === 'admin';

  return (
    <>
      {page.error && <Typography.Paragraph type="danger">{page.error.message}</Typography.Paragraph>}
      <Table<Incident>
        rowKey="id"
        size="middle"
        loading={page.isLoading || (page.isFetching && page.isPlaceholderData)}
        dataSource={page.data?.items ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        aria-label="流程异常"
        locale={{ emptyText: '没有未解决的流程异常' }}
        columns={[
          {
            title: '案件',
            key: 'case',
            render: (_, i) => <Link to={`/cases/${i.caseId}`}>{i.villageName}</Link>,
          },
          { title: '失败步骤', dataIndex: 'step' },
          {
            title: '错误',
            key: 'error',
            width: 320,
            render: (_, i) => (
              <Typography.Paragraph ellipsis={{ rows: 2, tooltip: i.error }} style={{ marginBottom: 0 }}>
                {i.error}
              </Typography.Paragraph>
            ),
          },
          { title: '失败次数', dataIndex: 'failures', width: 90 },
          {
            title: '状态',
            key: 'status',
            render: (_, i) => <Tag color={STATUS_COLORS[i.status]}>{i.statusLabel}</Tag>,
          },
          { title: '最近失败', key: 'at', render: (_, i) => formatTime(i.lastFailedAt) },
          ...(admin
            ? [
                {
                  title: '操作',
                  key: 'retry',
                  render: (_: unknown, i: Incident) => (
                    <Button size="small" disabled={i.status === 'resolved'} onClick={() => setRetrying(i)}>
                      重试
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <KeysetPager pages={pages} nextCursor={page.data?.nextCursor} />
      {retrying && (
        <ReasonModal
          title={`重试：${retrying.step}`}
          intro="请先排除故障原因（如部门接口恢复），再重试该步骤；步骤成功后此异常自动解决。"
          label="处理说明"
          okText="重试"
          pending={retry.isPending}
          onSubmit={async (reason) => {
            await retry.mutateAsync({ incidentId: retrying.id, reason });
            return '已发起重试';
          }}
          onClose={() => setRetrying(undefined)}
        />
      )}
    </>
  );
}
