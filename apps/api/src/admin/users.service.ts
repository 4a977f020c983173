// 用户管理 user administration within the admin's jurisdiction subtree. Password hashes are written
// here and never read back: no query in this file selects them, and audit rows never carry them.

import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { hash } from 'bcryptjs';
import { DataSource, type EntityManager } from 'typeorm';
import { ROLE_LABELS, type JurisdictionLevel, type Role } from '@libs/domain';
import { appendAuditEvent } from '@libs/persistence';
import type { AuthUser } from '../auth/auth-user';
import { inScope } from '../auth/auth-user';
import { BCRYPT_ROUNDS } from '../auth/passwords';
import { revokeSessionsOf } from '../auth/sessions';
import { AppException } from '../common/app.exception';
import { JURISDICTION_LEVEL_LABELS, ROLE_JURISDICTION_LEVELS } from './admin-rules';
import type { CreateUserDto, ResetPasswordDto, UpdateUserDto } from './dto/user.dto';
import type { ListUsersQueryDto } from './dto/list-users-query.dto';
import { type JurisdictionRow, JurisdictionsService } from './jurisdictions.service';

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  jurisdiction_id: string;
  jurisdiction_name: string;
  jurisdiction_path: string;
  department: string | null;
  enabled: boolean;
  failed_logins: number;
  /** locked_until while it lies ahead, else null. */
  locked_until: Date | null;
  created_at: Date;
}

const USER_COLUMNS = `u.id, u.username, u.display_name, u.role, u.jurisdiction_id, j.name AS jurisdiction_name,
  j.path AS jurisdiction_path, u.department, u.enabled, u.failed_logins,
  CASE WHEN u.locked_until > now() THEN u.locked_until END AS locked_until, u.created_at`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function userView(row: UserRow) {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    roleLabel: ROLE_LABELS[row.role] ?? row.role,
    jurisdictionId: row.jurisdiction_id,
    jurisdictionName: row.jurisdiction_name,
    department: row.department,
    enabled: row.enabled,
    lockedUntil: row.locked_until,
    createdAt: row.created_at,
  };
}

