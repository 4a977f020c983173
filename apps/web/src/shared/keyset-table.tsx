// A filtered list the server pages by keyset (案件查询, 台账, the inspection reports): the table of the page
// shown, a failed query said in place of the empty text, and the pager below.

import { Table, type TableProps } from 'antd';
import { KeysetPager, type useKeysetPages } from './keyset-pager';

interface KeysetTableProps<T> extends Omit<
  TableProps<T>,
  'dataSource' | 'loading' | 'pagination' | 'locale'
> {
  query: {
    data?: { items: T[]; nextCursor?: string | null };
    isFetching: boolean;
    error: Error | null;
  };
  pages: ReturnType<typeof useKeysetPages>;
  /** What the table says when the filters match nothing. */
  emptyText: string;
}

export function KeysetTable<T extends object>({ query, pages, emptyText, ...table }: KeysetTableProps<T>) {
  return (
    <>
      <Table<T>
        rowKey="id"
        size="middle"
        scroll={{ x: 700 }}
        {...table}
        loading={query.isFetching}
        dataSource={query.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: query.error ? `查询失败：${query.error.message}` : emptyText }}
      />
      <KeysetPager pages={pages} nextCursor={query.data?.nextCursor} />
    </>
  );
}
