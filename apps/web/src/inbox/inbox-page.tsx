// 工作台 the inbox, the first screen: tabs with counts, filters and sort, the tab's list with claiming.

import { Button, Card, Empty, Grid, Tabs, type RefSelectProps } from 'antd';
import { useEffect, useRef } from 'react';
import { Navigate, useSearchParams } from 'react-router-dom';
import type { Role } from '@libs/domain';
import { useMe } from '../auth/use-me';
import { DoneTasks } from './done-tasks';
import { InitiatedCases } from './initiated-cases';
import { InboxFilters } from './inbox-filters';
import { type InboxCounts, useInboxCounts } from './inbox-queries';
import { filtered, NO_FILTERS, savedSearch, useInboxView, viewSearch, type InboxTab } from './inbox-view';
import { OpenTasks } from './open-tasks';

interface TabSpec {
  label: string;
  count: (counts: InboxCounts) => number;
  /** The count's colour where it calls for attention. */
  color?: string;
  empty: string;
}

const TABS: Record<InboxTab, TabSpec> = {
  mine: { label: '我的待办', count: (c) => c.mine, empty: '您还没有认领的待办任务' },
  unassigned: { label: '待认领', count: (c) => c.unassigned, empty: '没有待认领的任务' },
  urgent: { label: '紧急', count: (c) => c.urgent, color: '#cf1322', empty: '没有紧急任务' },
  overdue: { label: '已超期', count: (c) => c.overdue, color: '#cf1322', empty: '没有超期的任务' },
  dueSoon: { label: '即将到期', count: (c) => c.dueSoon, color: '#d46b08', empty: '没有即将到期的任务' },
  all: { label: '全部待办', count: (c) => c.total, empty: '没有待办任务' },
  done: { label: '已办', count: (c) => c.done, empty: '还没有您办理过的任务' },
  initiated: { label: '我发起的', count: (c) => c.initiated, empty: '还没有您登记的案件' },
};

/** Opens where the user left off: a bare address takes the view they last chose. */
export function InboxPage() {
  const me = useMe().data!;
  const [params] = useSearchParams();
  const saved = savedSearch(me.userId);
  if (params.toString() === '' && saved) return <Navigate to={{ search: saved }} replace />;
  return <Inbox userId={me.userId} role={me.role} />;
}

function Inbox({ userId, role }: { userId: string; role: Role }) {
  const [view, update] = useInboxView(userId);
  const counts = useInboxCounts();
  const phone = !Grid.useBreakpoint().md;
  const firstFilter = useRef<RefSelectProps>(null);

  // `/` jumps to the filters from anywhere but a text field.
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const target = event.target as HTMLElement;
      if (event.key !== '/' || target.closest('input, textarea, [contenteditable="true"]')) return;
      event.preventDefault();
      firstFilter.current?.focus();
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const empty = (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={filtered(view) ? '没有符合筛选条件的记录' : TABS[view.tab].empty}
    >
      {filtered(view) ? (
        <Button onClick={() => update(NO_FILTERS)}>清除筛选</Button>
      ) : (
        view.tab === 'mine' && <Button onClick={() => update({ tab: 'unassigned' })}>去认领任务</Button>
      )}
    </Empty>
  );

  const List = view.tab === 'done' ? DoneTasks : view.tab === 'initiated' ? InitiatedCases : OpenTasks;

  return (
    <Card title="工作台" styles={{ body: { paddingTop: 0 } }} size={phone ? 'small' : 'default'}>
      <Tabs
        activeKey={view.tab}
        onChange={(tab) => update({ tab: tab as InboxTab })}
        items={Object.entries(TABS).map(([key, tab]) => {
          const count = counts.data && tab.count(counts.data);
          return {
            key,
            label: (
              <span>
                {tab.label}
                {count !== undefined && (
                  <span style={{ marginInlineStart: 4, color: count > 0 ? tab.color : undefined }}>
                    {count}
                  </span>
                )}
              </span>
            ),
          };
        })}
      />
      <InboxFilters view={view} role={role} onChange={update} firstRef={firstFilter} phone={phone} />
      <div style={{ marginTop: 16 }}>
        {/* A new tab, filter or sort starts again at the first page. */}
        <List key={viewSearch(view)} view={view} phone={phone} empty={empty} />
      </div>
    </Card>
  );
}
