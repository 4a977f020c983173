// What the inspection tables share. Keyset pages walked forward with the server's cursor and back through the cursors already seen; the
// walk starts over whenever the filters change.

import { Button, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';

export function useKeysetPages(filtersKey: string) {
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

export function KeysetPager({
  pages,
  nextCursor,
}: {
  pages: ReturnType<typeof useKeysetPages>;
  nextCursor: string | null | undefined;
}) {
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

/** A time in a narrow column: the day, and the hour below it. */
export const twoLineTime = (iso: string) => (
  <>
    {dayjs(iso).format('YYYY-MM-DD')}
    <br />
    {dayjs(iso).format('HH:mm')}
  </>
);
