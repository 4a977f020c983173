import type { EntityManager } from 'typeorm';

/**
 * Rows of an INSERT/UPDATE/DELETE ... RETURNING. TypeORM answers UPDATE and DELETE with
 * [rows, rowCount] and everything else with rows; callers should not have to know which.
 */
export async function returningRows<T = Record<string, unknown>>(
  manager: EntityManager,
  sql: string,
  params: unknown[],
): Promise<T[]> {
  const result = await manager.query(sql, params);
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
