// Signing in and out and changing one's own password. A sign-in creates a session row; the token names
// only the user and that session.

import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { hash } from 'bcryptjs';
import { DataSource } from 'typeorm';
import { ROLE_LABELS } from '@libs/domain';
import {
  type AccountRow,
  appendAuditEvent,
  type JurisdictionRow,
  JurisdictionsRepository,
  type LoginSource,
  SignInRepository,
  UsersRepository,
} from '@libs/persistence';
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
} from './login-throttle';
import { BCRYPT_ROUNDS, passwordMatches } from './passwords';

@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly users: UsersRepository,
    private readonly jurisdictions: JurisdictionsRepository,
    private readonly signIn: SignInRepository,
  ) {}

  async login({ username, password }: LoginDto, source: LoginSource): Promise<LoginResponseDto> {
    const blockedUntil = await addressBlockedUntil(this.dataSource.manager, source.address);
    if (blockedUntil) throw addressBlocked(blockedUntil);
    const account = await this.users.findAccountByUsername(this.dataSource, username);
    // A name no account has locks as an account does, so the lockout never tells which names exist.
    const lockedUntil = account
      ? account.locked_until
      : await this.signIn.findNameLockedUntil(this.dataSource, username);
    if (lockedUntil) throw accountLocked(lockedUntil);
    await pruneSignInRecords(this.dataSource.manager);
    // An unknown username is checked against a hash too. It, and a disabled account even with its right
    // password, are answered and counted as a wrong password is: no answer confirms a name or a password.
    const passwordRight = await passwordMatches(password, account?.password_hash);
    if (!passwordRight || !account?.enabled) {
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
      await this.users.clearFailedLogins(manager, account.id);
      await this.signIn.insertSession(manager, { id: sessionId, userId: account.id, expiresAt, source });
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
    // users.jurisdiction_id references the jurisdiction, so it exists.
    const { name } = (await this.jurisdictions.findById(
      this.dataSource,
      user.jurisdictionId,
    )) as JurisdictionRow;
    return {
      ...user,
      roleLabel: ROLE_LABELS[user.role],
      jurisdictionName: name,
      mustChangePassword: session.mustChangePassword,
    };
  }

  /** Ends the session the token names; the token is refused from now on. */
  async logout(user: AuthUser, session: AuthSession): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.signIn.revokeSession(manager, session.id, 'logout'))) return;
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
    // The caller's session names the account, so it exists.
    const account = (await this.users.findAccountById(this.dataSource, user.userId)) as AccountRow;
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
      await this.users.changePassword(manager, user.userId, passwordHash);
      const otherSessionsRevoked = await this.signIn.revokeSessionsOf(
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
