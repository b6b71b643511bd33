import type { Database } from '../data-source/database';
import { migrationsTableName } from '../data-source/typeorm-options';
import { openTestDatabase } from '../testing';
import { appliedMigrations, pendingMigrations, revertAllMigrations, revertLastMigration, runMigrations } from './migration-runner';

jest.setTimeout(120_000);

const trackingTables = ['datasets', 'experiments', 'metrics', 'models', 'predictions', 'runs'];

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

// The two ways a database gets its schema: the test template (migrated by the
// runner) and `openDatabase(…, { migrate: true })`, as a server is on open.
describe.each([
  ['a copy of the migrated template', 'template'],
  ['a database migrated on open', 'migrate-on-open'],
] as const)('migrations on %s', (_label, schema) => {
  let db: Database;

  beforeAll(async () => {
    db = await openTestDatabase({ schema });
  });
  afterAll(() => db?.close());

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
    const [row] = (await db.dataSource.query(`INSERT INTO experiments (name) VALUES ('trigger-check') RETURNING id, updated_at`)) as {
      id: string;
      updated_at: Date;
    }[];
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
    // The later migrations and the studies tables hold no rows: no data is lost, no --force needed.
    let reverted = await revertLastMigration(db);
    while (reverted !== null && !/^CreateStudies\d+$/.test(reverted)) reverted = await revertLastMigration(db);
    expect(reverted).toMatch(/^CreateStudies\d+$/);
    const refusal = revertLastMigration(db);
    await expect(refusal).rejects.toThrow(
      new RegExp(
        `^Refusing to revert TrackingSchema\\d+ on .*: it drops \\d+ table\\(s\\) holding data: experiments \\(${experiments} rows\\)\\. ` +
          'Nothing was changed\\. Back up first \\(e\\.g\\. (pg_dump|copy the embedded data folder).*\\), then run `migrate --revert --force`$',
      ),
    );
    await expect(refusal).rejects.toMatchObject({ exitCode: 2 });
    expect(await userTables(db)).toEqual(expect.arrayContaining(trackingTables));
    expect((await pendingMigrations(db))[0]).toMatch(/^CreateStudies/);
    await expect(revertAllMigrations(db)).rejects.toThrow(/^Refusing to revert TrackingSchema/);

    expect(await revertLastMigration(db, { force: true })).toMatch(/^TrackingSchema\d+$/);
    expect(await userTables(db)).toEqual([]);
    await runMigrations(db);
  });

  it('refuses a revert that drops a column holding values (served predictions lose their mark) unless forced', async () => {
    const sql = (text: string, params: unknown[] = []) => db.dataSource.query(text, params) as Promise<Record<string, unknown>[]>;
    const [{ id: experimentId }] = await sql(`INSERT INTO experiments (name) VALUES ('served') RETURNING id`);
    const [{ id: runId }] = await sql(
      `INSERT INTO runs (experiment_id, model_name, horizon, kind, parameters) VALUES ($1, 'MLP', 2, 'train', '{}') RETURNING id`,
      [experimentId],
    );
    await sql(
      `INSERT INTO predictions (run_id, series_id, ds, value, served_at) VALUES ($1, 'a', now(), 1, now()), ($1, 'a', now(), 2, NULL)`,
      [runId],
    );
    expect((await appliedMigrations(db)).at(-1)).toMatch(/^ServedPredictions\d+$/);
    const refusal = revertLastMigration(db);
    await expect(refusal).rejects.toThrow(
      /^Refusing to revert ServedPredictions\d+ on .*: it drops 1 column\(s\) holding data: predictions\.served_at \(1 value\)\. Nothing was changed\./,
    );
    await expect(refusal).rejects.toMatchObject({ exitCode: 2 });
    expect(await sql(`SELECT count(served_at)::int AS n FROM predictions WHERE run_id = $1`, [runId])).toEqual([{ n: 1 }]);
    expect(await revertLastMigration(db, { force: true })).toMatch(/^ServedPredictions\d+$/);
    await runMigrations(db);
    await sql(`DELETE FROM predictions WHERE run_id = $1`, [runId]);
    await sql(`DELETE FROM runs WHERE id = $1`, [runId]);
    await sql(`DELETE FROM experiments WHERE id = $1`, [experimentId]);
  });

  it('RunRecords moves the trial↔run link onto the trial and drops the leaderboard table; down restores both', async () => {
    const last = async () => (await appliedMigrations(db)).at(-1)!;
    while (!/^CreateStudies\d+$/.test(await last())) await revertLastMigration(db, { force: true });
    const sql = (text: string, params: unknown[] = []) => db.dataSource.query(text, params) as Promise<Record<string, unknown>[]>;
    const [{ id: experimentId }] = await sql(`INSERT INTO experiments (name) VALUES ('links') RETURNING id`);
    const [{ id: studyId }] = await sql(
      `INSERT INTO studies (name, direction, sampler, pruner, space) VALUES ('s', 'minimize', '{}', '{}', '{}') RETURNING id`,
    );
    const [{ id: trialId }] = await sql(`INSERT INTO study_trials (study_id, number, params) VALUES ($1, 0, '{}') RETURNING id`, [studyId]);
    const run = (kind: string, trial: number | null) =>
      sql(
        `INSERT INTO runs (experiment_id, model_name, horizon, kind, parameters, study_id, trial_number) VALUES ($1, 'MLP', 2, $2, '{}', $3, $4) RETURNING id`,
        [experimentId, kind, studyId, trial],
      );
    const [{ id: trialRun }] = await run('trial', 0);
    const [{ id: refit }] = await run('refit', null);
    await sql(`UPDATE runs SET status = 'completed' WHERE id = $1`, [refit]);
    await sql(`INSERT INTO metrics (run_id, name, value) VALUES ($1, 'mae', 4), ($1, 'smape', 8)`, [refit]);

    await runMigrations(db);
    expect(await sql(`SELECT run_id FROM study_trials WHERE id = $1`, [trialId])).toEqual([{ run_id: trialRun }]);
    expect(await sql(`SELECT id, kind, study_id FROM runs WHERE experiment_id = $1 ORDER BY kind`, [experimentId])).toEqual(
      expect.arrayContaining([
        { id: trialRun, kind: 'trial', study_id: null },
        { id: refit, kind: 'train', study_id: studyId },
      ]),
    );
    expect(await userTables(db)).not.toContain('leaderboard_entries');
    await expect(sql(`UPDATE study_trials SET run_id = '00000000-0000-4000-8000-000000000000'`)).rejects.toThrow(
      /study_trials_run_id_fkey/,
    );
    await expect(sql(`UPDATE runs SET kind = 'refit' WHERE id = $1`, [refit])).rejects.toThrow(/runs_kind_check/);

    while (!/^CreateStudies\d+$/.test(await last())) await revertLastMigration(db, { force: true });
    expect(await sql(`SELECT study_id, trial_number FROM runs WHERE id = $1`, [trialRun])).toEqual([
      { study_id: studyId, trial_number: 0 },
    ]);
    expect(await sql(`SELECT rank, model_name, mae, smape FROM leaderboard_entries WHERE experiment_id = $1`, [experimentId])).toEqual([
      { rank: 1, model_name: 'MLP', mae: 4, smape: 8 },
    ]);
    await runMigrations(db);
    expect(await pendingMigrations(db)).toEqual([]);
  });

  it('enforces the run status CHECK constraint', async () => {
    const [experiment] = (await db.dataSource.query(`INSERT INTO experiments (name) VALUES ('check-check') RETURNING id`)) as {
      id: string;
    }[];
    await expect(
      db.dataSource.query(
        `INSERT INTO runs (experiment_id, model_name, horizon, kind, status, parameters) VALUES ($1, 'm', 1, 'train', 'done', '{}')`,
        [experiment.id],
      ),
    ).rejects.toThrow(/runs_status_check/);
  });
});
