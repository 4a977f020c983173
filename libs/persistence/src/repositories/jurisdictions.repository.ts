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
}
