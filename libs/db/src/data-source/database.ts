import type { DataSource } from 'typeorm';

/** Where the data lives: the project's own PostgreSQL server under DATA_DIR (`embedded`), or the server of DATABASE_URL. */
export type DatabaseKind = 'embedded' | 'server';

/**
 * An opened, initialized database. Obtain one with `openDatabase()`; close it
 * once when the process is done with it (the embedded server keeps running for other processes).
 */
export const Database = Symbol('Database');
export interface Database {
  readonly dataSource: DataSource;
  readonly kind: DatabaseKind;
  /**
   * Where it is, safe to log, never a password: `embedded PostgreSQL server 127.0.0.1:41234 (data /abs/.data/postgres/data)`,
   * `PostgreSQL server 127.0.0.1:5432/tsf as postgres`.
   */
  describe(): string;
  /** Closes this process's connections. Safe to call twice. */
  close(): Promise<void>;
}
