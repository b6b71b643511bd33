import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TsforecastError, silentLogger } from '@tsforecast/config';
import { MemoryLogger } from '@tsforecast/config/testing';
import { createServerTestDatabase, migratedDataDirTemplate, type ServerTestDatabase } from '../testing';
import { TypeOrmTrackingStore } from '../tracking/typeorm-tracking-store';
import { openDatabase } from './open-database';
import { openEmbedded } from './open-embedded';

jest.setTimeout(180_000);

describe('openDatabase, embedded in a directory', () => {
  let cwd: string;
  beforeAll(() => {
    cwd = mkdtempSync(join(tmpdir(), 'tsf-embedded-'));
  });
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  it('keeps runs across restarts, locks the directory while open and takes over a stale lock', async () => {
    const settings = { DATA_DIR: 'data', DATABASE_URL: undefined };
    const lockPath = join(cwd, 'data', 'pgdata.lock');

    // Seeded from the migrated template instead of running initdb (seconds of
    // CPU); the reopen below is the plain production path.
    const first = await openEmbedded(settings.DATA_DIR, cwd, silentLogger, { loadDataDir: await migratedDataDirTemplate() });
    expect(first.kind).toBe('embedded');
    expect(first.describe()).toBe(`embedded PGlite at ${join(cwd, 'data', 'pgdata')}`);
    expect(existsSync(lockPath)).toBe(true);
    await expect(openDatabase(settings, silentLogger, { cwd })).rejects.toThrow(
      /^Embedded database .*pgdata is in use by process \d+; stop it or set DATABASE_URL to a PostgreSQL server/,
    );
    await expect(openDatabase(settings, silentLogger, { cwd })).rejects.toMatchObject({ exitCode: 2 });
    const store = new TypeOrmTrackingStore(first);
    const experiment = await store.ensureExperiment('restart-check');
    const run = await store.startRun({ experimentId: experiment.id, modelName: 'NHITS', horizon: 7, kind: 'train', parameters: { lr: 0.001 } });
    await store.completeRun(run.id, { metrics: { mae: 1.5 }, durationMs: 1200 });
    await first.close();
    expect(existsSync(lockPath)).toBe(false);

    // A crashed process leaves its lock behind: the pid in it no longer exists.
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    writeFileSync(lockPath, JSON.stringify({ pid: Number(child.stdout.toString()), startedAt: '2020-01-01T00:00:00Z' }));
    const logger = new MemoryLogger();
    const second = await openDatabase(settings, logger, { cwd });
    try {
      expect(logger.records.some((record) => record.level === 'warn' && /stale/.test(record.message))).toBe(true);
      const runs = await new TypeOrmTrackingStore(second).listRuns({ experiment: 'restart-check' });
      expect(runs.map((r) => [r.id, r.status, r.durationMs, r.parameters])).toEqual([[run.id, 'completed', 1200, { lr: 0.001 }]]);
      const details = await new TypeOrmTrackingStore(second).getRun(run.id);
      expect(details.metrics.map((m) => [m.name, m.value])).toEqual([['mae', 1.5]]);
    } finally {
      await second.close();
    }
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
    const error = (await openDatabase({ DATABASE_URL: undefined, DATA_DIR: '/proc/version/data' }).catch((e: unknown) => e)) as TsforecastError;
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
