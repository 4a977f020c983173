import type { DataSource, EntityManager } from 'typeorm';

/**
 * What a repository method runs its statements on: the EntityManager of the caller's transaction, or the
 * DataSource (or its manager) for a statement that stands alone.
 */
export type Queryable = Pick<EntityManager | DataSource, 'query'>;

/**
 * Rows of an INSERT/UPDATE/DELETE ... RETURNING. TypeORM answers UPDATE and DELETE with
 * [rows, rowCount] and everything else with rows; callers should not have to know which.
 */
export async function returningRows<T = Record<string, unknown>>(
  db: Queryable,
  sql: string,
  params: unknown[],
): Promise<T[]> {
  const result = await db.query(sql, params);
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  ) {
    return result[0] as T[];
  }
  return result as T[];
}

/** China-local days (UTC+8, no daylight saving): the days people write on a ledger or a form. */
export const CHINA_TIME_ZONE = 'Asia/Shanghai';

/** A WHERE built clause by clause, with numbered parameters. */
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

/** A LIKE pattern for text containing `text` literally: its %, _ and \ escaped. */
export const containing = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Records whose `column` path lies in the subtree at `scopePath` (itself included), as a btree-usable prefix. */
export function inSubtree(where: Where, column: string, scopePath: string): void {
  where.add(`(${column} = ${where.p(scopePath)} OR ${column} LIKE ${where.p(`${scopePath}.%`)})`);
}

/** A window of China-local days. */
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

/** Rows before (newest first) or after (oldest first) the cursor: a time as PostgreSQL wrote it, and an id. */
export function afterCursor(
  where: Where,
  columns: [time: string, id: string],
  cursor: { at: string; id: string } | undefined,
  order: 'newest' | 'oldest',
): void {
  if (!cursor) return;
  const op = order === 'newest' ? '<' : '>';
  where.add(
    `(${columns[0]}, ${columns[1]}) ${op} (${where.p(cursor.at)}::timestamptz, ${where.p(cursor.id)})`,
  );
}
