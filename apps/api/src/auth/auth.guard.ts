// Every route needs a valid bearer token unless marked @Public; @Roles narrows who may call it.

import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import type { Role } from '../../../../libs/domain/src';
import { AppException } from '../common/app.exception';
import type { AuthUser } from './auth-user';
import { IS_PUBLIC, ROLES } from './auth.decorators';

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) {
      throw new AppException(
        'UNAUTHENTICATED',
        401,
        '未登录：请先调用 POST /auth/login，并在请求头带上 Authorization: Bearer <令牌>',
      );
    }
    try {
      const claims = await this.jwt.verifyAsync<
        Omit<AuthUser, 'department'> & { department?: string | null; sub: string }
      >(token);
      // Tokens signed before departments were carried lack the claim: no department until the next sign-in.
      request.user = { ...claims, department: claims.department ?? null };
    } catch {
      throw new AppException('UNAUTHENTICATED', 401, '登录令牌无效或已过期，请重新登录');
    }
    // 纪委监委 inspectors read everything in their scope and change nothing.
    if (request.user.role === 'inspector' && request.method !== 'GET') {
      throw new AppException('READ_ONLY_ROLE', 403, '督查角色只能查阅，不能办理或修改');
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(request.user.role)) {
      throw new AppException('FORBIDDEN_ROLE', 403, '当前角色无权执行此操作');
    }
    return true;
  }
}
