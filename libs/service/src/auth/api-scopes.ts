import { UsageError } from '@tsforecast/config';

/**
 * What an API token may do. Each route asks for exactly one scope; `admin`
 * does not imply the others (mint `read,forecast,train,admin` for a token
 * that may do everything).
 */
export const apiScopes = ['read', 'forecast', 'train', 'admin'] as const;
export type ApiScope = (typeof apiScopes)[number];

export function isApiScope(value: string): value is ApiScope {
  return (apiScopes as readonly string[]).includes(value);
}

/**
 * `read,forecast` (commas or spaces) → `['read', 'forecast']`; an unknown or
 * missing scope is a UsageError naming the value and the valid scopes.
 *
 * @example
 * parseScopes('read, forecast'); // ['read', 'forecast']
 */
export function parseScopes(text: string): ApiScope[] {
  const names = text.split(/[\s,]+/).filter((name) => name !== '');
  if (names.length === 0) throw new UsageError(`'scopes' must name at least one of ${apiScopes.join(', ')}, got '${text}'`);
  for (const name of names) {
    if (!isApiScope(name)) throw new UsageError(`'scopes' has unknown scope '${name}'; valid scopes: ${apiScopes.join(', ')}`);
  }
  return [...new Set(names as ApiScope[])];
}
