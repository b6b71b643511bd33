import { createHash, randomBytes } from 'node:crypto';
import { silentLogger, type Logger } from '@tsforecast/config';
import { Client } from 'pg';
import type { Database } from '../data-source/database';
import { openDatabase } from '../data-source/open-database';
import { openServer } from '../data-source/open-server';
import { commonOptions } from '../data-source/typeorm-options';
import { runMigrations } from '../migrations/migration-runner';

/** How {@link openTestDatabase} gives a test database its schema. */
export type TestSchema =
  /** A copy of the migrated template ({@link migratedTemplate}): the fastest, for tests of what uses the schema. */
  | 'template'
  /** Empty, then migrated by `openDatabase(…, { migrate: true })` as a server is on open: for tests of that path. */
  | 'migrate-on-open'
  /** Empty and left so (`migrate: 'leave'`): for tests that apply or revert migrations themselves. */
  | 'empty';

/** Options of {@link openTestDatabase}. */
export interface TestDatabaseOptions {
  /** Default `'template'`. */
  readonly schema?: TestSchema;
  readonly logger?: Logger;
}

/** A test's own database: a {@link Database} that also says where it is. */
export interface TestDatabase extends Database {
  /** postgres:// URL, for job processes and second connections of the test. */
  readonly url: string;
  /** Its name on the test server (`tsf_test_<random>`). */
  readonly name: string;
}

/**
 * A throw-away database for tests: a fresh `tsf_test_<random>` on the test
 * server ({@link testServerUrl}), migrated unless asked otherwise (see
 * {@link TestSchema}), dropped again by `close()`. Each call gets its own, so
 * test files and Jest workers never share rows.
 *
 * @example
 * let db: Database;
 * beforeAll(async () => { db = await openTestDatabase(); });
 * afterAll(() => db.close());
 */
export async function openTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const schema = options.schema ?? 'template';
  const template = schema === 'template' ? await migratedTemplate(testServerUrl) : undefined;
  const server = await createServerTestDatabase(testServerUrl, template);
  let database: Database;
  try {
    const migrate = schema === 'empty' ? 'leave' : true;
    database = await openDatabase({ DATABASE_URL: server.url, DATA_DIR: 'unused' }, options.logger ?? silentLogger, { migrate });
  } catch (error) {
    await server.drop();
    throw error;
  }
  const opened = database;
  let closed = false;
  return {
    dataSource: opened.dataSource,
    kind: opened.kind,
    url: server.url,
    name: server.name,
    describe: () => opened.describe(),
    close: async () => {
      if (closed) return;
      closed = true;
      await opened.close();
      await server.drop();
    },
  };
}

/**
 * Name of a database on the server with every migration applied, made once
 * per migration set (`tsf_template_<hash of the migrations' code>`): copying
 * it is faster than migrating each test database (about 1 s of DDL each).
 * Built under a temporary name and renamed when complete, so concurrent Jest
 * workers never copy a half-migrated template (the loser of the rename drops
 * its copy). Templates of older migration sets stay until someone drops them.
 */
export async function migratedTemplate(adminUrl: string = testServerUrl): Promise<string> {
  const name = `tsf_template_${migrationsKey()}`;
  const exists = (await withClient(adminUrl, (client) => client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]))).rowCount;
  if (exists) return name;
  const building = await createServerTestDatabase(adminUrl);
  try {
    const database = await openServer(building.url, silentLogger);
    try {
      await runMigrations(database);
    } finally {
      await database.close();
    }
    await withClient(adminUrl, (client) => client.query(`ALTER DATABASE ${building.name} RENAME TO ${name}`));
  } catch (error) {
    await building.drop();
    // Another worker renamed its complete template first: use that one.
    if ((error as { code?: string }).code === '42P04') return name;
    throw error;
  }
  return name;
}

/** The migrations' code: a new or edited migration gets a new template. */
function migrationsKey(): string {
  const hash = createHash('sha256');
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
 * server's `test` database), empty or as a copy of `template`, so that each
 * test file gets its own schema.
 *
 * Most tests want {@link openTestDatabase}; this is for those that open the
 * database themselves (several connections, a process of their own).
 *
 * @example
 * const server = await createServerTestDatabase();
 * const db = await openDatabase({ DATABASE_URL: server.url, DATA_DIR: '.data' }, logger, { migrate: true });
 * ...; await db.close(); await server.drop();
 */
export async function createServerTestDatabase(adminUrl: string = testServerUrl, template?: string): Promise<ServerTestDatabase> {
  const name = `tsf_test_${randomBytes(6).toString('hex')}`;
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name}${template === undefined ? '' : ` TEMPLATE ${template}`}`));
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
