// One Idempotency-Key per attempt at a request that changes something (a decision, an application, a case
// action): a repeated click resends the same attempt; after a refusal the next try is a new one.

/** A fresh key (crypto.randomUUID needs https or localhost; inside a county the platform may be plain http). */
export function attemptKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join(
    '',
  );
}
