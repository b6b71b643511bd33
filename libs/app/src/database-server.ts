import type { Logger, Settings } from '@tsforecast/config';
import { embeddedServerStatus, ensureEmbeddedServer, stopEmbeddedServer } from '@tsforecast/db';
import { createLogger } from '@tsforecast/logging';

/** What `cli db status|start|stop` reports about the database the settings select. */
export interface DatabaseServerReport {
  /** `embedded`: the project's server under DATA_DIR; `external`: DATABASE_URL is set and the embedded server is not used. */
  readonly kind: 'embedded' | 'external';
  readonly running: boolean;
  /** PGDATA of the embedded server. */
  readonly dataDirectory: string | null;
  readonly port: number | null;
  readonly pid: number | null;
  /** One line for people. Never a password. */
  readonly summary: string;
}

/**
 * Status of the embedded PostgreSQL server under `<DATA_DIR>/postgres`;
 * starts nothing. With DATABASE_URL set, says that the embedded server is not in use.
 *
 * @example
 * (await databaseServerStatus(settings)).summary; // 'embedded PostgreSQL server running on 127.0.0.1:41234 (pid 812, data /p/.data/postgres/data)'
 */
export async function databaseServerStatus(settings: Settings, cwd: string = process.cwd()): Promise<DatabaseServerReport> {
  if (settings.DATABASE_URL !== undefined) return external();
  const status = await embeddedServerStatus(settings.DATA_DIR, cwd);
  const summary = status.running
    ? `embedded PostgreSQL server running on 127.0.0.1:${status.port} (pid ${status.pid}, data ${status.pgdata})`
    : `embedded PostgreSQL server not running (data ${status.pgdata}${status.initialised ? '' : ', not created yet'})`;
  return { kind: 'embedded', running: status.running, dataDirectory: status.pgdata, port: status.port, pid: status.pid, summary };
}

/** Starts the embedded server if it is not running (what every command does on its own); reports where it listens. */
export async function startDatabaseServer(
  settings: Settings,
  logger: Logger = createLogger(settings),
  cwd: string = process.cwd(),
): Promise<DatabaseServerReport> {
  if (settings.DATABASE_URL !== undefined) return external();
  await ensureEmbeddedServer(settings.DATA_DIR, cwd, logger);
  return databaseServerStatus(settings, cwd);
}

/** Stops the embedded server (open sessions are disconnected); a no-op when it is not running. */
export async function stopDatabaseServer(
  settings: Settings,
  logger: Logger = createLogger(settings),
  cwd: string = process.cwd(),
): Promise<DatabaseServerReport> {
  if (settings.DATABASE_URL !== undefined) return external();
  const stopped = await stopEmbeddedServer(settings.DATA_DIR, cwd, logger);
  const status = await databaseServerStatus(settings, cwd);
  return { ...status, summary: stopped ? `stopped: ${status.summary}` : status.summary };
}

function external(): DatabaseServerReport {
  return {
    kind: 'external',
    running: false,
    dataDirectory: null,
    port: null,
    pid: null,
    summary: 'DATABASE_URL is set: the embedded PostgreSQL server is not used (manage that server yourself)',
  };
}
