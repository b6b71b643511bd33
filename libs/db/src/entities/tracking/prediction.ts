import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ModelVersion } from './model-version';
import { Run, type JsonObject } from './run';

/** One forecast value of one series at one timestamp (optionally one CV cutoff). */
@Entity({ name: 'predictions' })
@Index('predictions_run_id_series_id_idx', ['runId', 'seriesId', 'ds'])
@Index('predictions_model_id_served_at_idx', ['modelId', 'servedAt'], { where: 'served_at IS NOT NULL' })
export class Prediction {
  /** bigserial; node-postgres returns it as a string. */
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'predictions_pkey' })
  id!: string;

  @Column({ type: 'uuid', name: 'run_id' })
  runId!: string;

  @ManyToOne(() => Run, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'run_id', foreignKeyConstraintName: 'predictions_run_id_fkey' })
  run?: Run;

  @Index('predictions_model_id_idx')
  @Column({ type: 'uuid', name: 'model_id', nullable: true })
  modelId!: string | null;

  @ManyToOne(() => ModelVersion, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'model_id', foreignKeyConstraintName: 'predictions_model_id_fkey' })
  model?: ModelVersion | null;

  @Column({ type: 'text', name: 'series_id' })
  seriesId!: string;

  @Column({ type: 'timestamptz' })
  ds!: Date;

  @Column({ type: 'double precision' })
  value!: number;

  /** Quantile forecasts keyed by level, e.g. `{ "0.1": 3.2, "0.9": 7.5 }`. */
  @Column({ type: 'jsonb', nullable: true })
  quantiles!: JsonObject | null;

  /** Last training timestamp of the cross-validation window; null outside CV. */
  @Column({ type: 'timestamptz', nullable: true })
  cutoff!: Date | null;

  /** When `POST /forecast` served this value (prediction logging); null for a run's own predictions. */
  @Column({ type: 'timestamptz', name: 'served_at', nullable: true })
  servedAt!: Date | null;
}
