// Passwords: the one rule every new password meets, the hashing cost, and the check that costs the
// same whether or not the account exists.

import { randomUUID } from 'node:crypto';
import { applyDecorators } from '@nestjs/common';
import { compare, hashSync } from 'bcryptjs';
import { IsString, Matches, MaxLength } from 'class-validator';

export const BCRYPT_ROUNDS = 10;

/** A new password (admin-set or the user's own): at least 10 characters with letters and digits. */
export const IsAcceptablePassword = () =>
  applyDecorators(
    IsString(),
    // bcrypt reads at most 72 bytes; a longer password would be silently cut.
    MaxLength(72),
    Matches(/^(?=.*[A-Za-z])(?=.*\d).{10,}$/s, { message: '至少 10 位，须同时包含字母和数字' }),
  );

// Hashed at the cost real ones have, so an unknown username takes as long to refuse as a wrong password.
const UNKNOWN_ACCOUNT_HASH = hashSync(randomUUID(), BCRYPT_ROUNDS);

/** Does the password match? Without a stored hash bcrypt still runs (against a hash nothing matches). */
export async function passwordMatches(password: string, storedHash: string | undefined): Promise<boolean> {
  const matches = await compare(password, storedHash ?? UNKNOWN_ACCOUNT_HASH);
  return storedHash !== undefined && matches;
}
