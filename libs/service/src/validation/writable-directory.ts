import { constants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { ConfigError, UsageError } from '@tsforecast/config';

/**
 * Creates `dir` (and its parents) and checks that this process may write
 * there, before any work starts. `field` names the flag or setting in the
 * error: a usage error for a flag (`--output-dir`), a configuration error for
 * a setting (`MODEL_DIR`); both exit with code 2.
 *
 * @example
 * await prepareWritableDirectory('/proc/version/out', '--output-dir'); // UsageError: ... ENOTDIR
 */
export async function prepareWritableDirectory(dir: string, field: string, kind: 'flag' | 'setting'): Promise<string> {
  const absolute = resolve(dir);
  try {
    await mkdir(absolute, { recursive: true });
    await access(absolute, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    const message = `'${field}' must be a directory this process can create and write, got ${JSON.stringify(dir)} (${code})`;
    throw kind === 'flag' ? new UsageError(message) : new ConfigError(message);
  }
  return absolute;
}

/**
 * `<root>/<name>`, refusing any result outside `root` (a second guard beside
 * the experiment-name charset).
 */
export function pathInside(root: string, name: string, field: string): string {
  const base = resolve(root);
  const path = resolve(base, name);
  const rel = relative(base, path);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
    throw new UsageError(`'${field}' must stay inside ${base}, got ${JSON.stringify(name)} (resolves to ${path})`);
  }
  return path;
}
