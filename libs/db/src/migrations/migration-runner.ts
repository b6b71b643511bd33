import { MigrationExecutor, type DataSource, type QueryRunner } from 'typeorm';
import type { Database } from '../data-source/database';

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

/** Reverts the most recently applied migration; returns its name, or null when none is applied. */
export async function revertLastMigration(database: Database): Promise<string | null> {
  return withMigrationLock(database, async () => {
    const applied = await appliedMigrations(database);
    if (applied.length === 0) return null;
    await database.dataSource.undoLastMigration({ transaction: 'each' });
    return applied[applied.length - 1];
  });
}

/** Reverts every applied migration, newest first (every table gone); returns their names in that order. */
export async function revertAllMigrations(database: Database): Promise<string[]> {
  return withMigrationLock(database, async () => {
    const applied = await appliedMigrations(database);
    for (let i = 0; i < applied.length; i += 1) {
      await database.dataSource.undoLastMigration({ transaction: 'each' });
    }
    return applied.reverse();
  });
}

/**
 * Holds a session advisory lock on a separate connection while `work` runs.
 * Embedded databases are single-connection and already locked by file, so
 * taking a second connection there would deadlock: they skip this.
 */
async function withMigrationLock<T>(database: Database, work: () => Promise<T>): Promise<T> {
  if (database.kind === 'embedded') return work();
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
