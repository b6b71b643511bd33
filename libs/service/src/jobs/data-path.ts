import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { UsageError } from '@tsforecast/config';

/**
 * The real path of a data file named relative to `dataDir`, refusing anything
 * that could read outside it: an absolute path, a `..` segment, and a symlink
 * (of the file or of a folder on the way) that leads outside `dataDir`.
 * `field` names the request field in the errors.
 *
 * @example
 * await resolveDataPath('/srv/data', 'datasets/air.csv', 'data'); // '/srv/data/datasets/air.csv'
 * await resolveDataPath('/srv/data', '../etc/passwd', 'data');     // UsageError
 */
export async function resolveDataPath(dataDir: string, path: string, field: string): Promise<string> {
  const shown = JSON.stringify(path);
  if (path.length === 0 || path.includes('\0')) throw new UsageError(`'${field}' must be a file path under DATA_DIR, got ${shown}`);
  if (isAbsolute(path) || /^[a-zA-Z]:|^[\\/]/.test(path)) {
    throw new UsageError(`'${field}' must be a path relative to DATA_DIR, not an absolute path, got ${shown}`);
  }
  if (path.split(/[\\/]/).includes('..')) throw new UsageError(`'${field}' must stay inside DATA_DIR (no '..' segments), got ${shown}`);
  const root = await realpath(dataDir).catch(() => resolve(dataDir));
  const real = await realpath(resolve(root, path)).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`'${field}' ${shown} does not exist under DATA_DIR (${error.code ?? error.message})`);
  });
  if (!inside(root, real)) throw new UsageError(`'${field}' ${shown} leads outside DATA_DIR (a symlink to ${real})`);
  if (!(await stat(real)).isFile()) throw new UsageError(`'${field}' ${shown} is not a file`);
  return real;
}

/** Whether `path` is `root` or below it (both real paths). @internal */
export function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}
