import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT, type KeyLike } from 'jose';
import { loadSettings, type Clock, type Settings } from '@tsforecast/config';
import { parseScopes } from './api-scopes';
import { PermissionError } from './auth-errors';
import { parseTokenLifetime } from './token-lifetime';
import { TokenIssuer } from './token-issuer';
import { requireScope, TokenVerifier } from './token-verifier';

const secret = 'a-test-secret-of-at-least-32-characters!';
const settingsWith = (env: Record<string, string>): Settings => loadSettings({ env, cwd: '/nonexistent' });
const fixedClock = (iso: string): Clock => ({ now: () => new Date(iso) });
const jan1 = fixedClock('2026-01-01T00:00:00Z');

describe('API tokens', () => {
  const settings = settingsWith({ JWT_SECRET: secret });
  const issuer = new TokenIssuer(settings, jan1);
  const verifier = new TokenVerifier(settings, jan1);

  it('mints an HS256 token whose subject and scopes verify', async () => {
    const { token, expiresAt } = await issuer.issue({ subject: 'ci', scopes: ['read', 'forecast'], ttlSeconds: 3600 });
    expect(expiresAt.toISOString()).toBe('2026-01-01T01:00:00.000Z');
    expect(await verifier.verify(token)).toEqual({ subject: 'ci', scopes: ['read', 'forecast'] });
  });

  it('refuses an expired token', async () => {
    const { token } = await issuer.issue({ subject: 'ci', scopes: ['read'], ttlSeconds: 60 });
    const later = new TokenVerifier(settings, fixedClock('2026-01-01T00:02:00Z'));
    await expect(later.verify(token)).rejects.toThrow(/^token has expired$/);
  });

  it('refuses a token signed with another secret, another algorithm, or none', async () => {
    const other = new TokenIssuer(settingsWith({ JWT_SECRET: 'another-secret-of-at-least-32-characters' }), jan1);
    const { token: forged } = await other.issue({ subject: 'ci', scopes: ['admin'], ttlSeconds: 60 });
    await expect(verifier.verify(forged)).rejects.toThrow(/^token signature does not verify$/);
    const hs512 = await claims().setProtectedHeader({ alg: 'HS512' }).sign(new TextEncoder().encode(secret));
    await expect(verifier.verify(hs512)).rejects.toThrow(/^token algorithm 'HS512' is not accepted; accepted: HS256$/);
    const unsigned = new UnsecuredJWT({ scope: 'admin' }).setSubject('x').setIssuer('tsforecast').setAudience('tsforecast-api').encode();
    await expect(verifier.verify(unsigned)).rejects.toThrow(/^token algorithm 'none' is not accepted/);
    await expect(verifier.verify('not-a-jwt')).rejects.toThrow(/^bearer token is not a JWT$/);
  });

  it('refuses a token for another audience or issuer', async () => {
    const key = new TextEncoder().encode(secret);
    const otherAudience = await claims({ audience: 'elsewhere' }).setProtectedHeader({ alg: 'HS256' }).sign(key);
    await expect(verifier.verify(otherAudience)).rejects.toThrow(/^token claim 'aud' is invalid/);
    const otherIssuer = await claims({ issuer: 'mallory' }).setProtectedHeader({ alg: 'HS256' }).sign(key);
    await expect(verifier.verify(otherIssuer)).rejects.toThrow(/^token claim 'iss' is invalid/);
  });

  it('drops unknown scopes and checks the one a route needs', async () => {
    const token = await claims({ scope: 'read root' }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));
    const principal = await verifier.verify(token);
    expect(principal.scopes).toEqual(['read']);
    expect(() => requireScope(principal, 'read')).not.toThrow();
    expect(() => requireScope(principal, 'admin')).toThrow(new PermissionError("token of 'ci' lacks scope 'admin' (it has: read)"));
  });

  it('remembers a verified token until it expires, and never a refused one', async () => {
    let now = new Date('2026-01-01T00:00:00Z');
    const clock: Clock = { now: () => now };
    const remembering = new TokenVerifier(settings, clock);
    const { token } = await new TokenIssuer(settings, clock).issue({ subject: 'ci', scopes: ['read'], ttlSeconds: 30 });
    const first = await remembering.verify(token);
    now = new Date('2026-01-01T00:00:29.999Z');
    // the same (frozen) principal: the token was not checked again
    expect(await remembering.verify(token)).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first.scopes)).toBe(true);
    now = new Date('2026-01-01T00:00:30Z');
    await expect(remembering.verify(token)).rejects.toThrow(/^token has expired$/);
    const forged = `${token.slice(0, -2)}AA`;
    await expect(remembering.verify(forged)).rejects.toThrow(/^token signature does not verify$/);
    await expect(remembering.verify(forged)).rejects.toThrow(/^token signature does not verify$/);
  });

  it('minting without JWT_SECRET says what to set', async () => {
    const bare = new TokenIssuer(settingsWith({}), jan1);
    await expect(bare.issue({ subject: 'ci', scopes: ['read'], ttlSeconds: 60 })).rejects.toThrow(/^JWT_SECRET is not set/);
    expect(new TokenVerifier(settingsWith({}), jan1).configured).toBe(false);
  });

  describe('with a JWKS (RS256 and ES256 keys of an identity provider)', () => {
    let server: Server;
    let jwksVerifier: TokenVerifier;
    const keys: Record<string, KeyLike> = {};

    beforeAll(async () => {
      const rsa = await generateKeyPair('RS256');
      const ec = await generateKeyPair('ES256');
      keys['RS256'] = rsa.privateKey;
      keys['ES256'] = ec.privateKey;
      const jwks = {
        keys: [
          { ...(await exportJWK(rsa.publicKey)), kid: 'rsa', alg: 'RS256' },
          { ...(await exportJWK(ec.publicKey)), kid: 'ec', alg: 'ES256' },
        ],
      };
      server = createServer((_request, response) => response.end(JSON.stringify(jwks)));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
      jwksVerifier = new TokenVerifier(settingsWith({ JWT_JWKS_URL: url }), { now: () => new Date() });
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('accepts RS256 and ES256 tokens signed by its keys', async () => {
      const rs = await claims({ expires: '1h' }).setProtectedHeader({ alg: 'RS256', kid: 'rsa' }).sign(keys['RS256']!);
      const es = await claims({ expires: '1h' }).setProtectedHeader({ alg: 'ES256', kid: 'ec' }).sign(keys['ES256']!);
      expect(await jwksVerifier.verify(rs)).toEqual({ subject: 'ci', scopes: ['read'] });
      expect(await jwksVerifier.verify(es)).toEqual({ subject: 'ci', scopes: ['read'] });
    });

    it('refuses HS256 (no secret configured), a key not in the set, and an unknown key id', async () => {
      const hs = await claims({ expires: '1h' }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));
      await expect(jwksVerifier.verify(hs)).rejects.toThrow(/^token algorithm 'HS256' is not accepted; accepted: RS256, ES256$/);
      const stranger = await generateKeyPair('RS256');
      const unknown = await claims({ expires: '1h' }).setProtectedHeader({ alg: 'RS256', kid: 'rsa' }).sign(stranger.privateKey);
      await expect(jwksVerifier.verify(unknown)).rejects.toThrow(/^token signature does not verify$/);
      const noKid = await claims({ expires: '1h' }).setProtectedHeader({ alg: 'RS256', kid: 'other' }).sign(keys['RS256']!);
      await expect(jwksVerifier.verify(noKid)).rejects.toThrow(/^token key id matches no key of the JWKS$/);
    });
  });
});

