import { createHash } from 'node:crypto';
import { tokenDigest } from './token-digest';
import { VerifiedTokenCache } from './verified-token-cache';

const ci = { subject: 'ci', scopes: ['read'] } as const;
const ops = { subject: 'ops', scopes: ['admin'] } as const;

describe('VerifiedTokenCache', () => {
  it('answers until the token expires, then forgets it', () => {
    const cache = new VerifiedTokenCache(8, 60_000);
    cache.set('a', ci, 1_000, 31_000);
    expect(cache.get('a', 30_999)).toBe(ci);
    expect(cache.get('a', 31_000)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('answers for the max age at most, even for a token that expires later or never', () => {
    const cache = new VerifiedTokenCache(8, 60_000);
    cache.set('later', ci, 0, 3_600_000);
    cache.set('never', ops, 0, undefined);
    expect(cache.get('later', 59_999)).toBe(ci);
    expect(cache.get('never', 59_999)).toBe(ops);
    expect(cache.get('later', 60_000)).toBeUndefined();
    expect(cache.get('never', 60_000)).toBeUndefined();
  });

  it('does not keep a token that has already expired', () => {
    const cache = new VerifiedTokenCache(8, 60_000);
    cache.set('old', ci, 5_000, 5_000);
    expect(cache.size).toBe(0);
  });

  it('drops the least recently used token beyond its capacity', () => {
    const cache = new VerifiedTokenCache(2, 60_000);
    cache.set('a', ci, 0, undefined);
    cache.set('b', ops, 0, undefined);
    expect(cache.get('a', 1)).toBe(ci); // a is now the most recently used
    cache.set('c', ci, 0, undefined);
    expect(cache.get('b', 1)).toBeUndefined();
    expect(cache.get('a', 1)).toBe(ci);
    expect(cache.get('c', 1)).toBe(ci);
    expect(cache.size).toBe(2);
  });
});

describe('tokenDigest', () => {
  it('is the base64url SHA-256 of the text', () => {
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjaSJ9.sig-ü';
    expect(tokenDigest(token)).toBe(createHash('sha256').update(token).digest('base64url'));
    expect(tokenDigest(token)).toHaveLength(43);
    expect(tokenDigest(`${token}x`)).not.toBe(tokenDigest(token));
  });
});
