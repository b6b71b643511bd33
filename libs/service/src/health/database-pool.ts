import type { Database } from '@tsforecast/db';

/** Connections of the database's pool: `size` the most it opens, `inUse` checked out now, `waiting` queued requests. */
export interface DatabasePoolStats {
  readonly size: number;
  readonly open: number;
  readonly inUse: number;
  readonly waiting: number;
}

/** The parts of a node-postgres `Pool` read here. */
interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options: { max?: number };
}

function isPgPool(value: unknown): value is PgPool {
  const pool = value as Partial<PgPool> | null | undefined;
  return typeof pool?.totalCount === 'number' && typeof pool.idleCount === 'number' && typeof pool.waitingCount === 'number';
}

/**
 * The pg pool behind TypeORM's postgres driver (`driver.master`), or
 * undefined for a driver without one.
 */
export function databasePoolStats(database: Database): DatabasePoolStats | undefined {
  const pool = (database.dataSource.driver as { master?: unknown }).master;
  if (!isPgPool(pool)) return undefined;
  return {
    size: pool.options.max ?? 10,
    open: pool.totalCount,
    inUse: pool.totalCount - pool.idleCount,
    waiting: pool.waitingCount,
  };
}
