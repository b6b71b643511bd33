/**
 * Secrets this process has seen in its configuration (the password of
 * `DATABASE_URL`, …). {@link redactSecrets} replaces each of them wherever it
 * appears, so a driver message that quotes the password (in whatever shape)
 * is still scrubbed — the last line of defence when pattern-based redaction
 * cannot recognise a malformed URL.
 */
const secrets = new Set<string>();

/** Remembers `secret` for the rest of the process; empty strings are ignored. */
export function rememberSecret(secret: string): void {
  if (secret !== '') secrets.add(secret);
}

/** Replaces every remembered secret in `text` by `***` (longest first, so a secret inside another goes too). */
export function scrubKnownSecrets(text: string): string {
  if (secrets.size === 0) return text;
  let out = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) out = out.split(secret).join('***');
  return out;
}

/** Forgets every remembered secret (tests). @internal */
export function forgetSecrets(): void {
  secrets.clear();
}
