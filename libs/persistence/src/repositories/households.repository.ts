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

  /** 登记 the household of a new case. */
  async insert(
    db: Queryable,
    household: Pick<HouseholdRow, 'id' | 'village_id' | 'address' | 'phone' | 'urban'>,
  ): Promise<void> {
    await db.query(
      `INSERT INTO households (id, village_id, address, phone, urban) VALUES ($1, $2, $3, $4, $5)`,
      [household.id, household.village_id, household.address, household.phone, household.urban],
    );
  }

  /** 登记 the members of a new household, in the order given. */
  async insertMembers(
    db: Queryable,
    members: (Omit<HouseholdMemberRow, 'annual_income'> & { annual_income: number })[],
  ): Promise<void> {
    for (const member of members) {
      await db.query(
        `INSERT INTO household_members (id, household_id, name, id_number, relation, annual_income)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          member.id,
          member.household_id,
          member.name,
          member.id_number,
          member.relation,
          member.annual_income,
        ],
      );
    }
  }

  async findPhone(db: Queryable, householdId: string): Promise<string | null> {
    const [row]: Pick<HouseholdRow, 'phone'>[] = await db.query(
      'SELECT phone FROM households WHERE id = $1',
      [householdId],
    );
    return row.phone;
  }

  /** ID numbers of the members of the case's household. */
  async findIdNumbersOfCase(db: Queryable, caseId: string): Promise<string[]> {
    const rows: Pick<HouseholdMemberRow, 'id_number'>[] = await db.query(
      `SELECT m.id_number FROM household_members m JOIN cases c ON c.household_id = m.household_id
       WHERE c.id = $1`,
      [caseId],
    );
    return rows.map((row) => row.id_number);
  }
}
