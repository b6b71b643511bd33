import { scrubKnownSecrets } from './known-secrets';

/**
 * Removes passwords so that a message can be logged or shown: first every
 * secret remembered from the configuration (see `rememberSecret`), whatever
 * surrounds it; then, by pattern, URL passwords (`postgres://u:secret@h/db` →
 * `postgres://u:***@h/db`, up to the last `@` of the URL, so `/` or `@` in an
 * unencoded password do not end it early) and `password=` pairs.
 */
export function redactSecrets(text: string): string {
  return scrubKnownSecrets(text)
    .replace(/([a-z][a-z0-9+.-]*:\/\/[^:/?#@\s]*):\S*@/gi, '$1:***@')
    .replace(/(password\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s&;,]+)/gi, '$1***');
}
