import type { Database } from '@tsforecast/db';
import type PgBoss from 'pg-boss';

/** The node-postgres pool under TypeORM's postgres driver (what `DataSource.driver.master` holds). */
interface PgPool {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * pg-boss's connection: the tracking database's own pool, so the queue lives
 * in the same PostgreSQL (schema `pgboss`) whatever opened it — a server URL
 * or the project's local server — and needs no second set of credentials.
 * @internal
 */
export function pgBossConnection(database: Database): PgBoss.Db {
  const pool = (database.dataSource.driver as unknown as { master?: PgPool }).master;
  if (pool === undefined || typeof pool.query !== 'function') {
    throw new TypeError(`The job queue needs a PostgreSQL connection pool; ${database.describe()} has none open`);
  }
  return {
    // pg-boss sends multi-statement scripts without values: node-postgres runs those with the simple protocol.
    executeSql: (text, values) =>
      (values === undefined || values.length === 0 ? pool.query(text) : pool.query(text, values)) as Promise<{
        rows: never[];
      }>,
  };
}
