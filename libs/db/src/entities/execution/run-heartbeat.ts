import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The lease of a running run: which process (and job attempt) runs it, and
 * when that process last said it is alive. A queue worker writes the row
 * before the run exists (it picks the run's id), so there is no foreign key to
 * `runs`; a run whose `beat_at` is older than the reaper's timeout has lost its
 * process and is marked `failed`.
 */
@Entity({ name: 'run_heartbeats' })
@Check('run_heartbeats_attempt_check', `attempt >= 1`)
export class RunHeartbeat {
  @PrimaryColumn({ type: 'uuid', name: 'run_id', primaryKeyConstraintName: 'run_heartbeats_pkey' })
  runId!: string;

  /** The pg-boss job whose attempt this run is; null for a run a process executes without the queue. */
  @Index('run_heartbeats_job_id_idx')
  @Column({ type: 'uuid', name: 'job_id', nullable: true })
  jobId!: string | null;

  /** Queue (job kind) of the job: `train-run`, `trial`. */
  @Column({ type: 'text', name: 'job_kind', nullable: true })
  jobKind!: string | null;

  /** 1 for the first attempt, 2 for the first retry, ... */
  @Column({ type: 'integer', nullable: true })
  attempt!: number | null;

  /** `host:pid` of the process that owns the run. */
  @Column({ type: 'text', name: 'worker_id' })
  workerId!: string;

  @Index('run_heartbeats_beat_at_idx')
  @Column({ type: 'timestamptz', name: 'beat_at', default: () => 'now()' })
  beatAt!: Date;

  /** The run's latest progress, 0..1, written with each beat; null before the first report. */
  @Column({ type: 'double precision', nullable: true })
  progress!: number | null;

  /** Training steps per second at the latest beat; null for runs that report none. */
  @Column({ type: 'double precision', name: 'steps_per_second', nullable: true })
  stepsPerSecond!: number | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
