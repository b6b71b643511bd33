import type { Principal } from './token-verifier';

/** Tokens remembered at most: 1,024 callers' tokens at once, ~200 bytes each. */
export const VERIFIED_TOKEN_CAPACITY = 1024;
/** How long a verified token is trusted without a new signature check, at most (e.g. after a JWKS key is withdrawn). */
export const VERIFIED_TOKEN_MAX_AGE_MS = 60_000;

interface Entry {
  readonly principal: Principal;
  /** Clock time (ms) from which the entry no longer holds: the token's `exp`, or the max age, whichever is first. */
  readonly until: number;
}

/**
 * Tokens whose signature and claims already verified, by digest, until their
 * `exp` (and for {@link VERIFIED_TOKEN_MAX_AGE_MS} at most), the least
 * recently used dropped first. A client sends the same token with each
 * request; checking its HMAC again each time cost ~0.2 ms of the event loop
 * and three native objects (key, HMAC, hash) for V8's scavenger to finalise.
 * Failures are never remembered: a bad token is checked (and refused) each time.
 * @internal
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly capacity = VERIFIED_TOKEN_CAPACITY,
    private readonly maxAgeMs = VERIFIED_TOKEN_MAX_AGE_MS,
  ) {}

  /** The principal of a token verified before and still valid at `nowMs`, else undefined (an expired entry is dropped). */
  get(digest: string, nowMs: number): Principal | undefined {
    const entry = this.entries.get(digest);
    if (entry === undefined) return undefined;
    this.entries.delete(digest);
    if (nowMs >= entry.until) return undefined;
    this.entries.set(digest, entry); // most recently used last
    return entry.principal;
  }

  /** Remembers a verified token until `expiresAtMs` (its `exp`; undefined: none) or the max age from `nowMs`. */
  set(digest: string, principal: Principal, nowMs: number, expiresAtMs: number | undefined): void {
    const until = Math.min(expiresAtMs ?? Number.POSITIVE_INFINITY, nowMs + this.maxAgeMs);
    if (!(until > nowMs)) return;
    this.entries.delete(digest);
    this.entries.set(digest, { principal, until });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }

  get size(): number {
    return this.entries.size;
  }
}
