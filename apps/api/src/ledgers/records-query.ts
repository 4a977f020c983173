// What the ledger and inspection lists share: the user's jurisdiction subtree, a checked window of
// China-local days, and keyset pages and export batches on (time, id). The SQL they build is in
// @libs/persistence (Where, inSubtree, inWindow, afterCursor).

import type { RecordsFilter, RecordsOrder, RecordsWindow } from '@libs/persistence';
import type { AuthUser } from '../auth/auth-user';
import { AppException } from '../common/app.exception';
import { type TimeCursor, decodeTimeCursor, keysetPage } from '../common/pagination';
import { keysetBatches } from './csv';

const isCalendarDate = (text: string): boolean =>
  !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) &&
  new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text;

/** Refuses a date that does not exist (2026-02-30) or a window that ends before it starts. */
export function checkWindow(window: RecordsWindow): void {
  for (const field of ['from', 'to'] as const) {
    const value = window[field];
    if (value && !isCalendarDate(value)) {
      throw new AppException('VALIDATION_FAILED', 400, `输入有误：${field} 不是有效日期`, {
        errors: [{ field, message: '不是有效日期' }],
      });
    }
  }
  if (window.from && window.to && window.from > window.to) {
    throw new AppException('VALIDATION_FAILED', 400, '输入有误：to 不能早于 from', {
      errors: [{ field: 'to', message: '不能早于 from' }],
    });
  }
}

/** What a list or export may narrow the user's subtree to. */
export interface RecordsPlace {
  villageId?: string;
  jurisdictionId?: string;
}

/** Rows read per query when exporting. */
export const EXPORT_BATCH_SIZE = 1000;

/** The user's subtree, the checked window and the village a list or export asks for. */
export function recordsFilter(query: RecordsWindow & RecordsPlace, user: AuthUser): RecordsFilter {
  checkWindow(query);
  return {
    scopePath: user.jurisdictionPath,
    from: query.from,
    to: query.to,
    villageId: query.villageId,
    jurisdictionId: query.jurisdictionId,
  };
}

/** A row of a ledger or a flag list: its time as a cursor key, and its id. */
export interface TimedRow {
  at_key: string;
  id: string;
}

/** Reads records of the filter after the cursor, `limit` of them, in the given order. */
export type FetchRecords<Row> = (
  filter: RecordsFilter,
  after: TimeCursor | undefined,
  limit: number,
  order: RecordsOrder,
) => Promise<Row[]>;

const DEFAULT_PAGE_SIZE = 20;

/** One page, newest first, with the cursor of the next. */
export async function recordsPage<Row extends TimedRow, View>(
  query: RecordsWindow & RecordsPlace & { limit?: number; cursor?: string },
  user: AuthUser,
  fetch: FetchRecords<Row>,
  view: (row: Row) => View,
): Promise<{ items: View[]; nextCursor: string | null }> {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const rows = await fetch(
    recordsFilter(query, user),
    query.cursor ? decodeTimeCursor(query.cursor) : undefined,
    limit + 1,
    'newest',
  );
  return keysetPage(rows, limit, view, (last) => [last.at_key, last.id]);
}

/** Everything in the window, oldest first, read in batches for an export. */
export function recordsBatches<Row extends TimedRow>(
  query: RecordsWindow & RecordsPlace,
  user: AuthUser,
  fetch: FetchRecords<Row>,
): Promise<AsyncIterable<Row[]>> {
  const filter = recordsFilter(query, user);
  return keysetBatches<Row>(
    (after) => fetch(filter, after && { at: after.at_key, id: after.id }, EXPORT_BATCH_SIZE, 'oldest'),
    EXPORT_BATCH_SIZE,
  );
}
