// The open tasks of a task tab: claim one (认领) or the selected ones (批量认领), and what failed and why.

import { Alert, App, Button, Space, type TableColumnsType } from 'antd';
import { useState, type ReactNode } from 'react';
import { STAGE_LABELS } from '@libs/domain';
import { useMe } from '../auth/use-me';
import { useKeysetPages } from '../shared/keyset-pager';
import { InboxTable } from './inbox-table';
import { type InboxTask, useBulkClaim, useClaim, useOpenTasks } from './inbox-queries';
import type { InboxView } from './inbox-view';
import { TaskMarks, TaskTitle, TimeLeft, taskColumns, taskHref } from './task-tags';
import { Muted } from '../shared/muted';

/** How a task is named in a message: its step and whose household. */
const taskName = (task: InboxTask) => `${task.kindLabel} · ${task.householdHead ?? task.villageName ?? ''}`;

interface Failure {
  taskId: string;
  name: string;
  message: string;
}

export function OpenTasks({ view, phone, empty }: { view: InboxView; phone: boolean; empty: ReactNode }) {
  const me = useMe().data!;
  const { message } = App.useApp();
  const pages = useKeysetPages();
  const tasks = useOpenTasks(view, pages.cursor);
  const claim = useClaim();
  const bulkClaim = useBulkClaim();
  // The selection belongs to the page it was made on: another page starts with none.
  const [selection, setSelection] = useState<{ cursor?: string; tasks: InboxTask[] }>({ tasks: [] });
  const selected = selection.cursor === pages.cursor ? selection.tasks : [];
  const [failures, setFailures] = useState<Failure[]>([]);

  function claimOne(task: InboxTask) {
    claim.mutate(task, {
      onSuccess: () => void message.success(`已认领：${taskName(task)}`),
      onError: (error) => void message.error(error.message),
    });
  }

  function claimSelected() {
    const names = new Map(selected.map((t) => [t.id, taskName(t)]));
    bulkClaim.mutate([...names.keys()], {
      onSuccess: (results) => {
        const claimed = results.filter((r) => r.ok).length;
        if (claimed > 0) void message.success(`已认领 ${claimed} 个任务`);
        setFailures(
          results
            .filter((r) => !r.ok)
            .map((r) => ({
              taskId: r.taskId,
              name: names.get(r.taskId) ?? r.taskId,
              message: r.message ?? '认领失败',
            })),
        );
        setSelection({ tasks: [] });
      },
      onError: (error) => void message.error(error.message),
    });
  }

  const holder = (task: InboxTask) =>
    task.assigneeId === null ? (
      <Muted>未认领</Muted>
    ) : task.assigneeId === me.userId ? (
      '我'
    ) : (
      task.assigneeName
    );

  const claimButton = (task: InboxTask) =>
    task.assigneeId === null && (
      <Button
        size="small"
        type="primary"
        ghost
        loading={claim.isPending && claim.variables?.id === task.id}
        onClick={() => claimOne(task)}
      >
        认领
      </Button>
    );

  const columns: TableColumnsType<InboxTask> = [
    ...taskColumns<InboxTask>(),
    { title: '阶段', key: 'stage', render: (_, task) => STAGE_LABELS[task.stage] },
    { title: '剩余时间', key: 'due', render: (_, task) => <TimeLeft task={task} /> },
    { title: '认领人', key: 'assignee', render: (_, task) => holder(task) },
    { title: '操作', key: 'actions', render: (_, task) => claimButton(task) },
  ];

  // Bulk claim works on the table's selection; a phone claims card by card.
  const bulk = !phone && view.tab !== 'mine';

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {bulk && (
        <Space wrap>
          <Button
            type="primary"
            disabled={selected.length === 0}
            loading={bulkClaim.isPending}
            onClick={claimSelected}
          >
            批量认领{selected.length > 0 && `（${selected.length}）`}
          </Button>
          <Muted>勾选未认领的任务后批量认领</Muted>
        </Space>
      )}
      {failures.length > 0 && (
        <Alert
          type="warning"
          showIcon
          closable
          onClose={() => setFailures([])}
          message={`${failures.length} 个任务未能认领`}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {failures.map((f) => (
                <li key={f.taskId}>
                  {f.name}：{f.message}
                </li>
              ))}
            </ul>
          }
        />
      )}
      <InboxTable<InboxTask>
        label="待办任务"
        query={tasks}
        pages={pages}
        columns={columns}
        href={taskHref}
        empty={empty}
        phone={phone}
        rowSelection={
          bulk
            ? {
                selectedRowKeys: selected.map((t) => t.id),
                onChange: (_, rows) => setSelection({ cursor: pages.cursor, tasks: rows }),
                getCheckboxProps: (task) => ({
                  disabled: task.assigneeId !== null,
                  'aria-label': `选择 ${taskName(task)}`,
                }),
              }
            : undefined
        }
        card={(task) => ({
          title: (
            <TaskTitle task={task}>
              <TaskMarks task={task} />
            </TaskTitle>
          ),
          description: (
            <Space direction="vertical" size={2}>
              <span>
                {task.householdHead} · {task.villageName} · {STAGE_LABELS[task.stage]}
              </span>
              <Space size={8} wrap>
                <TimeLeft task={task} />
                <span>认领人：{holder(task)}</span>
              </Space>
            </Space>
          ),
          action: claimButton(task) || undefined,
        })}
      />
    </Space>
  );
}
