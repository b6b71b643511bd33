import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The experiment-tracking schema: datasets, experiments, runs, metrics, models,
 * predictions and the leaderboard. Metrics and predictions are rows (not jsonb
 * blobs on the run) so that they can be filtered, joined and aggregated in SQL;
 * see docs/DATABASE.md.
 *
 * Plain SQL that runs unchanged on PostgreSQL 15 servers and on PGlite
 * (PostgreSQL 18): `gen_random_uuid()` is built in since PG 13, so no extension
 * is needed. Constraint and index names match the entity decorators in
 * `libs/db/src/entities/tracking/`, which a test checks by diffing the schema.
 */
export class TrackingSchema1767225600000 implements MigrationInterface {
  name = 'TrackingSchema1767225600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Reusable by later migrations (e.g. the studies tables): keeps updated_at
    // true even for rows changed by hand-written SQL, not only through TypeORM.
    await queryRunner.query(`
      CREATE FUNCTION tsf_touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.updated_at := now();
        RETURN NEW;
      END
      $$`);

    await queryRunner.query(`
      CREATE TABLE datasets (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        name text NOT NULL,
        path text NOT NULL,
        fingerprint text NOT NULL,
        row_count integer NOT NULL,
        series_count integer NOT NULL,
        frequency text,
        season_length integer,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT datasets_pkey PRIMARY KEY (id),
        CONSTRAINT datasets_fingerprint_name_key UNIQUE (fingerprint, name),
        CONSTRAINT datasets_fingerprint_check CHECK (fingerprint ~ '^[0-9a-f]{64}$'),
        CONSTRAINT datasets_counts_check CHECK (row_count >= 0 AND series_count >= 0)
      )`);

    await queryRunner.query(`
      CREATE TABLE experiments (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        name text NOT NULL,
        description text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT experiments_pkey PRIMARY KEY (id),
        CONSTRAINT experiments_name_key UNIQUE (name)
      )`);
    await queryRunner.query(`
      CREATE TRIGGER experiments_touch_updated_at BEFORE UPDATE ON experiments
      FOR EACH ROW EXECUTE FUNCTION tsf_touch_updated_at()`);

    await queryRunner.query(`
      CREATE TABLE runs (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        experiment_id uuid NOT NULL,
        dataset_id uuid,
        model_name text NOT NULL,
        horizon integer NOT NULL,
        kind text NOT NULL,
        status text NOT NULL DEFAULT 'running',
        parameters jsonb NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        ended_at timestamptz,
        duration_ms bigint,
        error_message text,
        study_id uuid,
        trial_number integer,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT runs_pkey PRIMARY KEY (id),
        CONSTRAINT runs_experiment_id_fkey FOREIGN KEY (experiment_id)
          REFERENCES experiments (id) ON DELETE CASCADE,
        CONSTRAINT runs_dataset_id_fkey FOREIGN KEY (dataset_id)
          REFERENCES datasets (id) ON DELETE SET NULL,
        CONSTRAINT runs_status_check CHECK (status IN ('running', 'completed', 'failed', 'cancelled')),
        CONSTRAINT runs_horizon_check CHECK (horizon >= 1)
      )`);
    await queryRunner.query(`CREATE INDEX runs_experiment_id_idx ON runs (experiment_id)`);
    await queryRunner.query(`CREATE INDEX runs_status_idx ON runs (status)`);
    await queryRunner.query(`CREATE INDEX runs_study_id_idx ON runs (study_id)`);
    await queryRunner.query(`
      CREATE TRIGGER runs_touch_updated_at BEFORE UPDATE ON runs
      FOR EACH ROW EXECUTE FUNCTION tsf_touch_updated_at()`);

    await queryRunner.query(`
      CREATE TABLE metrics (
        id bigserial NOT NULL,
        run_id uuid NOT NULL,
        name text NOT NULL,
        value double precision NOT NULL,
        step integer,
        cv_window integer,
        series_id text,
        CONSTRAINT metrics_pkey PRIMARY KEY (id),
        CONSTRAINT metrics_run_id_fkey FOREIGN KEY (run_id) REFERENCES runs (id) ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX metrics_run_id_name_idx ON metrics (run_id, name)`);

