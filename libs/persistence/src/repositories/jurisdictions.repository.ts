// 行政区划 jurisdictions: the county, its townships and their villages (社区). Every statement on the table lives
// here.

import type { Queryable } from '../sql';

/** A row of `jurisdictions`, as PostgreSQL returns it. */
export interface JurisdictionRow {
  id: string;
  name: string;
  level: 'county' | 'township' | 'village';
  parent_id: string | null;
  /** Its ancestors' ids and its own, dot-separated: a subtree is a prefix match. */
  path: string;
}

/** A village with the ids of its township and county. */
export type VillageRow = Pick<JurisdictionRow, 'id' | 'name' | 'path'> & {
  township_id: string;
  county_id: string;
};

export class JurisdictionsRepository {
  async findById(
    db: Queryable,
    id: string,
  ): Promise<Pick<JurisdictionRow, 'id' | 'name' | 'level' | 'path'> | undefined> {
    const [row] = await db.query('SELECT id, name, level, path FROM jurisdictions WHERE id = $1', [id]);
    return row;
  }

  /** The jurisdiction's children, by id. */
  async findChildren(
    db: Queryable,
    parentId: string,
  ): Promise<Pick<JurisdictionRow, 'id' | 'name' | 'level' | 'path'>[]> {
    return db.query('SELECT id, name, level, path FROM jurisdictions WHERE parent_id = $1 ORDER BY id', [
      parentId,
    ]);
  }

  /** The path of a jurisdiction, if it exists. */
  async findPath(db: Queryable, id: string): Promise<string | undefined> {
    const [row]: Pick<JurisdictionRow, 'path'>[] = await db.query(
      'SELECT path FROM jurisdictions WHERE id = $1',
      [id],
    );
    return row?.path;
  }

  /** The village, if `id` is one, with its township and county. */
  async findVillage(db: Queryable, id: string): Promise<VillageRow | undefined> {
    const [row] = await db.query(
      `SELECT v.id, v.name, v.path, t.id AS township_id, c.id AS county_id
       FROM jurisdictions v JOIN jurisdictions t ON t.id = v.parent_id JOIN jurisdictions c ON c.id = t.parent_id
       WHERE v.id = $1 AND v.level = 'village'`,
      [id],
    );
    return row;
  }

  /** The names of the village, its township and its county, as a printed sheet heads them. */
  async findNamesOfVillage(
    db: Queryable,
    villageId: string,
  ): Promise<{ county: string; township: string; village: string } | undefined> {
    const [row] = await db.query(
      `SELECT c.name AS county, t.name AS township, v.name AS village
         FROM jurisdictions v
         JOIN jurisdictions t ON t.id = v.parent_id
         JOIN jurisdictions c ON c.id = t.parent_id
        WHERE v.id = $1`,
      [villageId],
    );
    return row;
  }

  /** The whole row; with `lock`, held against a concurrent change until the caller's transaction ends. */
  async findWithParent(db: Queryable, id: string, lock = false): Promise<JurisdictionRow | undefined> {
    const [row] = await db.query(
      `SELECT id, name, level, parent_id, path FROM jurisdictions WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return row;
  }

  /** The subtree at `path` (itself included) in path order: each jurisdiction comes right after its parent. */
  async findSubtree(db: Queryable, path: string): Promise<JurisdictionRow[]> {
    return db.query(
      `SELECT id, name, level, parent_id, path FROM jurisdictions
       WHERE path = $1 OR path LIKE $1 || '.%' ORDER BY path`,
      [path],
    );
  }

  /** Adds the jurisdiction; undefined when its id is taken. */
  async insert(db: Queryable, jurisdiction: JurisdictionRow): Promise<JurisdictionRow | undefined> {
    const [row] = await db.query(
      `INSERT INTO jurisdictions (id, name, level, parent_id, path) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING RETURNING id, name, level, parent_id, path`,
      [jurisdiction.id, jurisdiction.name, jurisdiction.level, jurisdiction.parent_id, jurisdiction.path],
    );
    return row;
  }

  async rename(db: Queryable, id: string, name: string): Promise<void> {
    await db.query('UPDATE jurisdictions SET name = $2 WHERE id = $1', [id, name]);
  }
}
