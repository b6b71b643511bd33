import { MigrationExecutor, type QueryRunner } from 'typeorm';
import type { Database } from '../data-source/database';
import { migrationsTableName } from '../data-source/typeorm-options';

/** A table and how many rows it holds. */
export interface TableRows {
  table: string;
  rows: number;
}

/** A column of a table that stays, and how many of its rows hold a value (not null, and not the column's default). */
export interface ColumnValues {
  table: string;
  column: string;
  values: number;
}

/** What undoing the most recent migration would do. */
export interface RevertPlan {
  /** The migration that would be undone. */
  migration: string;
  /** Tables its `down` drops, with their current row counts (0 for empty ones). */
  droppedTables: TableRows[];
  /** Columns its `down` drops from tables that stay, with how many rows hold a value in them. */
  droppedColumns: ColumnValues[];
}

/**
 * Finds out what reverting the most recent migration would drop by running its
 * `down` inside a transaction that is always rolled back (PostgreSQL DDL is
 * transactional), comparing the tables and columns before and after (the
 * values of a dropped column are counted after rolling back to a savepoint,
 * where the column exists again). Nothing changes.
 * Returns null when no migration is applied.
 * @internal
 */
export async function planRevert(database: Database): Promise<RevertPlan | null> {
  const dataSource = database.dataSource;
  const executed = await new MigrationExecutor(dataSource).getExecutedMigrations();
  if (executed.length === 0) return null;
  const last = executed.reduce((a, b) => (b.timestamp > a.timestamp ? b : a));
  const migration = dataSource.migrations.find((m) => (m.name ?? m.constructor.name) === last.name);
  if (migration === undefined) return { migration: last.name, droppedTables: [], droppedColumns: [] };
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    try {
      const before = await tableRows(runner);
      const columnsBefore = await columnsOf(runner);
      await runner.query('SAVEPOINT revert_plan');
      await migration.down(runner);
      const after = new Set((await tableRows(runner, false)).map((t) => t.table));
      const columnsAfter = new Set((await columnsOf(runner)).map((c) => c.key));
      await runner.query('ROLLBACK TO SAVEPOINT revert_plan');
      const droppedColumns: ColumnValues[] = [];
      for (const { key, table, column, default: fallback } of columnsBefore) {
        if (!after.has(table) || columnsAfter.has(key)) continue;
        // A value equal to the column's default (its catalog expression) says nothing the rows do not.
        const differs = fallback === null ? '' : ` AND ${quoteIdentifier(column)} IS DISTINCT FROM (${fallback})`;
        const values = await runner.query(
          `SELECT count(*) AS n FROM ${quoteIdentifier(table)} WHERE ${quoteIdentifier(column)} IS NOT NULL${differs}`,
        );
        droppedColumns.push({ table, column, values: Number((values as { n: string }[])[0]!.n) });
      }
      return { migration: last.name, droppedTables: before.filter((t) => !after.has(t.table)), droppedColumns };
    } finally {
      await runner.rollbackTransaction();
    }
  } finally {
    await runner.release();
  }
}

/** Every column of the current schema's tables, keyed `table NUL column`, with its default expression. */
async function columnsOf(runner: QueryRunner): Promise<{ key: string; table: string; column: string; default: string | null }[]> {
  const rows = (await runner.query(
    `SELECT c.table_name, c.column_name, c.column_default FROM information_schema.columns c
     JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
     WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' AND c.table_name <> $1`,
    [migrationsTableName],
  )) as { table_name: string; column_name: string; column_default: string | null }[];
  return rows.map((row) => ({
    key: `${row.table_name}\u0000${row.column_name}`,
    table: row.table_name,
    column: row.column_name,
    default: row.column_default,
  }));
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
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
    const rows = count ? Number(((await runner.query(`SELECT count(*) AS n FROM ${quoteIdentifier(table)}`)) as { n: string }[])[0]!.n) : 0;
    out.push({ table, rows });
  }
  return out;
}
