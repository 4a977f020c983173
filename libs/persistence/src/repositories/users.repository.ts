// 用户 users: the accounts, with what signing in counts on them, and user_relatives, the relatives each
// declares (优亲厚友). Every statement on the two tables lives here, but for the count of wrong passwords
// (SignInRepository.countWrongPassword, which counts a name no account has the same way).

import type { Role } from '@libs/domain';
import { containing, type Queryable, returningRows } from '../sql';

/** A row of `users`, as PostgreSQL returns it. */
export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: Role;
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

/**
 * A user with their jurisdiction's name and path, as administration reads them: never the password hash, and
 * locked_until only while it lies ahead (else null).
 */
export type UserWithPlace = Pick<
  UserRow,
  | 'id'
  | 'username'
  | 'display_name'
  | 'role'
  | 'jurisdiction_id'
  | 'department'
  | 'enabled'
  | 'failed_logins'
  | 'locked_until'
  | 'created_at'
> & { jurisdiction_name: string; jurisdiction_path: string };

/** What signing in reads of an account: its hash, and locked_until only while it lies ahead (else null). */
export type AccountRow = Pick<
  UserRow,
  | 'id'
  | 'username'
  | 'display_name'
  | 'password_hash'
  | 'role'
  | 'jurisdiction_id'
  | 'department'
  | 'enabled'
  | 'must_change_password'
  | 'locked_until'
> & { jurisdiction_name: string };

export interface NewUser {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  jurisdictionId: string;
  department: string | null;
}

/** Which users a list asks for: a subtree, perhaps one role or a text in the username or name; after a username. */
export interface UsersFilter {
  scopePath: string;
  role?: Role;
  /** Text the username or the display name contains. */
  q?: string;
  afterUsername?: string;
}

/** A row of `user_relatives`: a person a user declared as their relative (优亲厚友), standing or withdrawn. */
export interface RelativeRow {
  id: string;
  user_id: string;
  id_number: string;
  name: string;
  relation: string;
  declared_at: Date;
  withdrawn_at: Date | null;
  withdrawn_reason: string | null;
}

export type DeclaredRelative = Pick<RelativeRow, 'id_number' | 'name' | 'relation' | 'declared_at'>;

/** A declared relative who is a member of a case's household. */
export interface BindingRelative {
  name: string;
  relation: string;
  idNumber: string;
}

const PLACED_USER_COLUMNS = `u.id, u.username, u.display_name, u.role, u.jurisdiction_id, j.name AS jurisdiction_name,
  j.path AS jurisdiction_path, u.department, u.enabled, u.failed_logins,
  CASE WHEN u.locked_until > now() THEN u.locked_until END AS locked_until, u.created_at`;

const ACCOUNT_COLUMNS = `id, username, display_name, password_hash, role, jurisdiction_id,
  (SELECT j.name FROM jurisdictions j WHERE j.id = users.jurisdiction_id) AS jurisdiction_name, department, enabled,
  must_change_password, CASE WHEN locked_until > now() THEN locked_until END AS locked_until`;

const RELATIVE_COLUMNS = 'id_number, name, relation, declared_at';

// The declarations of the user that bind them on the case (UsersRepository.findBindingRelatives says when one
// does), as a FROM … WHERE over user_relatives r; the ids are SQL expressions (a parameter, a column).
function bindingRelatives(userId: string, caseId: string): string {
  return `user_relatives r
    JOIN household_members m ON m.id_number = r.id_number
    JOIN cases c ON c.household_id = m.household_id
    WHERE r.user_id = ${userId} AND c.id = ${caseId}
      AND r.declared_at <= coalesce(c.closed_at, now())
      AND (r.withdrawn_at IS NULL OR r.withdrawn_at > c.created_at)`;
}

