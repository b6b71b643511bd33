import { MigrationExecutor, type QueryRunner } from 'typeorm';
import type { Database } from '../data-source/database';
import { migrationsTableName } from '../data-source/typeorm-options';

/** A table and how many rows it holds. */
export interface TableRows {
  table: string;
  rows: number;
}

/** What undoing the most recent migration would do. */
export interface RevertPlan {
  /** The migration that would be undone. */
  migration: string;
  /** Tables its `down` drops, with their current row counts (0 for empty ones). */
  droppedTables: TableRows[];
}

/**
 * Finds out what reverting the most recent migration would drop by running its
 * `down` inside a transaction that is always rolled back (PostgreSQL DDL is
 * transactional), comparing the tables before and after. Nothing changes.
 * Returns null when no migration is applied.
 * @internal
 */
export async function planRevert(database: Database): Promise<RevertPlan | null> {
  const dataSource = database.dataSource;
  const executed = await new MigrationExecutor(dataSource).getExecutedMigrations();
  if (executed.length === 0) return null;
  const last = executed.reduce((a, b) => (b.timestamp > a.timestamp ? b : a));
  const migration = dataSource.migrations.find((m) => (m.name ?? m.constructor.name) === last.name);
  if (migration === undefined) return { migration: last.name, droppedTables: [] };
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    try {
      const before = await tableRows(runner);
      await migration.down(runner);
      const after = new Set((await tableRows(runner, false)).map((t) => t.table));
      return { migration: last.name, droppedTables: before.filter((t) => !after.has(t.table)) };
    } finally {
      await runner.rollbackTransaction();
    }
  } finally {
    await runner.release();
  }
}

/** The user tables of the current schema (not TypeORM's migration record), with row counts when `count`. */
async function tableRows(runner: QueryRunner, count = true): Promise<TableRows[]> {
  const names = (
    (await runner.query(
      `SELECT table_name FROM information_schema.tables
       WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> $1 ORDER BY table_name`,
      [migrationsTableName],
    )) as { table_name: string }[]
  ).map((row) => row.table_name);
  const out: TableRows[] = [];
  for (const table of names) {
    const rows = count
      ? Number(((await runner.query(`SELECT count(*) AS n FROM "${table.replace(/"/g, '""')}"`)) as { n: string }[])[0]!.n)
      : 0;
    out.push({ table, rows });
  }
  return out;
}
