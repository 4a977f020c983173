// 家庭 households and their members (成员): who the case is about. Every statement on the two tables lives here.

import type { Queryable } from '../sql';

/** A row of `households`, as PostgreSQL returns it. */
export interface HouseholdRow {
  id: string;
  village_id: string;
  address: string;
  phone: string | null;
  urban: boolean;
  created_at: Date;
}

/** A row of `household_members`, as PostgreSQL returns it. */
export interface HouseholdMemberRow {
  id: string;
  household_id: string;
  name: string;
  id_number: string;
  /** 'head' for the household head (户主), else the relation to them. */
  relation: string;
  /** numeric: PostgreSQL returns it as a string. */
  annual_income: string;
}

export class HouseholdsRepository {
  /** The household's members, its head first, then by name (the case's view and the workflow's snapshot). */
  async findMembers(
    db: Queryable,
    householdId: string,
  ): Promise<Pick<HouseholdMemberRow, 'name' | 'id_number' | 'relation' | 'annual_income'>[]> {
    return db.query(
      `SELECT name, id_number, relation, annual_income FROM household_members WHERE household_id = $1
       ORDER BY relation = 'head' DESC, name`,
      [householdId],
    );
  }
}
