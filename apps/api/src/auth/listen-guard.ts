import { isIP } from 'node:net';
import { ConfigError } from '@tsforecast/config';

/**
 * Refuses to serve a non-loopback host without a way to verify tokens, so a
 * deploy that forgot `JWT_SECRET` is never open to its network.
 */
export function assertSafeToListen(host: string, tokensVerifiable: boolean): void {
  if (tokensVerifiable || isLoopback(host)) return;
  throw new ConfigError(
    `API_HOST=${host} is not a loopback address and neither JWT_SECRET nor JWT_JWKS_URL is set: ` +
      'the API would accept no tokens. Set JWT_SECRET (at least 32 characters) or JWT_JWKS_URL, or listen on 127.0.0.1',
  );
}

/** `localhost`, 127.0.0.0/8, `::1` (and its IPv4-mapped forms). */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return bare === '::1' || /^::ffff:127\./.test(bare);
  return false;
}
