// 已办: the tasks the user decided, with the decision and when; a row opens the task (read-only now), and
// the case is a link away.

import { Space, Tag, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useKeysetPages } from '../shared/keyset-pager';
import { InboxTable } from './inbox-table';
import { type DoneTask, useDoneTasks } from './inbox-queries';
import type { InboxView } from './inbox-view';
import { TaskTitle, taskColumns, taskHref } from './task-tags';

const DECISION_COLORS: Record<string, string> = { approve: 'green', reject: 'red', return: 'orange' };

const caseHref = (task: DoneTask) => `/cases/${task.caseId}`;

function Decision({ task }: { task: DoneTask }) {
  return <Tag color={DECISION_COLORS[task.decision ?? '']}>{task.decisionLabel}</Tag>;
}

/** Where the case stands now: its stage, or 已办结 once it is closed. */
function CaseNow({ task }: { task: DoneTask }) {
  return (
    <Link to={caseHref(task)}>
      {task.caseStatus === 'closed' ? `已办结（${task.caseStageLabel}）` : task.caseStageLabel}
    </Link>
  );
}

const decidedAt = (task: DoneTask) => dayjs(task.decidedAt).format('YYYY-MM-DD HH:mm');

export function DoneTasks({ view, phone, empty }: { view: InboxView; phone: boolean; empty: ReactNode }) {
  const pages = useKeysetPages();
  const tasks = useDoneTasks(view, pages.cursor);

  const columns: TableColumnsType<DoneTask> = [
    ...taskColumns<DoneTask>(),
    { title: '办理结果', key: 'decision', render: (_, task) => <Decision task={task} /> },
    { title: '办理时间', key: 'decidedAt', render: (_, task) => decidedAt(task) },
    { title: '案件现在', key: 'case', render: (_, task) => <CaseNow task={task} /> },
  ];

  return (
    <InboxTable<DoneTask>
      label="已办任务"
      query={tasks}
      pages={pages}
      columns={columns}
      href={taskHref}
      empty={empty}
      phone={phone}
      card={(task) => ({
        title: (
          <TaskTitle task={task}>
            <Decision task={task} />
          </TaskTitle>
        ),
        description: (
          <Space direction="vertical" size={2}>
            <span>
              {task.householdHead} · {task.villageName}
            </span>
            <span>
              {decidedAt(task)} 办理 · 案件现在：
              <CaseNow task={task} />
            </span>
          </Space>
        ),
      })}
    />
  );
}
