import { ConfigError, silentLogger, type Logger, type Settings } from '@tsforecast/config';
import { pendingMigrations, runMigrations } from '../migrations/migration-runner';
import type { Database } from './database';
import { openEmbedded } from './open-embedded';
import { openServer } from './open-server';

/** Options of {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /**
   * What to do about pending migrations on a server: `true` applies them (`cli
   * migrate`, tests); `'leave'` neither applies nor checks them (`cli migrate
   * --revert`, which must not re-apply what it undoes); unset refuses a server
   * with pending migrations. The embedded server migrates unless `'leave'`.
   */
  migrate?: boolean | 'leave';
  /** Base for a relative DATA_DIR; default `process.cwd()`. */
  cwd?: string;
}

/**
 * Opens the tracking database the settings point at: the PostgreSQL server of
 * `DATABASE_URL`, or, when it is unset, the project's embedded PostgreSQL
 * server in `<DATA_DIR>/postgres` (started if not running; shared by every
 * process on the machine). Both go through the same pool and migration runner;
 * the embedded server is migrated on open, a remote server must already be
 * migrated (`nx run cli:migrate`) unless `migrate: true`.
 *
 * @example
 * const db = await openDatabase(settings, logger);
 * try { ... } finally { await db.close(); }
 */
export async function openDatabase(
  settings: Pick<Settings, 'DATABASE_URL' | 'DATA_DIR'>,
  logger: Logger = silentLogger,
  options: OpenDatabaseOptions = {},
): Promise<Database> {
  const database =
    settings.DATABASE_URL === undefined
      ? await openEmbedded(settings.DATA_DIR, options.cwd ?? process.cwd(), logger)
      : await openServer(settings.DATABASE_URL, logger);
  try {
    if (options.migrate === 'leave') {
      // The caller manages migrations itself.
    } else if (database.kind === 'embedded' || options.migrate === true) {
      // Check first: the migration lock costs a second connection, and nearly every open finds nothing to do.
      if ((await pendingMigrations(database)).length > 0) {
        const applied = await runMigrations(database);
        if (applied.length > 0) logger.info('applied database migrations', { database: database.describe(), migrations: applied });
      }
    } else {
      const pending = await pendingMigrations(database);
      if (pending.length > 0) {
        throw new ConfigError(
          `${database.describe()} has ${pending.length} pending migration(s) (${pending.join(', ')}); run \`nx run cli:migrate\` first`,
        );
      }
    }
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}
