import type { Database } from '@tsforecast/db';
import type PgBoss from 'pg-boss';

/** The node-postgres pool under TypeORM's postgres driver (what `DataSource.driver.master` holds). */
interface PgPool {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  connect(): Promise<{ query(text: string, values?: unknown[]): Promise<unknown>; release(error?: Error): void }>;
}

/** The advisory lock (two int4 keys: 'tsfc', 1) that lets one process at a time start pg-boss on a database. */
const startLockKeys = [0x74736663, 1] as const;

/**
 * pg-boss's connection: the tracking database's own pool, so the queue lives
 * in the same PostgreSQL (schema `pgboss`) whatever opened it — a server URL
 * or the project's local server — and needs no second set of credentials.
 * @internal
 */
export function pgBossConnection(database: Database): PgBoss.Db {
  const pool = poolOf(database);
  return {
    // pg-boss sends multi-statement scripts without values: node-postgres runs those with the simple protocol.
    executeSql: (text, values) =>
      (values === undefined || values.length === 0 ? pool.query(text) : pool.query(text, values)) as Promise<{
        rows: never[];
      }>,
  };
}

/**
 * Runs `start` while holding a session advisory lock on one connection of the
 * pool: processes that start pg-boss on the same database at once (the API,
 * a worker's parent, its job processes) would otherwise install its schema and
 * create its queues concurrently, which deadlocks in PostgreSQL. The lock goes
 * with the connection, so a process killed while starting never holds it.
 * @internal
 */
export async function withPgBossStartLock<T>(database: Database, start: () => Promise<T>): Promise<T> {
  const client = await poolOf(database).connect();
  let broken: Error | undefined;
  try {
    await client.query('SELECT pg_advisory_lock($1, $2)', [...startLockKeys]);
    try {
      return await start();
    } finally {
      await client.query('SELECT pg_advisory_unlock($1, $2)', [...startLockKeys]).catch((error: unknown) => {
        // A connection that cannot unlock is closed rather than returned to the pool holding the lock.
        broken = error instanceof Error ? error : new Error(String(error));
      });
    }
  } finally {
    client.release(broken);
  }
}

function poolOf(database: Database): PgPool {
  const pool = (database.dataSource.driver as unknown as { master?: PgPool }).master;
  if (pool === undefined || typeof pool.query !== 'function') {
    throw new TypeError(`The job queue needs a PostgreSQL connection pool; ${database.describe()} has none open`);
  }
  return pool;
}
