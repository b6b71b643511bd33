import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hyperparameter studies: `studies`, their `study_trials` (number unique per
 * study, so concurrent workers can never share one) and the trials'
 * intermediate values `study_trial_values` (one per step). Plain SQL for
 * PostgreSQL 15 and PGlite; names match `libs/db/src/entities/study/`.
 */
export class CreateStudies1767225700000 implements MigrationInterface {
  name = 'CreateStudies1767225700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE studies (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        name text NOT NULL,
        direction text NOT NULL,
        sampler jsonb NOT NULL,
        pruner jsonb NOT NULL,
        space jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT studies_pkey PRIMARY KEY (id),
        CONSTRAINT studies_name_key UNIQUE (name),
        CONSTRAINT studies_direction_check CHECK (direction IN ('minimize', 'maximize'))
      )`);
    await queryRunner.query(`
      CREATE TABLE study_trials (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        study_id uuid NOT NULL,
        number integer NOT NULL,
        state text NOT NULL DEFAULT 'running',
        value double precision,
        params jsonb NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        worker_id text,
        run_id uuid,
        CONSTRAINT study_trials_pkey PRIMARY KEY (id),
        CONSTRAINT study_trials_study_id_number_key UNIQUE (study_id, number),
        CONSTRAINT study_trials_study_id_fkey FOREIGN KEY (study_id) REFERENCES studies (id) ON DELETE CASCADE,
        CONSTRAINT study_trials_state_check CHECK (state IN ('running', 'complete', 'pruned', 'failed')),
        CONSTRAINT study_trials_number_check CHECK (number >= 0)
      )`);
    await queryRunner.query(`
      CREATE TABLE study_trial_values (
        id bigserial NOT NULL,
        trial_id uuid NOT NULL,
        step integer NOT NULL,
        value double precision NOT NULL,
        CONSTRAINT study_trial_values_pkey PRIMARY KEY (id),
        CONSTRAINT study_trial_values_trial_id_step_key UNIQUE (trial_id, step),
        CONSTRAINT study_trial_values_trial_id_fkey FOREIGN KEY (trial_id) REFERENCES study_trials (id) ON DELETE CASCADE
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE study_trial_values`);
    await queryRunner.query(`DROP TABLE study_trials`);
    await queryRunner.query(`DROP TABLE studies`);
  }
}
