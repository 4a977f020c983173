// What the ledger and inspection lists share: a WHERE built with numbered parameters, the user's
// jurisdiction subtree as a prefix match on jurisdiction_path, a window of China-local days, and
// keyset cursors on (time, id).

import type { AuthUser } from '../auth/auth-user';
import { AppException } from '../common/app.exception';
import { type TimeCursor, decodeTimeCursor, keysetPage } from '../common/pagination';
import { keysetBatches } from './csv';

/** China-local days (UTC+8, no daylight saving): the days people write on a ledger. */
export const CHINA_TIME_ZONE = 'Asia/Shanghai';

export class Where {
  readonly params: unknown[] = [];
  private readonly clauses: string[] = [];

  /** A parameter placeholder for `value`. */
  p(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  add(clause: string): this {
    this.clauses.push(clause);
    return this;
  }

  toSql(): string {
    return this.clauses.length > 0 ? this.clauses.join(' AND ') : 'true';
  }
}

/** Records whose `column` path lies in the subtree at `scopePath` (itself included), as a btree-usable prefix. */
export function inSubtree(where: Where, column: string, scopePath: string): void {
  where.add(`(${column} = ${where.p(scopePath)} OR ${column} LIKE ${where.p(`${scopePath}.%`)})`);
}

export interface RecordsWindow {
  /** YYYY-MM-DD, China-local, included. */
  from?: string;
  /** YYYY-MM-DD, China-local, included. */
  to?: string;
}

/** `column` within the China-local days of the window. */
export function inWindow(where: Where, column: string, window: RecordsWindow): void {
  if (window.from)
    where.add(`${column} >= (${where.p(window.from)}::date)::timestamp AT TIME ZONE '${CHINA_TIME_ZONE}'`);
  if (window.to)
    where.add(`${column} < (${where.p(window.to)}::date + 1)::timestamp AT TIME ZONE '${CHINA_TIME_ZONE}'`);
}

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

/** Which records a list or export asks for: the user's subtree, a window, perhaps one village. */
export interface RecordsFilter extends RecordsWindow {
  scopePath: string;
  villageId?: string;
  /** A township or village whose subtree narrows the scope (the scope still applies). */
  jurisdictionId?: string;
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

/** Rows before (newest first) or after (oldest first) the cursor. */
export function afterCursor(
  where: Where,
  columns: [time: string, id: string],
  cursor: TimeCursor | undefined,
  order: 'newest' | 'oldest',
): void {
  if (!cursor) return;
  const op = order === 'newest' ? '<' : '>';
  where.add(
    `(${columns[0]}, ${columns[1]}) ${op} (${where.p(cursor.at)}::timestamptz, ${where.p(cursor.id)})`,
  );
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
  order: 'newest' | 'oldest',
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
