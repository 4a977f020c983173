// Signing in and out and changing one's own password. A sign-in creates a session row; the token names
// only the user and that session.

import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { hash } from 'bcryptjs';
import { DataSource } from 'typeorm';
import { ROLE_LABELS, type Role } from '@libs/domain';
import { appendAuditEvent } from '@libs/persistence';
import { AppException } from '../common/app.exception';
import { actorOf, type AuthUser } from './auth-user';
import type { AuthSession } from './auth.decorators';
import type { ChangePasswordDto, ChangePasswordResponseDto } from './dto/change-password.dto';
import type { LoginDto, LoginResponseDto } from './dto/login.dto';
import type { MeResponseDto } from './dto/me.dto';
import {
  accountLocked,
  addressBlocked,
  addressBlockedUntil,
  pruneSignInRecords,
  recordAddressFailure,
  recordWrongPassword,
  unknownNameLockedUntil,
} from './login-throttle';
import { BCRYPT_ROUNDS, passwordMatches } from './passwords';
import { createSession, type LoginSource, revokeSession, revokeSessionsOf } from './sessions';

interface AccountRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: Role;
  jurisdiction_id: string;
  jurisdiction_name: string;
  department: string | null;
  enabled: boolean;
  must_change_password: boolean;
  /** locked_until while it lies ahead, else null. */
  locked_until: Date | null;
}

const ACCOUNT_COLUMNS = `id, username, display_name, password_hash, role, jurisdiction_id,
  (SELECT j.name FROM jurisdictions j WHERE j.id = users.jurisdiction_id) AS jurisdiction_name, department, enabled,
  must_change_password, CASE WHEN locked_until > now() THEN locked_until END AS locked_until`;

@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
  ) {}

  async login({ username, password }: LoginDto, source: LoginSource): Promise<LoginResponseDto> {
    const blockedUntil = await addressBlockedUntil(this.dataSource.manager, source.address);
    if (blockedUntil) throw addressBlocked(blockedUntil);
    const [account]: AccountRow[] = await this.dataSource.query(
      `SELECT ${ACCOUNT_COLUMNS} FROM users WHERE username = $1`,
      [username],
    );
    // A name no account has locks as an account does, so the lockout never tells which names exist.
    const lockedUntil = account
      ? account.locked_until
      : await unknownNameLockedUntil(this.dataSource.manager, username);
    if (lockedUntil) throw accountLocked(lockedUntil);
    await pruneSignInRecords(this.dataSource.manager);
    // An unknown username is checked against a hash too. It, and a disabled account even with its right
    // password, are answered and counted as a wrong password is: no answer confirms a name or a password.
    const passwordRight = await passwordMatches(password, account?.password_hash);
    if (!passwordRight || !account.enabled) {
      await this.dataSource.transaction(async (manager) => {
        await recordAddressFailure(manager, source.address);
        await recordWrongPassword(manager, username, account?.id);
      });
      throw new AppException('LOGIN_FAILED', 401, '用户名或密码错误');
    }
    const sessionId = randomUUID();
    const accessToken = await this.jwt.signAsync({ sub: account.id, sid: sessionId });
    const expiresAt = new Date(this.jwt.decode<{ exp: number }>(accessToken).exp * 1000);
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE users SET failed_logins = 0, failed_logins_since = NULL, locked_until = NULL
         WHERE id = $1 AND (failed_logins > 0 OR locked_until IS NOT NULL)`,
        [account.id],
      );
      await createSession(manager, { id: sessionId, userId: account.id, expiresAt, source });
      await appendAuditEvent(manager, {
        eventKey: `auth.login:${sessionId}`,
        actor: {
          userId: account.id,
          username: account.username,
          role: account.role,
          jurisdictionId: account.jurisdiction_id,
        },
        action: 'auth.login',
        entityType: 'session',
        entityId: sessionId,
        after: { sourceAddress: source.address, expiresAt },
      });
    });
    return {
      accessToken,
      expiresAt,
      mustChangePassword: account.must_change_password,
      user: {
        id: account.id,
        username: account.username,
        displayName: account.display_name,
        role: account.role,
        roleLabel: ROLE_LABELS[account.role],
        jurisdictionId: account.jurisdiction_id,
        jurisdictionName: account.jurisdiction_name,
        department: account.department,
      },
    };
  }

  /** Who the caller is, with the names the web UI's header shows (their role's and their jurisdiction's). */
  async me(user: AuthUser, session: AuthSession): Promise<MeResponseDto> {
    const [jurisdiction]: { name: string }[] = await this.dataSource.query(
      'SELECT name FROM jurisdictions WHERE id = $1',
      [user.jurisdictionId],
    );
    return {
      ...user,
      roleLabel: ROLE_LABELS[user.role],
      jurisdictionName: jurisdiction.name,
      mustChangePassword: session.mustChangePassword,
    };
  }

  /** Ends the session the token names; the token is refused from now on. */
  async logout(user: AuthUser, session: AuthSession): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      if (!(await revokeSession(manager, session.id, 'logout'))) return;
      await appendAuditEvent(manager, {
        eventKey: `auth.logout:${session.id}`,
        actor: actorOf(user),
        action: 'auth.logout',
        entityType: 'session',
        entityId: session.id,
      });
    });
  }

  /**
   * Changes the caller's own password. A wrong current password counts toward the lockout; success ends
   * every other session of theirs and lifts a change an admin asked for. The audit row says that it
   * changed, never what to.
   */
  async changePassword(
    user: AuthUser,
    session: AuthSession,
    dto: ChangePasswordDto,
  ): Promise<ChangePasswordResponseDto> {
    const [account]: AccountRow[] = await this.dataSource.query(
      `SELECT ${ACCOUNT_COLUMNS} FROM users WHERE id = $1`,
      [user.userId],
    );
    if (account.locked_until) throw accountLocked(account.locked_until);
    if (!(await passwordMatches(dto.currentPassword, account.password_hash))) {
      await this.dataSource.transaction((manager) =>
        recordWrongPassword(manager, user.username, user.userId),
      );
      throw new AppException('WRONG_CURRENT_PASSWORD', 400, '当前密码不正确', {
        errors: [{ field: 'currentPassword', message: '当前密码不正确' }],
      });
    }
    if (await passwordMatches(dto.newPassword, account.password_hash)) {
      throw new AppException('PASSWORD_UNCHANGED', 400, '新密码不能与当前密码相同', {
        errors: [{ field: 'newPassword', message: '不能与当前密码相同' }],
      });
    }
    const passwordHash = await hash(dto.newPassword, BCRYPT_ROUNDS);
    return this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE users SET password_hash = $2, must_change_password = false, password_changed_at = now(),
           failed_logins = 0, failed_logins_since = NULL, locked_until = NULL
         WHERE id = $1`,
        [user.userId, passwordHash],
      );
      const otherSessionsRevoked = await revokeSessionsOf(
        manager,
        user.userId,
        'passwordChanged',
        session.id,
      );
      await appendAuditEvent(manager, {
        eventKey: `auth.passwordChanged:${user.userId}:${randomUUID()}`,
        actor: actorOf(user),
        action: 'auth.passwordChanged',
        entityType: 'user',
        entityId: user.userId,
        after: { username: user.username, otherSessionsRevoked },
      });
      return { otherSessionsRevoked };
    });
  }
}
