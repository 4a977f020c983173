// A task's deadline, urgency and escalation as small tags (overdue red, due soon orange, 紧急 red), and the
// columns the open and done task lists share.

import { Space, Tag, Tooltip, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { ESCALATION_LEVEL_LABELS } from '@libs/domain';
import type { InboxTask } from './inbox-queries';
import { Muted } from '../shared/muted';

type TaskRow = Pick<
  InboxTask,
  'id' | 'kindLabel' | 'householdHead' | 'villageName' | 'urgent' | 'escalationLevel'
>;

export const taskHref = (task: Pick<InboxTask, 'id'>) => `/tasks/${encodeURIComponent(task.id)}`;

/** A deadline is 24:00 of its last day: the day shown is the one before that instant. */
function lastDay(dueAt: string): string {
  return dayjs(dueAt).subtract(1, 'millisecond').format('M月D日');
}

/** 剩余工作日: 0 due today and 1 due by the next working day are "due soon"; negative is overdue. */
export function TimeLeft({ task }: { task: InboxTask }) {
  const days = task.workingDaysLeft;
  const due = `办理时限 ${lastDay(task.dueAt)}`;
  let tag;
  if (task.overdue) {
    tag = <Tag color="red">{days != null && days < 0 ? `已超期 ${-days} 个工作日` : '已超期'}</Tag>;
  } else if (days == null) {
    tag = <span>{lastDay(task.dueAt)}前</span>;
  } else if (days <= 1) {
    tag = <Tag color="orange">{days === 0 ? '今日到期' : '剩 1 个工作日'}</Tag>;
  } else {
    tag = <span>剩 {days} 个工作日</span>;
  }
  return <Tooltip title={due}>{tag}</Tooltip>;
}

/** 紧急 and the escalation level, where the task has them. */
export function TaskMarks({ task }: { task: Pick<InboxTask, 'urgent' | 'escalationLevel'> }) {
  if (!task.urgent && !task.escalationLevel) return null;
  return (
    <Space size={4} wrap>
      {task.urgent && <Tag color="red">紧急</Tag>}
      {task.escalationLevel > 0 && (
        <Tag color="volcano">
          {ESCALATION_LEVEL_LABELS[task.escalationLevel] ?? `${task.escalationLevel}级督办`}
        </Tag>
      )}
    </Space>
  );
}

/** A task's card title on a phone: its step, linked, and what the list adds beside it. */
export function TaskTitle({ task, children }: { task: TaskRow; children: ReactNode }) {
  return (
    <Space size={4} wrap>
      <Link to={taskHref(task)}>{task.kindLabel}</Link>
      {children}
    </Space>
  );
}

/** 任务 and 户主 / 村: which task a row is and whose household, first in both the open and the done list. */
export function taskColumns<T extends TaskRow>(): TableColumnsType<T> {
  return [
    {
      title: '任务',
      key: 'kind',
      render: (_, task) => (
        <Space direction="vertical" size={2}>
          <Link to={taskHref(task)}>{task.kindLabel}</Link>
          <TaskMarks task={task} />
        </Space>
      ),
    },
    {
      title: '户主 / 村',
      key: 'household',
      render: (_, task) => (
        <Space direction="vertical" size={0}>
          <span>{task.householdHead}</span>
          <Muted>{task.villageName}</Muted>
        </Space>
      ),
    },
  ];
}
