import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { allMigrations } from '../migrations/all-migrations';
import { allEntities } from '../entities';

/** Name of the table where TypeORM records applied migrations. */
export const migrationsTableName = 'typeorm_migrations';

/**
 * Options shared by the embedded and server data sources. Never `synchronize`:
 * the schema comes from `libs/db/src/migrations/` only. `uuidExtension: 'pgcrypto'` makes
 * TypeORM expect `gen_random_uuid()` (built into PostgreSQL since 13) and
 * `installExtensions: false` stops it from running `CREATE EXTENSION`.
 * @internal
 */
export const commonOptions = {
  type: 'postgres',
  entities: allEntities,
  migrations: allMigrations,
  migrationsTableName,
  migrationsTransactionMode: 'each',
  synchronize: false,
  migrationsRun: false,
  uuidExtension: 'pgcrypto',
  installExtensions: false,
  logging: false,
} satisfies PostgresConnectionOptions;
