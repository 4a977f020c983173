import type { Actor } from '@libs/contracts';
import type { Role } from '@libs/domain';

/** The signed-in user as every request sees it: an actor plus the path of their jurisdiction. */
export interface AuthUser extends Actor {
  role: Role;
  displayName: string;
  jurisdictionPath: string;
  /** 成员单位 the department a departmentOfficer works for (civilAffairs, housing…); null for other roles. */
  department: string | null;
}

/** Is `path` inside the subtree of the jurisdiction at `scopePath` (itself included)? */
export function inScope(scopePath: string, path: string): boolean {
  return path === scopePath || path.startsWith(`${scopePath}.`);
}

/** The user as an actor in workflow inputs and audit events. */
export function actorOf(user: AuthUser): Actor {
  return {
    userId: user.userId,
    username: user.username,
    role: user.role,
    jurisdictionId: user.jurisdictionId,
  };
}
