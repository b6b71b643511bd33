import { createSecretKey, type KeyObject } from 'node:crypto';
import { inject, injectable } from 'inversify';
import type { JWTPayload, JWTVerifyGetKey } from 'jose';
import { Clock, Settings } from '@tsforecast/config';
import { isApiScope, type ApiScope } from './api-scopes';
import { AuthenticationError, PermissionError } from './auth-errors';
import { joseLibrary } from './jose-library';
import { tokenDigest } from './token-digest';
import { VerifiedTokenCache } from './verified-token-cache';

/** Who a verified token speaks for, and what it may do. */
export interface Principal {
  readonly subject: string;
  readonly scopes: readonly ApiScope[];
}

/** HS256 with `JWT_SECRET`; the asymmetric ones only through a JWKS. Anything else (`none` included) is refused. */
const symmetricAlgorithms = ['HS256'];
const jwksAlgorithms = ['RS256', 'ES256'];

/**
 * Checks a bearer token: signature (HS256 with `JWT_SECRET`, or RS256/ES256
 * with a key from `JWT_JWKS_URL`), `exp`, `iss`, `aud`, and a `sub`. Every
 * failure is an {@link AuthenticationError} saying which check failed, never
 * echoing the token. A token that verified is remembered by its digest until
 * its `exp` (one minute at most, see {@link VerifiedTokenCache}), so a client's
 * next requests with it skip the signature check.
 *
 * @example
 * const principal = await verifier.verify(token); // { subject: 'ci', scopes: ['read'] }
 * requireScope(principal, 'read');
 */
@injectable()
export class TokenVerifier {
  /** The HS256 key, made once: jose would otherwise turn the secret's bytes into a key object on each verification. */
  private readonly secret: KeyObject | undefined;
  private readonly jwksUrl: URL | undefined;
  private remoteKeys: JWTVerifyGetKey | undefined;
  private readonly verified = new VerifiedTokenCache();

  constructor(
    @inject(Settings) private readonly settings: Settings,
    @inject(Clock) private readonly clock: Clock,
  ) {
    this.secret = settings.JWT_SECRET === undefined ? undefined : createSecretKey(Buffer.from(settings.JWT_SECRET, 'utf8'));
    this.jwksUrl = settings.JWT_JWKS_URL === undefined ? undefined : new URL(settings.JWT_JWKS_URL);
  }

  /** Whether any way of verifying tokens is configured (else the API may only listen on loopback). */
  get configured(): boolean {
    return this.secret !== undefined || this.jwksUrl !== undefined;
  }

  async verify(token: string): Promise<Principal> {
    const now = this.clock.now();
    const digest = tokenDigest(token);
    const known = this.verified.get(digest, now.getTime());
    if (known !== undefined) return known;
    const { principal, expiresAtMs } = await this.check(token, now);
    this.verified.set(digest, principal, now.getTime(), expiresAtMs);
    return principal;
  }

  /** The full check: algorithm, signature, claims; the principal and when the token expires (`exp`, in ms). */
  private async check(token: string, now: Date): Promise<{ principal: Principal; expiresAtMs: number | undefined }> {
    const algorithm = this.algorithmOf(token);
    const options = { issuer: this.settings.JWT_ISSUER, audience: this.settings.JWT_AUDIENCE, currentDate: now };
    const { jwtVerify } = joseLibrary();
    let payload: JWTPayload;
    try {
      if (symmetricAlgorithms.includes(algorithm) && this.secret !== undefined) {
        ({ payload } = await jwtVerify(token, this.secret, { ...options, algorithms: symmetricAlgorithms }));
      } else if (jwksAlgorithms.includes(algorithm) && this.jwksUrl !== undefined) {
        ({ payload } = await jwtVerify(token, this.jwks(this.jwksUrl), { ...options, algorithms: jwksAlgorithms }));
      } else {
        throw new AuthenticationError(
          `token algorithm '${algorithm}' is not accepted; accepted: ${this.acceptedAlgorithms().join(', ') || 'none'}`,
        );
      }
    } catch (error) {
      throw error instanceof AuthenticationError ? error : new AuthenticationError(describeJoseFailure(error));
    }
    if (typeof payload.sub !== 'string' || payload.sub === '') throw new AuthenticationError('token has no subject (sub)');
    // Frozen: one principal answers every request that carries the token.
    const principal = Object.freeze({ subject: payload.sub, scopes: Object.freeze(scopesOf(payload)) });
    return { principal, expiresAtMs: typeof payload.exp === 'number' ? payload.exp * 1000 : undefined };
  }

  private algorithmOf(token: string): string {
    try {
      return String(joseLibrary().decodeProtectedHeader(token).alg ?? 'none');
    } catch {
      throw new AuthenticationError('bearer token is not a JWT');
    }
  }

  /** The JWKS's keys, fetched and cached by jose from the first token that needs them. */
  private jwks(url: URL): JWTVerifyGetKey {
    return (this.remoteKeys ??= joseLibrary().createRemoteJWKSet(url));
  }

  private acceptedAlgorithms(): string[] {
    return [...(this.secret ? symmetricAlgorithms : []), ...(this.jwksUrl ? jwksAlgorithms : [])];
  }
}

/**
 * Throws a {@link PermissionError} unless the principal holds `scope`.
 *
 * @example
 * requireScope({ subject: 'ci', scopes: ['read'] }, 'admin'); // throws: … lacks scope 'admin'
 */
export function requireScope(principal: Principal, scope: ApiScope): void {
  if (!principal.scopes.includes(scope)) {
    const held = principal.scopes.length === 0 ? 'none' : principal.scopes.join(', ');
    throw new PermissionError(`token of '${principal.subject}' lacks scope '${scope}' (it has: ${held})`);
  }
}

/** `scope: "read forecast"` (OAuth 2) or `scp: ["read"]` (some identity providers); unknown names are dropped. */
function scopesOf(payload: JWTPayload): ApiScope[] {
  const raw = payload['scope'] ?? payload['scp'];
  const names = typeof raw === 'string' ? raw.split(' ') : Array.isArray(raw) ? raw.map(String) : [];
  return [...new Set(names.filter(isApiScope))];
}

function describeJoseFailure(error: unknown): string {
  const { errors } = joseLibrary();
  if (error instanceof errors.JWTExpired) return 'token has expired';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'token signature does not verify';
  if (error instanceof errors.JWTClaimValidationFailed) return `token claim '${error.claim}' is invalid (${error.reason})`;
  if (error instanceof errors.JOSEAlgNotAllowed) return 'token algorithm is not accepted';
  if (error instanceof errors.JWKSNoMatchingKey) return 'token key id matches no key of the JWKS';
  if (error instanceof errors.JWKSTimeout) return 'the JWKS did not answer in time';
  if (error instanceof errors.JOSEError) return 'token is malformed';
  return 'token could not be verified: its key source did not answer';
}
