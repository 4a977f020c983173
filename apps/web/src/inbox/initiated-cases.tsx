// 我发起的: the cases the user entered, where each stands and what is open in it; a row opens the case.

import { Space, Tag, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useKeysetPages } from '../shared/keyset-pager';
import { InboxTable } from './inbox-table';
import { type InitiatedCase, useInitiatedCases } from './inbox-queries';
import type { InboxView } from './inbox-view';
import { Muted } from '../shared/muted';

const caseHref = (item: InitiatedCase) => `/cases/${item.id}`;

function Stage({ item }: { item: InitiatedCase }) {
  return (
    <Space size={4} wrap>
      <span>{item.status === 'closed' ? `已办结（${item.stageLabel}）` : item.stageLabel}</span>
      {item.urgent && <Tag color="red">紧急</Tag>}
    </Space>
  );
}

const openTasks = (item: InitiatedCase) => item.openTasks.map((t) => t.kindLabel).join('、') || '—';
const enteredAt = (item: InitiatedCase) => dayjs(item.createdAt).format('YYYY-MM-DD');

export function InitiatedCases({
  view,
  phone,
  empty,
}: {
  view: InboxView;
  phone: boolean;
  empty: ReactNode;
}) {
  const pages = useKeysetPages();
  const cases = useInitiatedCases(view, pages.cursor);

  const columns: TableColumnsType<InitiatedCase> = [
    {
      title: '户主',
      key: 'head',
      render: (_, item) => (
        <Space direction="vertical" size={0}>
          <Link to={caseHref(item)}>{item.householdHead}</Link>
          <Muted>{item.householdHeadIdNumber}</Muted>
        </Space>
      ),
    },
    { title: '村', key: 'village', render: (_, item) => `${item.townshipName} ${item.villageName}` },
    { title: '阶段', key: 'stage', render: (_, item) => <Stage item={item} /> },
    { title: '当前待办', key: 'open', render: (_, item) => openTasks(item) },
    { title: '登记日期', key: 'createdAt', render: (_, item) => enteredAt(item) },
  ];

  return (
    <InboxTable<InitiatedCase>
      label="我发起的案件"
      query={cases}
      pages={pages}
      columns={columns}
      href={caseHref}
      empty={empty}
      phone={phone}
      card={(item) => ({
        title: <Link to={caseHref(item)}>{item.householdHead}</Link>,
        description: (
          <Space direction="vertical" size={2}>
            <span>
              {item.villageName} · {enteredAt(item)} 登记
            </span>
            <Stage item={item} />
            <span>当前待办：{openTasks(item)}</span>
          </Space>
        ),
      })}
    />
  );
}
