import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@libs/domain';
import type { AuthUser } from './auth-user';

export const IS_PUBLIC = 'isPublic';
export const ROLES = 'roles';
export const OWN_ACCOUNT = 'ownAccount';

/** The route needs no sign-in. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only these roles may call the route (others get 403). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

/**
 * The route is about the caller's own sign-in (who am I, change my password, sign out): open to every
 * role, read-only ones included, and while a password change is still due.
 */
export const OwnAccount = () => SetMetadata(OWN_ACCOUNT, true);

export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthUser => context.switchToHttp().getRequest().user,
);

/** The sign-in session the request's token names. */
export interface AuthSession {
  id: string;
  mustChangePassword: boolean;
}

export const CurrentSession = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthSession => context.switchToHttp().getRequest().authSession,
);
