// Server-side keyset pages, as every list beyond the 工作台 walks them: forward with the server's cursor, back
// through the cursors already seen; the walk starts over whenever the filters change.

import { Button, Space, Typography } from 'antd';
import { useState } from 'react';

/** `filtersKey` names the filters the pages were walked under (a query string, a kind); a new one starts at page 1. */
export function useKeysetPages(filtersKey = '') {
  const [cursors, setCursors] = useState<string[]>([]);
  const [cursorsFor, setCursorsFor] = useState(filtersKey);
  if (cursorsFor !== filtersKey) {
    setCursorsFor(filtersKey);
    setCursors([]);
  }
  return {
    cursor: cursors[cursors.length - 1] as string | undefined,
    pageNumber: cursors.length + 1,
    back: () => setCursors((c) => c.slice(0, -1)),
    next: (cursor: string) => setCursors((c) => [...c, cursor]),
  };
}

/** The query of the page the walk is on: the filters, the page size, and the cursor past page 1. */
export function pageQuery<Filters extends object>(
  filters: Filters,
  pages: ReturnType<typeof useKeysetPages>,
  limit: number,
) {
  return { ...filters, limit, ...(pages.cursor ? { cursor: pages.cursor } : {}) };
}

/** 上一页 / 第 N 页 / 下一页 under a list; nothing while the whole list fits on its first page. */
export function KeysetPager({
  pages,
  nextCursor,
}: {
  pages: ReturnType<typeof useKeysetPages>;
  nextCursor: string | null | undefined;
}) {
  if (pages.pageNumber === 1 && !nextCursor) return null;
  return (
    <Space style={{ marginTop: 16, justifyContent: 'flex-end', width: '100%' }}>
      <Button disabled={pages.pageNumber === 1} onClick={pages.back}>
        上一页
      </Button>
      <Typography.Text type="secondary">第 {pages.pageNumber} 页</Typography.Text>
      <Button disabled={!nextCursor} onClick={() => nextCursor && pages.next(nextCursor)}>
        下一页
      </Button>
    </Space>
  );
}