/** 回避 whether the user declared a relative who binds them on the case: a boolean column for another statement. */
export function declaredBindingRelative(userId: string, caseId: string): string {
  return `EXISTS (SELECT 1 FROM ${bindingRelatives(userId, caseId)})`;
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

  /** Users of the subtree, by username (bytewise), `limit` of them after the cursor's username. */
  async findPageInSubtree(db: Queryable, filter: UsersFilter, limit: number): Promise<UserWithPlace[]> {
    return db.query(
      `SELECT ${PLACED_USER_COLUMNS} FROM users u JOIN jurisdictions j ON j.id = u.jurisdiction_id
       WHERE (j.path = $1 OR j.path LIKE $1 || '.%')
         AND ($2::text IS NULL OR u.role = $2) AND ($3::text IS NULL OR u.username COLLATE "C" > $3)
         AND ($5::text IS NULL OR u.username ILIKE $5 OR u.display_name ILIKE $5)
       ORDER BY u.username COLLATE "C" LIMIT $4`,
      [
        filter.scopePath,
        filter.role ?? null,
        filter.afterUsername ?? null,
        limit,
        filter.q ? containing(filter.q) : null,
      ],
    );
  }

  /** The user with their place; with `lock`, held until the caller's transaction ends. */
  async findWithPlace(db: Queryable, id: string, lock = false): Promise<UserWithPlace | undefined> {
    const [row] = await db.query(
      `SELECT ${PLACED_USER_COLUMNS} FROM users u JOIN jurisdictions j ON j.id = u.jurisdiction_id
       WHERE u.id = $1${lock ? ' FOR UPDATE OF u' : ''}`,
      [id],
    );
    return row;
  }

  /** Adds the user; false when the username (or id) is taken. */
  async insert(db: Queryable, user: NewUser): Promise<boolean> {
    const inserted = await db.query(
      `INSERT INTO users (id, username, display_name, password_hash, role, jurisdiction_id, department)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING id`,
      [
        user.id,
        user.username,
        user.displayName,
        user.passwordHash,
        user.role,
        user.jurisdictionId,
        user.department,
      ],
    );
    return inserted.length > 0;
  }

  /** Sets who the user is: name, role, place, department and whether enabled. */
  async update(
    db: Queryable,
    id: string,
    user: Pick<UserRow, 'display_name' | 'role' | 'jurisdiction_id' | 'department' | 'enabled'>,
  ): Promise<void> {
    await db.query(
      `UPDATE users SET display_name = $2, role = $3, jurisdiction_id = $4, department = $5, enabled = $6
       WHERE id = $1`,
      [id, user.display_name, user.role, user.jurisdiction_id, user.department, user.enabled],
    );
  }

  /** An admin's reset: a new password the user must change at their next sign-in. */
  async resetPassword(db: Queryable, id: string, passwordHash: string): Promise<void> {
    await db.query(
      `UPDATE users SET password_hash = $2, must_change_password = true, password_changed_at = now()
       WHERE id = $1`,
      [id, passwordHash],
    );
  }

  /** The user's own change: it lifts a change an admin asked for, and any count toward a lockout. */
  async changePassword(db: Queryable, id: string, passwordHash: string): Promise<void> {
    await db.query(
      `UPDATE users SET password_hash = $2, must_change_password = false, password_changed_at = now(),
         failed_logins = 0, failed_logins_since = NULL, locked_until = NULL
       WHERE id = $1`,
      [id, passwordHash],
    );
  }

  /** An admin lifts a lockout (and clears the count toward the next one). */
  async unlock(db: Queryable, id: string): Promise<void> {
    await db.query('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1', [id]);
  }

  /** A sign-in with the right password clears the count of wrong ones, and a lock that has run out. */
  async clearFailedLogins(db: Queryable, id: string): Promise<void> {
    await db.query(
      `UPDATE users SET failed_logins = 0, failed_logins_since = NULL, locked_until = NULL
       WHERE id = $1 AND (failed_logins > 0 OR locked_until IS NOT NULL)`,
      [id],
    );
  }

  async findAccountByUsername(db: Queryable, username: string): Promise<AccountRow | undefined> {
    const [row] = await db.query(`SELECT ${ACCOUNT_COLUMNS} FROM users WHERE username = $1`, [username]);
    return row;
  }

  async findAccountById(db: Queryable, id: string): Promise<AccountRow | undefined> {
    const [row] = await db.query(`SELECT ${ACCOUNT_COLUMNS} FROM users WHERE id = $1`, [id]);
    return row;
  }

  /** The user's standing declarations, oldest first. */
  async findRelatives(db: Queryable, userId: string): Promise<DeclaredRelative[]> {
    return db.query(
      `SELECT ${RELATIVE_COLUMNS} FROM user_relatives WHERE user_id = $1 AND withdrawn_at IS NULL
       ORDER BY declared_at, id_number`,
      [userId],
    );
  }

  /** The user's standing declaration of that person, held until the caller's transaction ends. */
  async lockRelative(db: Queryable, userId: string, idNumber: string): Promise<DeclaredRelative | undefined> {
    const [row] = await db.query(
      `SELECT ${RELATIVE_COLUMNS} FROM user_relatives
       WHERE user_id = $1 AND id_number = $2 AND withdrawn_at IS NULL FOR UPDATE`,
      [userId, idNumber],
    );
    return row;
  }

  /** Declares the person, or corrects the name and relation of the standing declaration (keeping its date). */
  async declareRelative(
    db: Queryable,
    userId: string,
    relative: Pick<RelativeRow, 'id_number' | 'name' | 'relation'>,
  ): Promise<DeclaredRelative> {
    const [row] = await db.query(
      `INSERT INTO user_relatives (user_id, id_number, name, relation) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id, id_number) WHERE withdrawn_at IS NULL
       DO UPDATE SET name = EXCLUDED.name, relation = EXCLUDED.relation
       RETURNING ${RELATIVE_COLUMNS}`,
      [userId, relative.id_number, relative.name, relative.relation],
    );
    return row;
  }

  /** Withdraws the standing declaration, kept with when and why; undefined when there was none. */
  async withdrawRelative(
    db: Queryable,
    userId: string,
    idNumber: string,
    reason: string,
  ): Promise<DeclaredRelative | undefined> {
    const [row] = await returningRows<DeclaredRelative>(
      db,
      `UPDATE user_relatives SET withdrawn_at = now(), withdrawn_reason = $3
       WHERE user_id = $1 AND id_number = $2 AND withdrawn_at IS NULL
       RETURNING ${RELATIVE_COLUMNS}`,
      [userId, idNumber, reason],
    );
    return row;
  }

  /**
   * The declarations of `userId` that bind them on the case. A declaration binds when the person is a member of
   * the case's household and the declaration stood at some time during the case's life, that is:
   *   - it was declared before the case closed (declared_at <= closed_at; an open case: any time until now), and
   *   - it was not withdrawn before the case was created (withdrawn_at IS NULL OR withdrawn_at > created_at).
   * So withdrawing a declaration while a case runs does not free anyone for that case; it frees them only for
   * cases opened after the withdrawal.
   */
  async findBindingRelatives(db: Queryable, userId: string, caseId: string): Promise<BindingRelative[]> {
    return db.query(
      `SELECT DISTINCT r.name, r.relation, r.id_number AS "idNumber" FROM ${bindingRelatives('$1', '$2')}
       ORDER BY r.name`,
      [userId, caseId],
    );
  }

  /** The department a user works for (null when none is recorded). */
  async findDepartment(db: Queryable, userId: string): Promise<string | null> {
    const [row]: Pick<UserRow, 'department'>[] = await db.query(
      'SELECT department FROM users WHERE id = $1',
      [userId],
    );
    return row?.department ?? null;
  }

  /** The user with the path of their jurisdiction: what decides whether they may work on a task. */
  async findWithJurisdictionPath(
    db: Queryable,
    userId: string,
  ): Promise<(Pick<UserRow, 'role' | 'display_name' | 'department'> & { path: string }) | undefined> {
    const [row] = await db.query(
      `SELECT u.role, u.display_name, u.department, j.path FROM users u
       JOIN jurisdictions j ON j.id = u.jurisdiction_id
       WHERE u.id = $1`,
      [userId],
    );
    return row;
  }

  /**
   * 改派 the enabled users who may take over a task (its role; a jurisdiction containing the task's, which its
   * path lists; its department, when it has one) and who lie inside the supervisor's own subtree, with how many
   * open tasks each holds now, the least busy first.
   */
  async findAssigneeCandidates(
    db: Queryable,
    task: { candidate_role: string; jurisdiction_path: string; department: string | null },
    supervisorPath: string,
  ): Promise<
    (Pick<UserRow, 'id' | 'display_name' | 'jurisdiction_id'> & {
      jurisdiction_name: string;
      open_tasks: number;
    })[]
  > {
    return db.query(
      `SELECT u.id, u.display_name, u.jurisdiction_id, j.name AS jurisdiction_name,
         (SELECT count(*)::int FROM tasks o WHERE o.assignee_id = u.id AND o.status = 'open') AS open_tasks
       FROM users u JOIN jurisdictions j ON j.id = u.jurisdiction_id
       WHERE u.role = $1 AND u.enabled AND u.jurisdiction_id = ANY(string_to_array($2, '.'))
         AND (j.path = $3 OR j.path LIKE $4)
         AND ($5::text IS NULL OR u.department = $5)
       ORDER BY open_tasks, u.display_name, u.id
       LIMIT 200`,
      [task.candidate_role, task.jurisdiction_path, supervisorPath, `${supervisorPath}.%`, task.department],
    );
  }
}
