import { silentLogger } from '@tsforecast/config';
import type { Database } from '../data-source/database';
import { openDatabase } from '../data-source/open-database';
import { migrationsTableName } from '../data-source/typeorm-options';
import { createServerTestDatabase, openTestDatabase, type ServerTestDatabase } from '../testing';
import { pendingMigrations, revertAllMigrations, revertLastMigration, runMigrations } from './migration-runner';

jest.setTimeout(120_000);

const trackingTables = ['datasets', 'experiments', 'leaderboard_entries', 'metrics', 'models', 'predictions', 'runs'];

async function userTables(db: Database): Promise<string[]> {
  const rows = (await db.dataSource.query(
    `SELECT table_name FROM information_schema.tables
     WHERE table_schema = current_schema() AND table_name <> $1 ORDER BY table_name`,
    [migrationsTableName],
  )) as { table_name: string }[];
  return rows.map((row) => row.table_name);
}

async function userFunctions(db: Database): Promise<string[]> {
  const rows = (await db.dataSource.query(
    `SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = current_schema()`,
  )) as { proname: string }[];
  return rows.map((row) => row.proname);
}

describe.each([
  ['embedded PGlite (PostgreSQL 18)', 'embedded'],
  ['PostgreSQL 15 server', 'server'],
] as const)('migrations on %s', (_label, kind) => {
  let db: Database;
  let server: ServerTestDatabase | undefined;

  beforeAll(async () => {
    if (kind === 'embedded') {
      db = await openTestDatabase();
    } else {
      server = await createServerTestDatabase();
      db = await openDatabase({ DATABASE_URL: server.url, DATA_DIR: 'unused' }, silentLogger, { migrate: true });
    }
  });
  afterAll(async () => {
    await db?.close();
    await server?.drop();
  });

  it('opens fully migrated, and the entities match the migrated schema exactly', async () => {
    expect(await pendingMigrations(db)).toEqual([]);
    expect(await userTables(db)).toEqual(expect.arrayContaining(trackingTables));
    // TypeORM's schema diff between the entity decorators and the live schema:
    // any drift (a column, an index, a foreign key) shows up as a query here.
    const diff = await db.dataSource.driver.createSchemaBuilder().log();
    expect(diff.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('reverts down to zero (every table and the trigger function gone), then migrates up again', async () => {
    const reverted = await revertAllMigrations(db);
    expect(reverted.length).toBeGreaterThan(0);
    expect(await userTables(db)).toEqual([]);
    expect(await userFunctions(db)).not.toContain('tsf_touch_updated_at');
    expect(await pendingMigrations(db)).toEqual(reverted.slice().reverse());
    expect(await revertLastMigration(db)).toBeNull();

    expect(await runMigrations(db)).toEqual(reverted.slice().reverse());
    expect(await userTables(db)).toEqual(expect.arrayContaining(trackingTables));
    expect(await runMigrations(db)).toEqual([]);
  });

  it('keeps updated_at current through the trigger, also for plain SQL updates', async () => {
    const [row] = (await db.dataSource.query(
      `INSERT INTO experiments (name) VALUES ('trigger-check') RETURNING id, updated_at`,
    )) as { id: string; updated_at: Date }[];
    await new Promise((resolve) => setTimeout(resolve, 5));
    await db.dataSource.query(`UPDATE experiments SET description = 'changed' WHERE id = $1`, [row.id]);
    const [after] = (await db.dataSource.query(`SELECT updated_at FROM experiments WHERE id = $1`, [row.id])) as {
      updated_at: Date;
    }[];
    expect(after.updated_at.getTime()).toBeGreaterThan(row.updated_at.getTime());
  });

  it('reverts a migration whose tables are empty, refuses one that drops rows unless forced, saying what would be lost', async () => {
    await db.dataSource.query(`INSERT INTO experiments (name) VALUES ('keep-me-1'), ('keep-me-2')`);
    const experiments = Number(((await db.dataSource.query('SELECT count(*) AS n FROM experiments')) as { n: string }[])[0]!.n);
    // The studies tables are empty: no data is lost, no --force needed.
    expect(await revertLastMigration(db)).toMatch(/^CreateStudies\d+$/);
    const refusal = revertLastMigration(db);
    await expect(refusal).rejects.toThrow(
      new RegExp(
        `^Refusing to revert TrackingSchema\\d+ on .*: it drops \\d+ table\\(s\\) holding data: experiments \\(${experiments} rows\\)\\. ` +
          'Nothing was changed\\. Back up first \\(e\\.g\\. (pg_dump|copy the embedded data folder).*\\), then run `migrate --revert --force`$',
      ),
    );
    await expect(refusal).rejects.toMatchObject({ exitCode: 2 });
    expect(await userTables(db)).toEqual(expect.arrayContaining(trackingTables));
    expect(await pendingMigrations(db)).toEqual([expect.stringMatching(/^CreateStudies/)]);
    await expect(revertAllMigrations(db)).rejects.toThrow(/^Refusing to revert TrackingSchema/);

    expect(await revertLastMigration(db, { force: true })).toMatch(/^TrackingSchema\d+$/);
    expect(await userTables(db)).toEqual([]);
    await runMigrations(db);
  });

  it('enforces the run status CHECK constraint', async () => {
    const [experiment] = (await db.dataSource.query(
      `INSERT INTO experiments (name) VALUES ('check-check') RETURNING id`,
    )) as { id: string }[];
    await expect(
      db.dataSource.query(
        `INSERT INTO runs (experiment_id, model_name, horizon, kind, status, parameters) VALUES ($1, 'm', 1, 'train', 'done', '{}')`,
        [experiment.id],
      ),
    ).rejects.toThrow(/runs_status_check/);
  });
});
