import { randomInt } from 'node:crypto';
import type { DataSource } from 'typeorm';

/** A village of a spec's own under a demo township, so no other spec's tasks reach its inboxes. */
export async function createVillage(dataSource: DataSource, townshipId = '370323104'): Promise<string> {
  const id = `${townshipId}${randomInt(100_000, 1_000_000)}`;
  await dataSource.query(
    `INSERT INTO jurisdictions (id, name, level, parent_id, path)
     SELECT $1::varchar, $2, 'village', t.id, t.path || '.' || $1::varchar FROM jurisdictions t WHERE t.id = $3`,
    [id, `测试村${id.slice(-6)}`, townshipId],
  );
  return id;
}
