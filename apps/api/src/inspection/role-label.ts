import { ROLE_LABELS } from '@libs/domain';

/** A role's Chinese name; a role this build does not know shows as itself. */
export const roleLabel = (role: string): string =>
  Object.hasOwn(ROLE_LABELS, role) ? ROLE_LABELS[role as keyof typeof ROLE_LABELS] : role;
