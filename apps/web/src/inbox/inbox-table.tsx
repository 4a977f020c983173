// The frame the 工作台's lists share: a table on wider screens and cards on a phone, rows that open with a
// click or Enter, server-side keyset pages (shared/keyset-pager), the loading state and an error that leaves the
// page usable.

import type { UseQueryResult } from '@tanstack/react-query';
import { Alert, Button, List, Space, Table, type TableColumnsType } from 'antd';
import type { TableRowSelection } from 'antd/es/table/interface';
import type { KeyboardEvent, MouseEvent, ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { KeysetPager, type useKeysetPages } from '../shared/keyset-pager';
import { Muted } from '../shared/muted';

export interface KeysetPage<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Card {
  title: ReactNode;
  description: ReactNode;
  action?: ReactNode;
}

interface InboxTableProps<T extends { id: string }> {
  /** The table's accessible name. */
  label: string;
  query: UseQueryResult<KeysetPage<T>>;
  pages: ReturnType<typeof useKeysetPages>;
  columns: TableColumnsType<T>;
  /** How a row reads as a card on a phone. */
  card: (row: T) => Card;
  href: (row: T) => string;
  empty: ReactNode;
  phone: boolean;
  rowSelection?: TableRowSelection<T>;
}

export function InboxTable<T extends { id: string }>(props: InboxTableProps<T>) {
  const { query, pages, href, phone } = props;
  const navigate = useNavigate();
  const items = query.data?.items ?? [];
  const nextCursor = query.data?.nextCursor;

  // A row opens on a click anywhere but its own controls, and on Enter when the row itself has the focus.
  const open = (row: T) => ({
    tabIndex: 0,
    style: { cursor: 'pointer' },
    onClick: (event: MouseEvent<HTMLElement>) => {
      const target = event.target as HTMLElement;
      if (!target.closest('a, button, input, label, .ant-table-selection-column')) void navigate(href(row));
    },
    onKeyDown: (event: KeyboardEvent<HTMLElement>) => {
      if (event.key === 'Enter' && event.target === event.currentTarget) void navigate(href(row));
    },
  });

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {query.error && (
        <Alert
          type="error"
          showIcon
          message={query.error.message}
          action={
            <Button size="small" onClick={() => void query.refetch()}>
              重试
            </Button>
          }
        />
      )}
      {phone ? (
        <List
          aria-label={props.label}
          loading={query.isPending && !query.error}
          dataSource={items}
          locale={{ emptyText: props.empty }}
          renderItem={(row) => {
            const card = props.card(row);
            return (
              <List.Item {...open(row)} actions={card.action ? [card.action] : undefined}>
                <List.Item.Meta title={card.title} description={card.description} />
              </List.Item>
            );
          }}
        />
      ) : (
        <Table<T>
          aria-label={props.label}
          rowKey="id"
          size="middle"
          loading={query.isPending && !query.error}
          dataSource={items}
          columns={props.columns}
          rowSelection={props.rowSelection}
          onRow={open}
          pagination={false}
          locale={{ emptyText: props.empty }}
        />
      )}
      <KeysetPager pages={pages} nextCursor={nextCursor} />
      {query.isFetching && !query.isPending && <Muted>正在刷新…</Muted>}
    </Space>
  );
}
