import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { silentLogger, type Logger } from '@tsforecast/config';
import { Client } from 'pg';
import type { Database } from './data-source/database';
import { inMemoryDataDir, openEmbedded } from './data-source/open-embedded';
import { commonOptions } from './data-source/typeorm-options';
import { runMigrations } from './migrations/migration-runner';

/**
 * A migrated, throw-away in-memory PGlite database for tests. Close it in
 * `afterAll`.
 *
 * A fresh PGlite runs initdb, which costs seconds of CPU; so it starts from
 * {@link migratedDataDirTemplate} instead.
 *
 * @example
 * let db: Database;
 * beforeAll(async () => { db = await openTestDatabase(); });
 * afterAll(() => db.close());
 */
export async function openTestDatabase(logger: Logger = silentLogger): Promise<Database> {
  const database = await openEmbedded(inMemoryDataDir, process.cwd(), logger, {
    loadDataDir: await migratedDataDirTemplate(),
  });
  await runMigrations(database);
  return database;
}

/**
 * A PGlite data directory with every migration applied, as a tarball for
 * PGlite's `loadDataDir`. Built once per PGlite version and migration set and
 * cached in the OS temp folder, so Jest workers and later runs skip initdb.
 */
export async function migratedDataDirTemplate(): Promise<Blob> {
  const templatePath = join(tmpdir(), `tsforecast-pglite-template-${templateKey()}.tar`);
  if (!existsSync(templatePath)) {
    const database = await openEmbedded(inMemoryDataDir, process.cwd(), silentLogger);
    try {
      await runMigrations(database);
      const tarball = await database.pglite.dumpDataDir('none');
      // Write then rename: concurrent Jest workers never read a half-written file.
      const partial = `${templatePath}.${process.pid}.partial`;
      writeFileSync(partial, Buffer.from(await tarball.arrayBuffer()));
      renameSync(partial, templatePath);
    } finally {
      await database.close();
    }
  }
  return new Blob([readFileSync(templatePath)]);
}

/** PGlite version + the source of every migration: a new schema or engine gets a new template. */
function templateKey(): string {
  const pglitePackage = join(dirname(require.resolve('@electric-sql/pglite')), '..', 'package.json');
  const hash = createHash('sha256').update(readFileSync(pglitePackage));
  for (const migration of commonOptions.migrations) hash.update(migration.toString());
  return hash.digest('hex').slice(0, 16);
}

/** Server for {@link createServerTestDatabase}: `TEST_DATABASE_URL`, else the local one CI provides. */
export const testServerUrl = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A fresh, empty database on the test server and how to get rid of it. */
export interface ServerTestDatabase {
  /** postgres:// URL of the new database. */
  readonly url: string;
  readonly name: string;
  /** Drops the database (closing other connections to it first). */
  drop(): Promise<void>;
}

/**
 * Creates `tsf_test_<random>` on the test server (through a connection to the
 * server's `test` database) so that each test file gets its own schema.
 *
 * @example
 * const server = await createServerTestDatabase();
 * const db = await openDatabase({ DATABASE_URL: server.url, DATA_DIR: '.data' }, logger, { migrate: true });
 * ...; await db.close(); await server.drop();
 */
export async function createServerTestDatabase(adminUrl: string = testServerUrl): Promise<ServerTestDatabase> {
  const name = `tsf_test_${randomBytes(6).toString('hex')}`;
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      await withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
