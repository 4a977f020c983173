// 用户 users: the accounts. Here so far: how the workflow's notices find their recipients.

import type { Queryable } from '../sql';

/** A row of `users`, as PostgreSQL returns it. */
export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  jurisdiction_id: string;
  department: string | null;
  phone: string | null;
  enabled: boolean;
  must_change_password: boolean;
  failed_logins: number;
  failed_logins_since: Date | null;
  locked_until: Date | null;
  password_changed_at: Date | null;
  created_at: Date;
}

export class UsersRepository {
  /** The users of these roles placed at one of these jurisdictions. */
  async findByRolesIn(
    db: Queryable,
    roles: readonly string[],
    jurisdictionIds: string[],
  ): Promise<Pick<UserRow, 'id' | 'jurisdiction_id'>[]> {
    return db.query(
      `SELECT id, jurisdiction_id FROM users WHERE role = ANY($1) AND jurisdiction_id = ANY($2)`,
      [roles, jurisdictionIds],
    );
  }

  /** The village's caseworkers (村级经办人), and the user who created the case wherever they sit. */
  async findVillageCaseworkersAnd(
    db: Queryable,
    villageId: string,
    userId: string,
  ): Promise<Pick<UserRow, 'id'>[]> {
    return db.query(`SELECT id FROM users WHERE (role = 'caseworker' AND jurisdiction_id = $1) OR id = $2`, [
      villageId,
      userId,
    ]);
  }
}
