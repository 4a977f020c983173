// 用户管理 user administration within the admin's jurisdiction subtree. Password hashes are written
// here and never read back: no query in this file selects them, and audit rows never carry them.

import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { hash } from 'bcryptjs';
import { DataSource, type EntityManager } from 'typeorm';
import {
  ROLE_LABELS,
  type JurisdictionLevel,
  type Role,
  JURISDICTION_LEVEL_LABELS,
  ROLE_JURISDICTION_LEVELS,
} from '@libs/domain';
import {
  appendAuditEvent,
  type JurisdictionRow,
  SignInRepository,
  type UserWithPlace,
  UsersRepository,
} from '@libs/persistence';
import type { AuthUser } from '../auth/auth-user';
import { inScope } from '../auth/auth-user';
import { BCRYPT_ROUNDS } from '../auth/passwords';
import { AppException } from '../common/app.exception';
import type { ChangeReasonDto } from './dto/change-reason.dto';
import type { CreateUserDto, ResetPasswordDto, UpdateUserDto } from './dto/user.dto';
import type { ListUsersQueryDto } from './dto/list-users-query.dto';
import { JurisdictionsService } from './jurisdictions.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function userView(row: UserWithPlace) {
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

/** What the audit log keeps of a user: who they are, where they work and whether enabled, never the hash. */
const auditView = (
  row: Pick<
    UserWithPlace,
    'username' | 'display_name' | 'role' | 'jurisdiction_id' | 'department' | 'enabled'
  >,
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
    private readonly users: UsersRepository,
    private readonly signIn: SignInRepository,
  ) {}

  /** Users in my subtree (or a jurisdiction's subtree within it), by username, keyset pages; `q` matches username or name. */
  async list(query: ListUsersQueryDto, user: AuthUser) {
    const limit = query.limit ?? 20;
    const scopePath = query.jurisdictionId
      ? (await this.jurisdictions.findInScope(query.jurisdictionId, user, { field: 'jurisdictionId' })).path
      : user.jurisdictionPath;
    const rows = await this.users.findPageInSubtree(
      this.dataSource,
      { scopePath, role: query.role, q: query.q?.trim() || undefined, afterUsername: query.cursor },
      limit + 1,
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
      const inserted = await this.users.insert(manager, {
        id,
        username: dto.username,
        displayName: dto.displayName,
        passwordHash,
        role: dto.role,
        jurisdictionId: jurisdiction.id,
        department: dto.department ?? null,
      });
      if (!inserted) {
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
        reason: dto.reason,
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
        // The user's own place lies in the admin's subtree: findInScope found the user there.
        requirePlacement(
          role,
          jurisdiction ?? (await this.jurisdictions.findInScope(before.jurisdiction_id, user, { manager })),
        );
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
      await this.users.update(manager, id, after);
      // A token stands for who the user was when they signed in: once that changes, they sign in again.
      const revokedBy = !enabled
        ? 'disabled'
        : role !== before.role || moved || department !== before.department
          ? 'accountChanged'
          : null;
      const sessionsRevoked = revokedBy ? await this.signIn.revokeSessionsOf(manager, id, revokedBy) : 0;
      await appendAuditEvent(manager, {
        eventKey: `user.updated:${id}:${randomUUID()}`,
        actor: user,
        action: 'user.updated',
        entityType: 'user',
        entityId: id,
        before: auditView(before),
        after: { ...auditView(after), sessionsRevoked },
        reason: dto.reason,
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
      await this.users.resetPassword(manager, id, passwordHash);
      const sessionsRevoked = await this.signIn.revokeSessionsOf(manager, id, 'passwordReset');
      await appendAuditEvent(manager, {
        eventKey: `user.passwordReset:${id}:${randomUUID()}`,
        actor: user,
        action: 'user.passwordReset',
        entityType: 'user',
        entityId: id,
        after: { username: target.username, passwordReset: true, sessionsRevoked },
        reason: dto.reason,
      });
    });
  }

  /** Lifts a lockout after wrong passwords (and clears the count toward the next one). */
  async unlock(id: string, dto: ChangeReasonDto, user: AuthUser) {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.findInScope(id, user, manager, true);
      if (before.failed_logins === 0 && !before.locked_until) return userView(before);
      await this.users.unlock(manager, id);
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
        after: { username: before.username, failedLogins: 0, lockedUntil: null },
        reason: dto.reason,
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
  ): Promise<UserWithPlace> {
    const row = UUID.test(id) ? await this.users.findWithPlace(manager, id, lock) : undefined;
    if (!row || !inScope(user.jurisdictionPath, row.jurisdiction_path)) {
      throw new AppException('USER_NOT_FOUND', 404, `用户 ${id} 不存在或不在您的管辖范围内`);
    }
    return row;
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
