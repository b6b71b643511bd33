import * as crypto from 'node:crypto';

/** Node ≥ 20.12's one-shot digest: no `Hash` object (a native handle V8's scavenger must go through) per call. */
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'base64url') => string }).hash;

/**
 * The SHA-256 of a token (or of an `Authorization` header) in base64url: the
 * name under which a token is remembered (verified tokens, rate-limit
 * buckets), so that tokens themselves are never kept in memory as keys.
 *
 * @example
 * tokenDigest('Bearer eyJ…'); // '3q2-7w…' (43 characters)
 */
export function tokenDigest(token: string): string {
  return oneShot ? oneShot('sha256', token, 'base64url') : crypto.createHash('sha256').update(token).digest('base64url');
}
