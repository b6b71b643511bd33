import { join, resolve } from 'node:path';

/** Where the embedded server keeps its files, all under `<DATA_DIR>/postgres`. */
export interface ServerLayout {
  /** `<DATA_DIR>/postgres`: owned by the account that runs the server. */
  readonly root: string;
  /** The PostgreSQL data directory (PGDATA); its `postmaster.pid` says whether, and on which port, a server runs. */
  readonly pgdata: string;
  /** The superuser's password, generated once, mode 0600. */
  readonly passwordFile: string;
  /** The server's log (pg_ctl `-l`). */
  readonly logFile: string;
  /** Held (exclusive create) by the one process that initialises or starts the server. */
  readonly startLock: string;
}

/**
 * The embedded server's paths for a DATA_DIR setting, resolved against `cwd`.
 *
 * @example
 * serverLayout('.data', '/home/me/project').pgdata; // '/home/me/project/.data/postgres/data'
 */
export function serverLayout(dataDir: string, cwd: string): ServerLayout {
  const root = resolve(cwd, dataDir, 'postgres');
  return {
    root,
    pgdata: join(root, 'data'),
    passwordFile: join(root, 'password'),
    logFile: join(root, 'server.log'),
    startLock: join(root, 'start.lock'),
  };
}

/** Superuser of the embedded cluster, and the database the project uses in it. */
export const embeddedUser = 'tsforecast';
export const embeddedDatabaseName = 'postgres';