/** A LIKE pattern for text containing `q` literally (its %, _ and \ escaped); none for an empty `q`. */
function containing(q: string | undefined): string | null {
  const text = q?.trim();
  return text ? `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
}

/** What the audit log keeps of a user: who they are, where they work and whether enabled, never the hash. */
const auditView = (
  row: Pick<UserRow, 'username' | 'display_name' | 'role' | 'jurisdiction_id' | 'department' | 'enabled'>,
) => ({
  username: row.username,
  displayName: row.display_name,
  role: row.role,
  jurisdictionId: row.jurisdiction_id,
  department: row.department,
  enabled: row.enabled,
});

@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jurisdictions: JurisdictionsService,
  ) {}

  /** Users in my subtree (or a jurisdiction's subtree within it), by username, keyset pages; `q` matches username or name. */
  async list(query: ListUsersQueryDto, user: AuthUser) {
    const limit = query.limit ?? 20;
    const scopePath = query.jurisdictionId
      ? (await this.jurisdictions.findInScope(query.jurisdictionId, user, { field: 'jurisdictionId' })).path
      : user.jurisdictionPath;
    const rows: UserRow[] = await this.dataSource.query(
      `SELECT ${USER_COLUMNS} FROM users u JOIN jurisdictions j ON j.id = u.jurisdiction_id
       WHERE (j.path = $1 OR j.path LIKE $1 || '.%')
         AND ($2::text IS NULL OR u.role = $2) AND ($3::text IS NULL OR u.username COLLATE "C" > $3)
         AND ($5::text IS NULL OR u.username ILIKE $5 OR u.display_name ILIKE $5)
       ORDER BY u.username COLLATE "C" LIMIT $4`,
      [scopePath, query.role ?? null, query.cursor ?? null, limit + 1, containing(query.q)],
    );
    const items = rows.slice(0, limit).map(userView);
    return { items, nextCursor: rows.length > limit ? items[items.length - 1].username : null };
  }

  async findOne(id: string, user: AuthUser) {
    return userView(await this.findInScope(id, user));
  }

  async create(dto: CreateUserDto, user: AuthUser) {
    const jurisdiction = await this.jurisdictions.findInScope(dto.jurisdictionId, user, {
      field: 'jurisdictionId',
    });
    requirePlacement(dto.role, jurisdiction);
    requireDepartmentRule(dto.role, dto.department ?? null, dto.department !== undefined);
    const passwordHash = await hash(dto.password, BCRYPT_ROUNDS);
    const id = randomUUID();
    return this.dataSource.transaction(async (manager) => {
      const inserted = await manager.query(
        `INSERT INTO users (id, username, display_name, password_hash, role, jurisdiction_id, department)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING id`,
        [id, dto.username, dto.displayName, passwordHash, dto.role, jurisdiction.id, dto.department ?? null],
      );
      if (inserted.length === 0) {
        throw new AppException('USERNAME_TAKEN', 409, `用户名「${dto.username}」已被使用，请换一个`, {
          errors: [{ field: 'username', message: '已被使用' }],
        });
      }
      const created = await this.findInScope(id, user, manager);
      await appendAuditEvent(manager, {
        eventKey: `user.created:${id}`,
        actor: user,
        action: 'user.created',
        entityType: 'user',
        entityId: id,
        after: auditView(created),
      });
      return userView(created);
    });
  }

  async update(id: string, dto: UpdateUserDto, user: AuthUser) {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.findInScope(id, user, manager, true);
      const role = dto.role ?? before.role;
      const jurisdiction = dto.jurisdictionId
        ? await this.jurisdictions.findInScope(dto.jurisdictionId, user, { field: 'jurisdictionId', manager })
        : undefined;
      const moved = jurisdiction !== undefined && jurisdiction.id !== before.jurisdiction_id;
      const enabled = dto.enabled ?? before.enabled;
      if (id === user.userId && (role !== before.role || moved || !enabled)) {
        throw new AppException(
          'SELF_CHANGE',
          403,
          '不能修改自己的角色、辖区或停用自己，请由其他系统管理员办理',
        );
      }
      if (role !== before.role || moved) {
        requirePlacement(role, jurisdiction ?? (await this.jurisdictionOf(before, manager)));
      }
      // Leaving the department-officer role leaves the department behind.
      const department =
        dto.department !== undefined
          ? dto.department
          : role === 'departmentOfficer'
            ? before.department
            : null;
      requireDepartmentRule(role, department, dto.department !== undefined);
      const after = {
        username: before.username,
        display_name: dto.displayName ?? before.display_name,
        role,
        jurisdiction_id: jurisdiction?.id ?? before.jurisdiction_id,
        department,
        enabled,
      };
      if (JSON.stringify(auditView(after)) === JSON.stringify(auditView(before))) return userView(before);
      await manager.query(
        `UPDATE users SET display_name = $2, role = $3, jurisdiction_id = $4, department = $5, enabled = $6
         WHERE id = $1`,
        [id, after.display_name, after.role, after.jurisdiction_id, after.department, after.enabled],
      );
      // A token stands for who the user was when they signed in: once that changes, they sign in again.
      const revokedBy = !enabled
        ? 'disabled'
        : role !== before.role || moved || department !== before.department
          ? 'accountChanged'
          : null;
      const sessionsRevoked = revokedBy ? await revokeSessionsOf(manager, id, revokedBy) : 0;
      await appendAuditEvent(manager, {
        eventKey: `user.updated:${id}:${randomUUID()}`,
        actor: user,
        action: 'user.updated',
        entityType: 'user',
        entityId: id,
        before: auditView(before),
        after: { ...auditView(after), sessionsRevoked },
      });
      return userView(await this.findInScope(id, user, manager));
    });
  }

  /**
   * Sets a new password the user must change at their next sign-in, and ends their sessions; the audit
   * row says that it changed, never what to.
   */
  async resetPassword(id: string, dto: ResetPasswordDto, user: AuthUser): Promise<void> {
    if (id === user.userId) {
      throw new AppException('SELF_CHANGE', 403, '不能重置自己的密码，请通过 POST /auth/password 修改');
    }
    await this.findInScope(id, user);
    const passwordHash = await hash(dto.password, BCRYPT_ROUNDS);
    await this.dataSource.transaction(async (manager) => {
      const target = await this.findInScope(id, user, manager, true);
      await manager.query(
        `UPDATE users SET password_hash = $2, must_change_password = true, password_changed_at = now()
         WHERE id = $1`,
        [id, passwordHash],
      );
      const sessionsRevoked = await revokeSessionsOf(manager, id, 'passwordReset');
      await appendAuditEvent(manager, {
        eventKey: `user.passwordReset:${id}:${randomUUID()}`,
        actor: user,
        action: 'user.passwordReset',
        entityType: 'user',
        entityId: id,
        after: { username: target.username, passwordReset: true, sessionsRevoked },
      });
    });
  }

  /** Lifts a lockout after wrong passwords (and clears the count toward the next one). */
  async unlock(id: string, user: AuthUser) {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.findInScope(id, user, manager, true);
      if (before.failed_logins === 0 && !before.locked_until) return userView(before);
      await manager.query('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1', [id]);
      await appendAuditEvent(manager, {
        eventKey: `user.unlocked:${id}:${randomUUID()}`,
        actor: user,
        action: 'user.unlocked',
        entityType: 'user',
        entityId: id,
        before: {
          username: before.username,
          failedLogins: before.failed_logins,
          lockedUntil: before.locked_until,
        },
      });
      return userView(await this.findInScope(id, user, manager));
    });
  }

  /** The user, if their jurisdiction lies in the admin's subtree; otherwise 404, as if they did not exist. */
  private async findInScope(
    id: string,
    user: AuthUser,
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<UserRow> {
    const [row]: UserRow[] = UUID.test(id)
      ? await manager.query(
          `SELECT ${USER_COLUMNS} FROM users u JOIN jurisdictions j ON j.id = u.jurisdiction_id
           WHERE u.id = $1${lock ? ' FOR UPDATE OF u' : ''}`,
          [id],
        )
      : [];
    if (!row || !inScope(user.jurisdictionPath, row.jurisdiction_path)) {
      throw new AppException('USER_NOT_FOUND', 404, `用户 ${id} 不存在或不在您的管辖范围内`);
    }
    return row;
  }

  private async jurisdictionOf(row: UserRow, manager: EntityManager): Promise<JurisdictionRow> {
    const [jurisdiction]: JurisdictionRow[] = await manager.query(
      'SELECT id, name, level, parent_id, path FROM jurisdictions WHERE id = $1',
      [row.jurisdiction_id],
    );
    return jurisdiction;
  }
}

/** Each role works at the level its inbox is meant for (a caseworker in a village, and so on). */
function requirePlacement(role: Role, jurisdiction: JurisdictionRow): void {
  const levels: readonly JurisdictionLevel[] = ROLE_JURISDICTION_LEVELS[role];
  if (levels.includes(jurisdiction.level)) return;
  const allowed = levels.map((level) => JURISDICTION_LEVEL_LABELS[level]).join('或');
  throw new AppException(
    'ROLE_LEVEL_MISMATCH',
    400,
    `「${ROLE_LABELS[role]}」应设在${allowed}一级，「${jurisdiction.name}」是${JURISDICTION_LEVEL_LABELS[jurisdiction.level]}`,
    { errors: [{ field: 'jurisdictionId', message: `「${ROLE_LABELS[role]}」应设在${allowed}一级` }] },
  );
}

/** 部门经办人 department officers name their department; no other role has one. */
function requireDepartmentRule(role: Role, department: string | null, given: boolean): void {
  if (role === 'departmentOfficer' && !department) {
    throw new AppException('DEPARTMENT_REQUIRED', 400, '部门经办人须填写所属部门（department）', {
      errors: [{ field: 'department', message: '部门经办人必填' }],
    });
  }
  if (role !== 'departmentOfficer' && given) {
    throw new AppException(
      'DEPARTMENT_NOT_ALLOWED',
      400,
      `只有部门经办人填写所属部门，「${ROLE_LABELS[role]}」不填`,
      {
        errors: [{ field: 'department', message: '只有部门经办人填写' }],
      },
    );
  }
}
