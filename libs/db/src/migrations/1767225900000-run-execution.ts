import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Run execution: `run_heartbeats` (the lease of each run a worker or a
 * process executes; the reaper fails `running` runs whose lease went stale) and
 * `resource_stats` (wall/CPU time, peak RSS, threads, backend, steps/s per
 * run). `run_heartbeats.run_id` has no foreign key on purpose: the worker
 * writes the lease before its child process creates the run. Names match
 * `libs/db/src/entities/execution/`.
 */
export class RunExecution1767225900000 implements MigrationInterface {
  name = 'RunExecution1767225900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE run_heartbeats (
        run_id uuid NOT NULL,
        job_id uuid,
        job_kind text,
        attempt integer,
        worker_id text NOT NULL,
        beat_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT run_heartbeats_pkey PRIMARY KEY (run_id),
        CONSTRAINT run_heartbeats_attempt_check CHECK (attempt >= 1)
      )`);
    await queryRunner.query(`CREATE INDEX run_heartbeats_job_id_idx ON run_heartbeats (job_id)`);
    await queryRunner.query(`CREATE INDEX run_heartbeats_beat_at_idx ON run_heartbeats (beat_at)`);
    await queryRunner.query(`
      CREATE TABLE resource_stats (
        run_id uuid NOT NULL,
        job_id uuid,
        worker_id text NOT NULL,
        wall_ms bigint NOT NULL,
        cpu_ms bigint NOT NULL,
        peak_rss_bytes bigint NOT NULL,
        threads integer NOT NULL,
        backend text NOT NULL,
        steps_per_second double precision,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT resource_stats_pkey PRIMARY KEY (run_id),
        CONSTRAINT resource_stats_run_id_fkey FOREIGN KEY (run_id) REFERENCES runs (id) ON DELETE CASCADE,
        CONSTRAINT resource_stats_threads_check CHECK (threads >= 1)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE resource_stats`);
    await queryRunner.query(`DROP TABLE run_heartbeats`);
  }
}
