import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Run } from './run';

/**
 * One metric value of a run: a final score (`step`, `window`, `seriesId` all
 * null), a point of a training curve (`step`), a cross-validation window's
 * score (`window`) or a per-series score (`seriesId`).
 */
@Entity({ name: 'metrics' })
@Index('metrics_run_id_name_idx', ['runId', 'name'])
export class RunMetric {
  /** bigserial; node-postgres returns it as a string. */
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'metrics_pkey' })
  id!: string;

  @Column({ type: 'uuid', name: 'run_id' })
  runId!: string;

  @ManyToOne(() => Run, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'run_id', foreignKeyConstraintName: 'metrics_run_id_fkey' })
  run?: Run;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'double precision' })
  value!: number;

  @Column({ type: 'integer', nullable: true })
  step!: number | null;

  /** Cross-validation window index. The column is `cv_window`: WINDOW is a reserved word in SQL. */
  @Column({ type: 'integer', name: 'cv_window', nullable: true })
  window!: number | null;

  @Column({ type: 'text', name: 'series_id', nullable: true })
  seriesId!: string | null;
}