    await queryRunner.query(`
      CREATE TABLE models (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        run_id uuid NOT NULL,
        name text NOT NULL,
        version integer NOT NULL,
        artifact_path text NOT NULL,
        size_bytes bigint NOT NULL,
        sha256 text NOT NULL,
        hyperparameters jsonb NOT NULL,
        metadata jsonb NOT NULL,
        is_production boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT models_pkey PRIMARY KEY (id),
        CONSTRAINT models_run_id_fkey FOREIGN KEY (run_id) REFERENCES runs (id) ON DELETE RESTRICT,
        CONSTRAINT models_name_version_key UNIQUE (name, version),
        CONSTRAINT models_version_check CHECK (version >= 1),
        CONSTRAINT models_sha256_check CHECK (sha256 ~ '^[0-9a-f]{64}$')
      )`);
    await queryRunner.query(`CREATE INDEX models_run_id_idx ON models (run_id)`);
    // At most one production version per model name, enforced by the database.
    await queryRunner.query(`CREATE UNIQUE INDEX models_one_production_per_name ON models (name) WHERE is_production`);

    await queryRunner.query(`
      CREATE TABLE predictions (
        id bigserial NOT NULL,
        run_id uuid NOT NULL,
        model_id uuid,
        series_id text NOT NULL,
        ds timestamptz NOT NULL,
        value double precision NOT NULL,
        quantiles jsonb,
        cutoff timestamptz,
        CONSTRAINT predictions_pkey PRIMARY KEY (id),
        CONSTRAINT predictions_run_id_fkey FOREIGN KEY (run_id) REFERENCES runs (id) ON DELETE CASCADE,
        CONSTRAINT predictions_model_id_fkey FOREIGN KEY (model_id) REFERENCES models (id) ON DELETE SET NULL
      )`);
    await queryRunner.query(`CREATE INDEX predictions_run_id_series_id_idx ON predictions (run_id, series_id, ds)`);
    await queryRunner.query(`CREATE INDEX predictions_model_id_idx ON predictions (model_id)`);

    await createLeaderboardEntries(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE leaderboard_entries`);
    await queryRunner.query(`DROP TABLE predictions`);
    await queryRunner.query(`DROP TABLE models`);
    await queryRunner.query(`DROP TABLE metrics`);
    await queryRunner.query(`DROP TABLE runs`);
    await queryRunner.query(`DROP TABLE experiments`);
    await queryRunner.query(`DROP TABLE datasets`);
    await queryRunner.query(`DROP FUNCTION tsf_touch_updated_at()`);
  }
}

/**
 * The leaderboard table and its index as this migration creates them;
 * RunRecords1767225800000's `down` restores the table from the same statements.
 */
export async function createLeaderboardEntries(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`
      CREATE TABLE leaderboard_entries (
        experiment_id uuid NOT NULL,
        horizon integer NOT NULL,
        rank integer NOT NULL,
        model_name text NOT NULL,
        run_id uuid NOT NULL,
        mae double precision,
        mse double precision,
        rmse double precision,
        mape double precision,
        smape double precision,
        mase double precision,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT leaderboard_entries_pkey PRIMARY KEY (experiment_id, horizon, rank),
        CONSTRAINT leaderboard_entries_experiment_id_fkey FOREIGN KEY (experiment_id)
          REFERENCES experiments (id) ON DELETE CASCADE,
        CONSTRAINT leaderboard_entries_run_id_fkey FOREIGN KEY (run_id) REFERENCES runs (id) ON DELETE CASCADE,
        CONSTRAINT leaderboard_entries_rank_check CHECK (rank >= 1)
      )`);
  await queryRunner.query(`CREATE INDEX leaderboard_entries_run_id_idx ON leaderboard_entries (run_id)`);
}
