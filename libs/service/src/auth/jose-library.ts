import type * as Jose from 'jose';

let loaded: typeof Jose | undefined;

/**
 * The jose library, loaded at the first token signed or verified rather than
 * at import: every process that loads the service lib (each CLI command, each
 * job process) would otherwise pay for it, and only the API and `token create`
 * use it.
 * @internal
 */
export function joseLibrary(): typeof Jose {
  return (loaded ??= require('jose') as typeof Jose);
}
