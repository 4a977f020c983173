// 超期任务清单: the overdue tasks of the jurisdiction, most overdue first, filtered by kind and escalation
// level, in server-side keyset pages; each with its escalation level and who was notified, and the
// supervisor's actions (改派, 特事特办, 立即督办). On a phone each task is a compact card.

import { Button, Empty, List, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { Role } from '@libs/domain';
import { formatDeadline, formatTime } from '../cases/format';
import { ReasonModal, ReassignModal } from './action-modals';
import {
  type Breach,
  type BreachFilter,
  type Summary,
  type TaskKind,
  useBreaches,
  useEscalateNow,
  useMarkUrgent,
} from './supervision-api';
import { KeysetPager, useKeysetPages } from '../shared/keyset-pager';

export const LEVEL_LABELS = ['未升级', '一级督办', '二级督办', '三级督办'];
const LEVEL_COLORS = ['default', 'gold', 'orange', 'red'];
const MAX_LEVEL = 3;

// Who may do what: the server's roles for each route.
const DISPATCHERS: readonly Role[] = ['supervisor', 'admin'];
const URGENT_MARKERS: readonly Role[] = ['supervisor', 'countyOfficer', 'admin'];

/** 30.5 hours → 1天6小时. */
export function formatOverdue(hours: number): string {
  const whole = Math.floor(hours);
  if (whole < 1) return `${Math.max(1, Math.round(hours * 60))}分钟`;
  const days = Math.floor(whole / 24);
  return days > 0 ? `${days}天${whole % 24}小时` : `${whole}小时`;
}

function Escalations({ breach }: { breach: Breach }) {
  return (
    <Space direction="vertical" size={2}>
      <Tag color={LEVEL_COLORS[breach.escalationLevel]}>{LEVEL_LABELS[breach.escalationLevel]}</Tag>
      {breach.escalations.map((e) => (
        <Typography.Text key={e.level} type="secondary" style={{ fontSize: 12 }}>
          {LEVEL_LABELS[e.level]} {formatTime(e.escalatedAt)} 已通知：
          {e.notified.length > 0
            ? `${e.jurisdictionName ?? ''} ${e.notified.join('、')}`
            : `${e.jurisdictionName ?? '该级'}无督办负责人`}
        </Typography.Text>
      ))}
    </Space>
  );
}

type Dialog = { kind: 'reassign' | 'urgent' | 'escalate'; breach: Breach } | undefined;

function Actions({ breach, role, open }: { breach: Breach; role: Role; open: (d: Dialog) => void }) {
  const dispatcher = DISPATCHERS.includes(role);
  return (
    <Space size={4} wrap>
      {dispatcher && (
        <Button size="small" onClick={() => open({ kind: 'reassign', breach })}>
          改派
        </Button>
      )}
      {URGENT_MARKERS.includes(role) && !breach.urgent && (
        <Button size="small" onClick={() => open({ kind: 'urgent', breach })}>
          特事特办
        </Button>
      )}
      {dispatcher && (
        <Button
          size="small"
          danger
          disabled={breach.escalationLevel >= MAX_LEVEL}
          title={breach.escalationLevel >= MAX_LEVEL ? '已是最高级' : undefined}
          onClick={() => open({ kind: 'escalate', breach })}
        >
          立即督办
        </Button>
      )}
    </Space>
  );
}

function TaskTitle({ breach }: { breach: Breach }) {
  return (
    <Space size={4} wrap>
      <Link to={`/tasks/${encodeURIComponent(breach.taskId)}`}>{breach.kindLabel}</Link>
      {breach.urgent && <Tag color="red">特事特办</Tag>}
    </Space>
  );
}

function place(breach: Breach): string {
  return breach.jurisdictionId === breach.villageId
    ? breach.villageName
    : `${breach.jurisdictionName} · ${breach.villageName}`;
}

function holder(breach: Breach) {
  return (
    <>
      {breach.assigneeName ?? <Typography.Text type="secondary">未认领</Typography.Text>}
      <Typography.Text type="secondary">（{breach.candidateRoleLabel}）</Typography.Text>
    </>
  );
}

function overdue(breach: Breach) {
  return (
    <Space direction="vertical" size={0}>
      <span>{formatDeadline(breach.dueAt)}</span>
      <Typography.Text type="danger">超期 {formatOverdue(breach.hoursOverdue)}</Typography.Text>
    </Space>
  );
}

export function BreachList({
  jurisdictionId,
  kinds,
  role,
  phone,
}: {
  jurisdictionId: string | undefined;
  kinds: Summary['byKind'];
  role: Role;
  phone: boolean;
}) {
  const [filter, setFilter] = useState<BreachFilter>({});
  const [dialog, setDialog] = useState<Dialog>();
  // A page's cursor belongs to the place and filter it was read under.
  const pages = useKeysetPages(JSON.stringify([jurisdictionId, filter]));
  const page = useBreaches(jurisdictionId, filter, pages.cursor);
  const markUrgent = useMarkUrgent();
  const escalateNow = useEscalateNow();
  const items = page.data?.items ?? [];

  const columns: ColumnsType<Breach> = [
    { title: '任务', key: 'task', render: (_, b) => <TaskTitle breach={b} /> },
    { title: '辖区', key: 'place', render: (_, b) => place(b) },
    { title: '认领人', key: 'holder', render: (_, b) => holder(b) },
    { title: '办理时限', key: 'due', render: (_, b) => overdue(b) },
    { title: '督办', key: 'escalation', width: 260, render: (_, b) => <Escalations breach={b} /> },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      width: 130,
      render: (_, b) => <Actions breach={b} role={role} open={setDialog} />,
    },
  ];

  const empty = (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={filter.kind || filter.level !== undefined ? '没有符合筛选条件的超期任务' : '没有超期任务'}
    />
  );

  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select<TaskKind | undefined>
          aria-label="任务类型"
          allowClear
          placeholder="全部任务类型"
          style={{ width: 180 }}
          value={filter.kind}
          onChange={(kind) => setFilter({ ...filter, kind })}
          options={kinds.map((k) => ({ value: k.kind, label: k.kindLabel }))}
        />
        <Select<number | undefined>
          aria-label="督办级别"
          allowClear
          placeholder="全部督办级别"
          style={{ width: 150 }}
          value={filter.level}
          onChange={(level) => setFilter({ ...filter, level })}
          options={LEVEL_LABELS.map((label, level) => ({ value: level, label }))}
        />
      </Space>
      {page.error && <Typography.Paragraph type="danger">{page.error.message}</Typography.Paragraph>}
      {phone ? (
        <List<Breach>
          loading={page.isLoading || (page.isFetching && page.isPlaceholderData)}
          dataSource={items}
          locale={{ emptyText: empty }}
          aria-label="超期任务"
          renderItem={(b) => (
            <List.Item key={b.taskId} style={{ display: 'block' }}>
              <Space direction="vertical" size={4} style={{ width: '100%' }}>
                <Space wrap>
                  <TaskTitle breach={b} />
                  <Typography.Text type="secondary">{place(b)}</Typography.Text>
                </Space>
                <div>{holder(b)}</div>
                {overdue(b)}
                <Escalations breach={b} />
                <Actions breach={b} role={role} open={setDialog} />
              </Space>
            </List.Item>
          )}
        />
      ) : (
        <Table<Breach>
          rowKey="taskId"
          size="middle"
          loading={page.isLoading || (page.isFetching && page.isPlaceholderData)}
          dataSource={items}
          columns={columns}
          pagination={false}
          scroll={{ x: 980 }}
          locale={{ emptyText: empty }}
          aria-label="超期任务"
        />
      )}
      <KeysetPager pages={pages} nextCursor={page.data?.nextCursor} />
      {dialog?.kind === 'reassign' && (
        <ReassignModal breach={dialog.breach} onClose={() => setDialog(undefined)} />
      )}
      {dialog?.kind === 'urgent' && (
        <ReasonModal
          title={`特事特办：${dialog.breach.villageName}的案件`}
          intro="案件及其未办任务标记为紧急，此后各步骤按紧急时限办理，紧急任务排在各人待办的最前。"
          label="特事特办理由"
          okText="标记特事特办"
          pending={markUrgent.isPending}
          onSubmit={async (reason) => {
            await markUrgent.mutateAsync({ caseId: dialog.breach.caseId, reason });
            return '已标记为特事特办';
          }}
          onClose={() => setDialog(undefined)}
        />
      )}
      {dialog?.kind === 'escalate' && (
        <ReasonModal
          title={`立即督办：${dialog.breach.kindLabel}`}
          intro={`不等下一个时限，立即升级为${LEVEL_LABELS[dialog.breach.escalationLevel + 1]}，通知该级督办负责人。`}
          label="督办理由"
          okText="立即督办"
          pending={escalateNow.isPending}
          onSubmit={async (reason) => {
            const answer = await escalateNow.mutateAsync({ taskId: dialog.breach.taskId, reason });
            return answer.alreadyRequested
              ? `此前已请求升级为${LEVEL_LABELS[answer.requestedLevel]}，已再次通知流程`
              : `已请求升级为${LEVEL_LABELS[answer.requestedLevel]}`;
          }}
          onClose={() => setDialog(undefined)}
        />
      )}
    </>
  );
}
