import { inject, injectable } from 'inversify';
import { Database, pendingMigrations, revertLastMigration, runMigrations } from '@tsforecast/db';

/** What `apply` did: where, which migrations it applied now, which are still pending (none, unless one failed). */
export interface MigrationReport {
  /** The database, safe to print (never a password). */
  readonly database: string;
  readonly applied: string[];
  readonly pending: string[];
}

/** What `revertLast` did: the reverted migration's name, or null when none was applied. */
export interface RevertReport {
  readonly database: string;
  readonly reverted: string | null;
}

/**
 * The schema's life cycle (`cli migrate`): apply pending migrations, or undo
 * the last one. Reverting refuses (UsageError, exit 2) to drop tables that hold
 * rows unless `force` — see `revertLastMigration` in `@tsforecast/db`.
 *
 * @example
 * const report = await container.get(MigrationService).apply();
 * console.log(`${report.database}: ${report.applied.length} applied`);
 */
@injectable()
export class MigrationService {
  constructor(@inject(Database) private readonly database: Database) {}

  /** Applies every pending migration (a no-op when the database was opened with `migrate: true`). */
  async apply(): Promise<MigrationReport> {
    const applied = await runMigrations(this.database);
    return { database: this.database.describe(), applied, pending: await pendingMigrations(this.database) };
  }

  /** Undoes the most recent migration; `force` drops tables holding data too (back up first). */
  async revertLast(options: { force?: boolean } = {}): Promise<RevertReport> {
    const reverted = await revertLastMigration(this.database, { force: options.force === true });
    return { database: this.database.describe(), reverted };
  }
}
