import { inject, injectable } from 'inversify';
import { Clock, ConfigError, Settings, UsageError } from '@tsforecast/config';
import type { ApiScope } from './api-scopes';
import { joseLibrary } from './jose-library';

/** What a minted token says. */
export interface TokenRequest {
  /** Who the token is for (`sub`), recorded as the actor of registry changes. */
  readonly subject: string;
  readonly scopes: readonly ApiScope[];
  readonly ttlSeconds: number;
}

export interface IssuedToken {
  readonly token: string;
  readonly expiresAt: Date;
}

/**
 * Mints HS256 API tokens signed with `JWT_SECRET`, carrying `sub`, the
 * space-separated `scope` claim (OAuth 2 style), `iss`, `aud`, `iat`, `exp`.
 * Tokens of an identity provider (JWKS) are minted there, not here.
 *
 * @example
 * const { token } = await issuer.issue({ subject: 'dashboard', scopes: ['read'], ttlSeconds: 3600 });
 */
@injectable()
export class TokenIssuer {
  constructor(
    @inject(Settings) private readonly settings: Settings,
    @inject(Clock) private readonly clock: Clock,
  ) {}

  async issue(request: TokenRequest): Promise<IssuedToken> {
    const secret = this.settings.JWT_SECRET;
    if (secret === undefined) throw new ConfigError('JWT_SECRET is not set: it signs API tokens (at least 32 characters; see docs/API.md)');
    if (request.subject.trim() === '') throw new UsageError(`'sub' must be a non-empty name, got '${request.subject}'`);
    const issuedAt = Math.floor(this.clock.now().getTime() / 1000);
    const expiresAt = issuedAt + request.ttlSeconds;
    const { SignJWT } = joseLibrary();
    const token = await new SignJWT({ scope: request.scopes.join(' ') })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(request.subject)
      .setIssuer(this.settings.JWT_ISSUER)
      .setAudience(this.settings.JWT_AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(new TextEncoder().encode(secret));
    return { token, expiresAt: new Date(expiresAt * 1000) };
  }
}
