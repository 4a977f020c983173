// Every route needs a valid bearer token unless marked @Public; @Roles narrows who may call it. A token
// only names a user and a session: who the user is (role, place, department) is read from their current
// record on every request, so a change by an admin holds from the next request on.

import { createHash } from 'node:crypto';
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { SYSTEM_ACTOR } from '@libs/contracts';
import type { Role } from '@libs/domain';
import { addLogFields } from '@libs/logging';
import { appendAuditEvent, type SessionWithUser, SignInRepository } from '@libs/persistence';
import { AppException } from '../common/app.exception';
import type { AuthUser } from './auth-user';
import { type AuthSession, IS_PUBLIC, OWN_ACCOUNT, ROLES } from './auth.decorators';
import {
  addressBlockedUntil,
  recordAddressFailure,
  TOKEN_REFUSALS_AUDITED,
  tokenRefusalKey,
} from './login-throttle';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Claims a token of ours never carries any more; one that does must agree with the user's record. */
const RECORD_CLAIMS = ['role', 'jurisdictionId', 'department'] as const;

type RefusalReason =
  | 'invalidSignature'
  | 'expired'
  | 'malformedClaims'
  | 'sessionNotFound'
  | 'sessionRevoked'
  | 'sessionExpired'
  | 'userDisabled'
  | 'claimsMismatch';

const INVALID = '登录令牌无效或已过期，请重新登录';
const REFUSAL_MESSAGES: Record<RefusalReason, string> = {
  invalidSignature: INVALID,
  malformedClaims: INVALID,
  sessionNotFound: INVALID,
  claimsMismatch: INVALID,
  expired: '登录已过期，请重新登录',
  sessionExpired: '登录已过期，请重新登录',
  sessionRevoked: '登录已失效（已退出，或密码、角色、辖区已变更），请重新登录',
  userDisabled: '账户已停用，请联系系统管理员',
};

interface TokenClaims {
  sub?: unknown;
  sid?: unknown;
  [claim: string]: unknown;
}

type AuthenticatedRequest = Request & { user?: AuthUser; authSession?: AuthSession };

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly dataSource: DataSource,
    private readonly signIn: SignInRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) {
      throw new AppException(
        'UNAUTHENTICATED',
        401,
        '未登录：请先调用 POST /auth/login，并在请求头带上 Authorization: Bearer <令牌>',
      );
    }
    const record = await this.authenticate(token, request.ip ?? 'unknown');
    const user: AuthUser = {
      userId: record.user_id,
      username: record.username,
      displayName: record.display_name,
      role: record.role,
      jurisdictionId: record.jurisdiction_id,
      jurisdictionPath: record.jurisdiction_path,
      department: record.department,
    };
    request.user = user;
    addLogFields({ userId: user.userId, role: user.role });
    request.authSession = { id: record.session_id, mustChangePassword: record.must_change_password };
    if (this.reflector.getAllAndOverride<boolean>(OWN_ACCOUNT, targets)) return true;
    if (record.must_change_password) {
      throw new AppException(
        'PASSWORD_CHANGE_REQUIRED',
        403,
        '管理员已重置您的密码：请先通过 POST /auth/password 修改密码，再办理其他业务',
      );
    }
    // 纪委监委 inspectors read everything in their scope and change nothing.
    if (user.role === 'inspector' && request.method !== 'GET') {
      throw new AppException('READ_ONLY_ROLE', 403, '督查角色只能查阅，不能办理或修改');
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(user.role)) {
      throw new AppException('FORBIDDEN_ROLE', 403, '当前角色无权执行此操作');
    }
    return true;
  }

  /** The token's session with its user's current record, or a 401 (audited) saying why not. */
  private async authenticate(token: string, address: string): Promise<SessionWithUser> {
    const refuse = (reason: RefusalReason) => this.refuse(token, reason, address);
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch (error) {
      return refuse(error instanceof TokenExpiredError ? 'expired' : 'invalidSignature');
    }
    const { sub, sid } = claims;
    if (typeof sub !== 'string' || typeof sid !== 'string' || !UUID.test(sub) || !UUID.test(sid)) {
      return refuse('malformedClaims');
    }
    // Database errors are not caught: they answer 503, not a refusal.
    const record = await this.signIn.findSessionWithUser(this.dataSource, sid, sub);
    if (!record) return refuse('sessionNotFound');
    if (!record.enabled) return refuse('userDisabled');
    if (record.revoked) return refuse('sessionRevoked');
    if (record.expired) return refuse('sessionExpired');
    const current = {
      role: record.role,
      jurisdictionId: record.jurisdiction_id,
      department: record.department,
    };
    if (RECORD_CLAIMS.some((claim) => claim in claims && claims[claim] !== current[claim])) {
      return refuse('claimsMismatch');
    }
    return record;
  }

  /**
   * Refuses the token with a 401. One that decodes as a JWT is audited, once per token (a replayed one adds
   * no row), up to TOKEN_REFUSALS_AUDITED distinct tokens per address and window; other garbage is not, so
   * neither can fill the audit log.
   */
  private async refuse(token: string, reason: RefusalReason, address: string): Promise<never> {
    const decoded = this.jwt.decode<unknown>(token);
    if (decoded && typeof decoded === 'object') {
      const claims = decoded as TokenClaims;
      const claimed = (value: unknown) => (typeof value === 'string' ? value.slice(0, 64) : null);
      const budget = tokenRefusalKey(address);
      await this.dataSource.transaction(async (manager) => {
        if (await addressBlockedUntil(manager, budget, TOKEN_REFUSALS_AUDITED)) return;
        const written = await appendAuditEvent(manager, {
          eventKey: `auth.tokenRefused:${createHash('sha256').update(token).digest('hex')}`,
          actor: SYSTEM_ACTOR,
          action: 'auth.tokenRefused',
          entityType: 'session',
          entityId: claimed(claims.sid) ?? 'unknown',
          after: {
            reason,
            claimedUserId: claimed(claims.sub),
            claimedSessionId: claimed(claims.sid),
            claimedUsername: claimed(claims.username),
            claimedRole: claimed(claims.role),
          },
          reason: REFUSAL_MESSAGES[reason],
        });
        if (written) await recordAddressFailure(manager, budget);
      });
    }
    throw new AppException('UNAUTHENTICATED', 401, REFUSAL_MESSAGES[reason]);
  }
}