describe('token options', () => {
  it('parses scopes and names a bad one', () => {
    expect(parseScopes('read, forecast read')).toEqual(['read', 'forecast']);
    expect(() => parseScopes('read,root')).toThrow(/^'scopes' has unknown scope 'root'; valid scopes: read, forecast, train, admin$/);
    expect(() => parseScopes(' ')).toThrow(/^'scopes' must name at least one of/);
  });

  it('parses lifetimes up to a year', () => {
    expect(parseTokenLifetime('30d')).toBe(30 * 86400);
    expect(parseTokenLifetime('15m')).toBe(900);
    for (const bad of ['0d', '30', '1y', '-1h', '367d'])
      expect(() => parseTokenLifetime(bad)).toThrow(/^'ttl' must be a positive duration/);
  });
});

/** Claims of a valid token (sub ci, scope read, our issuer and audience), for hand-signing variants. */
function claims(options: { audience?: string; issuer?: string; scope?: string; expires?: string } = {}): SignJWT {
  const jwt = new SignJWT({ scope: options.scope ?? 'read' })
    .setSubject('ci')
    .setIssuer(options.issuer ?? 'tsforecast')
    .setAudience(options.audience ?? 'tsforecast-api')
    .setIssuedAt(new Date('2026-01-01T00:00:00Z'));
  return jwt.setExpirationTime(options.expires ?? new Date('2026-01-01T01:00:00Z'));
}
