import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API training jobs (issue 12): `training_jobs` holds each `POST /jobs`
 * request and the `train-run` queue jobs it became; their state is read from
 * the queue. `run_heartbeats` gains the run's latest progress (`progress`
 * 0..1, `steps_per_second`), written with each beat, so `GET /jobs/:id` can
 * show progress and an ETA of runs executed by workers in other processes.
 */
export class TrainingJobs1767226600000 implements MigrationInterface {
  name = 'TrainingJobs1767226600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE training_jobs (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        experiment text NOT NULL,
        request jsonb NOT NULL,
        job_ids uuid[] NOT NULL,
        dataset_id uuid,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        cancelled_at timestamptz,
        CONSTRAINT training_jobs_pkey PRIMARY KEY (id)
      )`);
    await queryRunner.query(`CREATE INDEX training_jobs_created_at_idx ON training_jobs (created_at, id)`);
    await queryRunner.query(`ALTER TABLE run_heartbeats ADD COLUMN progress double precision`);
    await queryRunner.query(`ALTER TABLE run_heartbeats ADD COLUMN steps_per_second double precision`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE run_heartbeats DROP COLUMN steps_per_second`);
    await queryRunner.query(`ALTER TABLE run_heartbeats DROP COLUMN progress`);
    await queryRunner.query(`DROP TABLE training_jobs`);
  }
}
