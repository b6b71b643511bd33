import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TsforecastError, silentLogger } from '@tsforecast/config';
import { pendingMigrations, revertLastMigration } from '../migrations/migration-runner';
import { createServerTestDatabase, type ServerTestDatabase } from '../testing';
import { stopEmbeddedServer } from './embedded-server/embedded-server';
import { openDatabase } from './open-database';

jest.setTimeout(180_000);

describe('openDatabase, embedded server in a directory', () => {
  let cwd: string;
  const settings = { DATA_DIR: 'data', DATABASE_URL: undefined };
  beforeAll(() => {
    cwd = mkdtempSync(join(tmpdir(), 'tsf-embedded-'));
    chmodSync(cwd, 0o755); // reachable by the server's account when tests run as root
  });
  afterAll(async () => {
    await stopEmbeddedServer(settings.DATA_DIR, cwd, silentLogger);
    rmSync(cwd, { recursive: true, force: true });
  });

  it('is migrated on open, admits two opens at once (no lock) and keeps runs across reopen', async () => {
    const first = await openDatabase(settings, silentLogger, { cwd });
    const second = await openDatabase(settings, silentLogger, { cwd });
    try {
      expect(first.kind).toBe('embedded');
      expect(first.describe()).toMatch(
        new RegExp(`^embedded PostgreSQL server 127\\.0\\.0\\.1:\\d+ \\(data ${join(cwd, 'data', 'postgres', 'data')}\\)$`),
      );
      expect(second.describe()).toBe(first.describe());
      expect(await pendingMigrations(first)).toEqual([]);
      await first.dataSource.query("INSERT INTO experiments (name) VALUES ('restart-check')");
      // The second handle sees it at once: one server, not two copies.
      expect(await second.dataSource.query("SELECT name FROM experiments WHERE name = 'restart-check'")).toEqual([
        { name: 'restart-check' },
      ]);
    } finally {
      await first.close();
      await second.close();
    }
    const reopened = await openDatabase(settings, silentLogger, { cwd });
    try {
      expect(await reopened.dataSource.query("SELECT name FROM experiments WHERE name = 'restart-check'")).toEqual([
        { name: 'restart-check' },
      ]);
    } finally {
      await reopened.close();
    }
  });

  it("leaves migrations alone with migrate: 'leave' (migrate --revert must not re-apply what it undoes)", async () => {
    const opened = await openDatabase(settings, silentLogger, { cwd });
    const last = await revertLastMigration(opened, { force: true });
    await opened.close();
    const left = await openDatabase(settings, silentLogger, { cwd, migrate: 'leave' });
    expect(await pendingMigrations(left)).toEqual([last]);
    await left.close();
    const migrated = await openDatabase(settings, silentLogger, { cwd });
    expect(await pendingMigrations(migrated)).toEqual([]);
    await migrated.close();
  });
});

describe('openDatabase, PostgreSQL server', () => {
  it('names host:port/database and the cause on failure, never the password', async () => {
    const error = await openDatabase({ DATABASE_URL: 'postgres://postgres:s3cret@127.0.0.1:1/nope', DATA_DIR: 'x' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TsforecastError);
    const text = `${(error as Error).message} ${String((error as Error).stack)} ${JSON.stringify(error)}`;
    expect((error as Error).message).toMatch(/^Cannot connect to PostgreSQL server 127\.0\.0\.1:1\/nope as postgres: .*ECONNREFUSED/);
    expect(text).not.toContain('s3cret');
    expect((error as Error).cause).toBeUndefined();
    expect((error as TsforecastError).exitCode).toBe(2);
  });

  it.each(['Sec/retPw', 'a@b/c#d?e', 'sp ace%zz:x', '`~!$^&*()[]{}|\\;\'"<>,'])(
    'refuses a URL the driver cannot parse, password %j never shown, exit code 2',
    async (password) => {
      const url = `postgres://postgres:${password}@127.0.0.1:5999/db`;
      const error = (await openDatabase({ DATABASE_URL: url, DATA_DIR: 'x' }).catch((e: unknown) => e)) as TsforecastError;
      const text = `${error.message} ${String(error.stack)} ${JSON.stringify(error)}`;
      expect(error.message).toMatch(/^(DATABASE_URL for|Cannot connect to) PostgreSQL server 127\.0\.0\.1:5999\/db as postgres/);
      expect(text).not.toContain(password);
      expect(error.exitCode).toBe(2);
    },
  );

  it('names a DATA_DIR that cannot be created, exit code 2', async () => {
    const error = (await openDatabase({ DATABASE_URL: undefined, DATA_DIR: '/proc/version/data' }).catch(
      (e: unknown) => e,
    )) as TsforecastError;
    expect(error.message).toMatch(/^DATA_DIR: cannot create the embedded database folder \/proc\/version\/data \(ENOTDIR\)/);
    expect(error.exitCode).toBe(2);
  });

  describe('with a fresh database', () => {
    let server: ServerTestDatabase;
    beforeAll(async () => {
      server = await createServerTestDatabase();
    });
    afterAll(() => server.drop());

    it('refuses pending migrations unless asked to migrate, and describes itself without the password', async () => {
      const url = new URL(server.url);
      url.password = 'hunter2'; // trust auth ignores it; it must still not leak
      const settings = { DATABASE_URL: url.toString(), DATA_DIR: 'unused' };
      await expect(openDatabase(settings)).rejects.toThrow(
        /^PostgreSQL server 127\.0\.0\.1:5432\/tsf_test_\w+ as postgres has \d+ pending migration\(s\) \(TrackingSchema\d+[^)]*\); run `nx run cli:migrate` first$/,
      );
      await expect(openDatabase(settings)).rejects.toMatchObject({ exitCode: 2 });
      const migrated = await openDatabase(settings, silentLogger, { migrate: true });
      expect(migrated.kind).toBe('server');
      expect(migrated.describe()).toBe(`PostgreSQL server 127.0.0.1:5432/${server.name} as postgres`);
      await migrated.close();
      const reopened = await openDatabase(settings);
      expect(await reopened.dataSource.query('SELECT count(*)::int AS n FROM runs')).toEqual([{ n: 0 }]);
      await reopened.close();
    });
  });
});
