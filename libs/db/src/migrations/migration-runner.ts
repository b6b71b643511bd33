import { MigrationExecutor, type DataSource, type QueryRunner } from 'typeorm';
import { UsageError } from '@tsforecast/config';
import type { Database } from '../data-source/database';
import { planRevert, type RevertPlan } from './revert-plan';

/** 32-bit key of the session advisory lock that serializes migrations across processes. */
const migrationLockKey = 0x7473_6631; // "tsf1"

/**
 * Names of the migrations not yet applied, oldest first.
 *
 * @example
 * if ((await pendingMigrations(db)).length > 0) console.log('run `nx run cli:migrate`');
 */
export async function pendingMigrations(database: Database): Promise<string[]> {
  const executor = new MigrationExecutor(database.dataSource);
  return (await executor.getPendingMigrations()).map((migration) => migration.name);
}

/** Names of the applied migrations, oldest first. */
export async function appliedMigrations(database: Database): Promise<string[]> {
  const executor = new MigrationExecutor(database.dataSource);
  const executed = await executor.getExecutedMigrations();
  return executed.sort((a, b) => a.timestamp - b.timestamp).map((migration) => migration.name);
}

/**
 * Applies every pending migration, each in its own transaction, and returns
 * their names. On a server, concurrent callers (two `cli migrate`s) wait for
 * each other on an advisory lock instead of racing.
 */
export async function runMigrations(database: Database): Promise<string[]> {
  return withMigrationLock(database, async () => {
    const applied = await database.dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  });
}

/** Options of {@link revertLastMigration} and {@link revertAllMigrations}. */
export interface RevertOptions {
  /** Drop tables that hold rows, too. Without it such a revert is refused. */
  force?: boolean;
}

/**
 * Reverts the most recently applied migration; returns its name, or null when
 * none is applied. When its `down` would drop tables that hold rows (tracked
 * runs, metrics, models…), it changes nothing and throws a {@link UsageError}
 * (exit code 2) listing each table with its row count and how to back up,
 * unless `force` is set.
 *
 * @example
 * await revertLastMigration(db);                  // refuses if data would go
 * await revertLastMigration(db, { force: true }); // drops it
 */
export async function revertLastMigration(database: Database, options: RevertOptions = {}): Promise<string | null> {
  return withMigrationLock(database, () => revertOne(database, options));
}

/** Reverts every applied migration, newest first (every table gone); returns their names in that order. Refuses data loss as {@link revertLastMigration} does. */
export async function revertAllMigrations(database: Database, options: RevertOptions = {}): Promise<string[]> {
  return withMigrationLock(database, async () => {
    const reverted: string[] = [];
    for (let name = await revertOne(database, options); name !== null; name = await revertOne(database, options)) reverted.push(name);
    return reverted;
  });
}

async function revertOne(database: Database, options: RevertOptions): Promise<string | null> {
  const plan = await planRevert(database);
  if (plan === null) return null;
  const losesData = plan.droppedTables.some((t) => t.rows > 0) || plan.droppedColumns.some((c) => c.values > 0);
  if (losesData && options.force !== true) throw new UsageError(describeRefusal(database, plan));
  await database.dataSource.undoLastMigration({ transaction: 'each' });
  return plan.migration;
}

/** Says what would be lost and how to keep it. */
function describeRefusal(database: Database, plan: RevertPlan): string {
  const tables = plan.droppedTables.filter((t) => t.rows > 0);
  const columns = plan.droppedColumns.filter((c) => c.values > 0);
  const losses = [
    ...(tables.length > 0
      ? [`${tables.length} table(s) holding data: ${tables.map((t) => `${t.table} (${t.rows} row${t.rows === 1 ? '' : 's'})`).join(', ')}`]
      : []),
    ...(columns.length > 0
      ? [
          `${columns.length} column(s) holding data: ${columns
            .map((c) => `${c.table}.${c.column} (${c.values} value${c.values === 1 ? '' : 's'})`)
            .join(', ')}`,
        ]
      : []),
  ];
  const backup =
    database.kind === 'server'
      ? 'pg_dump --format=custom --file=tsforecast-backup.dump <database>'
      : 'copy the embedded data folder (DATA_DIR/postgres) after `cli db stop`';
  return (
    `Refusing to revert ${plan.migration} on ${database.describe()}: it drops ${losses.join(' and ')}. ` +
    `Nothing was changed. Back up first (e.g. ${backup}), then run \`migrate --revert --force\``
  );
}

/**
 * Holds a session advisory lock on a separate connection while `work` runs, on
 * every database: the embedded server is shared by processes as a remote one is.
 */
async function withMigrationLock<T>(database: Database, work: () => Promise<T>): Promise<T> {
  const runner: QueryRunner = (database.dataSource as DataSource).createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [migrationLockKey]);
    try {
      return await work();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [migrationLockKey]);
    }
  } finally {
    await runner.release();
  }
}
