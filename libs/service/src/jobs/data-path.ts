import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { inject, injectable } from 'inversify';
import { Settings, UsageError } from '@tsforecast/config';
import { DatasetLookup } from '@tsforecast/db';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The data file a background job may read: a registered data set's file (by
 * its id), or a path under `DATA_DIR`; neither may lead outside `DATA_DIR`,
 * since the jobs' workers read it later and elsewhere.
 *
 * @example
 * const { path, datasetId } = await files.resolve('datasets/air.csv');
 */
@injectable()
export class JobDataFiles {
  constructor(
    @inject(DatasetLookup) private readonly datasets: DatasetLookup,
    @inject(Settings) private readonly settings: Pick<Settings, 'DATA_DIR'>,
  ) {}

  /** The real path of the request's `data` (a data set id or a path), and the data set's id when it named one. */
  async resolve(data: string): Promise<{ path: string; datasetId: string | null }> {
    if (!uuidPattern.test(data)) return { path: await resolveDataPath(this.settings.DATA_DIR, data, 'data'), datasetId: null };
    const dataset = await this.datasets.get(data);
    const root = await realpath(this.settings.DATA_DIR).catch(() => resolve(this.settings.DATA_DIR));
    const path = await realpath(dataset.path).catch(() => {
      throw new UsageError(`'data': the file of dataset '${data}' (${dataset.path}) no longer exists`);
    });
    if (!inside(root, path)) throw new UsageError(`'data': dataset '${data}' is not a file under DATA_DIR, so jobs cannot read it`);
    return { path, datasetId: dataset.id };
  }
}

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
