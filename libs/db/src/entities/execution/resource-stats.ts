import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { bigintNumber } from '../tracking/bigint-number';
import { Run } from '../tracking/run';

/**
 * What executing one run cost (the original system's `resource_stats`): wall
 * and CPU time and peak RSS of the process that ran it, the threads and
 * execution provider it used, and its training speed. One row per run, written
 * by the worker when the run's process ends.
 */
@Entity({ name: 'resource_stats' })
@Check('resource_stats_threads_check', `threads >= 1`)
export class ResourceStats {
  @PrimaryColumn({ type: 'uuid', name: 'run_id', primaryKeyConstraintName: 'resource_stats_pkey' })
  runId!: string;

  // Many-to-one on the primary key: one row per run without a second unique constraint.
  @ManyToOne(() => Run, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'run_id', foreignKeyConstraintName: 'resource_stats_run_id_fkey' })
  run?: Run;

  @Column({ type: 'uuid', name: 'job_id', nullable: true })
  jobId!: string | null;

  @Column({ type: 'text', name: 'worker_id' })
  workerId!: string;

  @Column({ type: 'bigint', name: 'wall_ms', transformer: bigintNumber })
  wallMs!: number;

  /** User + system CPU time of the process. */
  @Column({ type: 'bigint', name: 'cpu_ms', transformer: bigintNumber })
  cpuMs!: number;

  @Column({ type: 'bigint', name: 'peak_rss_bytes', transformer: bigintNumber })
  peakRssBytes!: number;

  /** Intra-op threads ONNX Runtime was given (`ORT_THREADS` of the process). */
  @Column({ type: 'integer' })
  threads!: number;

  /** Execution provider: `cpu`, `cuda`, `webgpu`. */
  @Column({ type: 'text' })
  backend!: string;

  /** Training steps per second; null for models without a training loop. */
  @Column({ type: 'double precision', name: 'steps_per_second', nullable: true })
  stepsPerSecond!: number | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
