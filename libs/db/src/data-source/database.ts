import type { DataSource } from 'typeorm';

/** Where the data lives: PGlite inside this process, or a PostgreSQL server. */
export type DatabaseKind = 'embedded' | 'server';

/**
 * An opened, initialized database. Obtain one with `openDatabase()`; close it
 * once when the process is done with it (this also releases the embedded lock).
 */
export const Database = Symbol('Database');
export interface Database {
  readonly dataSource: DataSource;
  readonly kind: DatabaseKind;
  /** Where it is, safe to log: `embedded PGlite at /abs/.data/pgdata`, `PostgreSQL server 127.0.0.1:5432/tsf`. Never a password. */
  describe(): string;
  /** Closes connections (and PGlite), releases the embedded lock. Safe to call twice. */
  close(): Promise<void>;
}
