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
