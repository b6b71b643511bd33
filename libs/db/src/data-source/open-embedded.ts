import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { TsforecastError, type Logger } from '@tsforecast/config';
import { DataSource } from 'typeorm';
import type { Database } from './database';
import { acquireEmbeddedLock, type EmbeddedLock } from './embedded-lock';
import { commonOptions } from './typeorm-options';

/** `DATA_DIR=memory://`: a throw-away in-memory database (tests). */
export const inMemoryDataDir = 'memory://';

/** @internal */
export interface EmbeddedOptions {
  /** Start from this data directory tarball (`PGlite.dumpDataDir()`) instead of running initdb. */
  loadDataDir?: Blob;
}

/** An embedded {@link Database} with its PGlite instance. @internal */
export interface EmbeddedDatabase extends Database {
  readonly pglite: PGlite;
}

/**
 * Opens PGlite in this process and puts TypeORM's postgres driver on top of it
 * through PGlite's own node-postgres adapter, with exactly one connection:
 * PGlite is single-session, so a second pooled connection would interleave
 * transactions. Consequence for callers: inside a transaction use only the
 * transaction's EntityManager, or the query waits for the connection the
 * transaction holds (deadlock).
 * @internal
 */
export async function openEmbedded(
  dataDirSetting: string,
  cwd: string,
  logger: Logger,
  options: EmbeddedOptions = {},
): Promise<EmbeddedDatabase> {
  const inMemory = dataDirSetting === inMemoryDataDir;
  const dataRoot = resolve(cwd, dataDirSetting);
  const pgdata = inMemory ? inMemoryDataDir : resolve(dataRoot, 'pgdata');
  const where = inMemory ? 'embedded PGlite (in memory)' : `embedded PGlite at ${pgdata}`;
  const lock: EmbeddedLock | null = inMemory ? null : acquireEmbeddedLock(`${pgdata}.lock`, pgdata, logger);

  let pglite: PGlite | null = null;
  try {
    pglite = new PGlite(pgdata, options.loadDataDir === undefined ? {} : { loadDataDir: options.loadDataDir });
    await pglite.waitReady;
    const pgConfig = createPgConfig(pglite);
    const dataSource = new DataSource({
      ...commonOptions,
      poolSize: 1,
      // Handed to pg.Pool and from there to each pg.Client: `connection` swaps
      // the TCP socket for PGlite; an idle timeout of 0 keeps the one client.
      extra: { connection: pgConfig.connection, max: 1, idleTimeoutMillis: 0 },
    });
    await dataSource.initialize();
    logger.debug('opened database', { database: where });
    const opened = pglite;
    let closed = false;
    return {
      dataSource,
      pglite: opened,
      kind: 'embedded',
      describe: () => where,
      close: async () => {
        if (closed) return;
        closed = true;
        try {
          await dataSource.destroy();
          await opened.close();
        } finally {
          lock?.release();
        }
      },
    };
  } catch (error) {
    await pglite?.close().catch(() => undefined);
    lock?.release();
    if (error instanceof TsforecastError) throw error;
    throw new TsforecastError(`Cannot open ${where}: ${(error as Error).message}`, { cause: error });
  }
}
