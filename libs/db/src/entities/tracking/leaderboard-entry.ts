import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Experiment } from './experiment';
import { Run } from './run';

/** The scores a leaderboard keeps as columns (null where not computed). */
export const leaderboardMetricNames = ['mae', 'mse', 'rmse', 'mape', 'smape', 'mase'] as const;
export type LeaderboardMetricName = (typeof leaderboardMetricNames)[number];

/** One ranked model of an experiment's leaderboard for one horizon (rank 1 = best). */
@Entity({ name: 'leaderboard_entries' })
@Check('leaderboard_entries_rank_check', `rank >= 1`)
export class LeaderboardEntry {
  @PrimaryColumn({ type: 'uuid', name: 'experiment_id', primaryKeyConstraintName: 'leaderboard_entries_pkey' })
  experimentId!: string;

  @ManyToOne(() => Experiment, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'experiment_id', foreignKeyConstraintName: 'leaderboard_entries_experiment_id_fkey' })
  experiment?: Experiment;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'leaderboard_entries_pkey' })
  horizon!: number;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'leaderboard_entries_pkey' })
  rank!: number;

  @Column({ type: 'text', name: 'model_name' })
  modelName!: string;

  @Index('leaderboard_entries_run_id_idx')
  @Column({ type: 'uuid', name: 'run_id' })
  runId!: string;

  @ManyToOne(() => Run, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'run_id', foreignKeyConstraintName: 'leaderboard_entries_run_id_fkey' })
  run?: Run;

  @Column({ type: 'double precision', nullable: true })
  mae!: number | null;

  @Column({ type: 'double precision', nullable: true })
  mse!: number | null;

  @Column({ type: 'double precision', nullable: true })
  rmse!: number | null;

  @Column({ type: 'double precision', nullable: true })
  mape!: number | null;

  @Column({ type: 'double precision', nullable: true })
  smape!: number | null;

  @Column({ type: 'double precision', nullable: true })
  mase!: number | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
