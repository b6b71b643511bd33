/**
 * Removes passwords from connection strings and `password=` pairs so that a
 * message can be logged or shown. `postgres://u:secret@h/db` → `postgres://u:***@h/db`.
 */
export function redactSecrets(text: string): string {
  return text
    .replace(/([a-z][a-z0-9+.-]*:\/\/[^:/?#@\s]*):[^@/\s]*@/gi, '$1:***@')
    .replace(/(password\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s&;,]+)/gi, '$1***');
}
