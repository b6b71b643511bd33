import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { bigintNumber } from './bigint-number';
import { Dataset } from './dataset';
import { Experiment } from './experiment';
import { HyperparameterStudy } from '../study/hyperparameter-study';

/** The states a run moves through; only `running` may change. */
export const runStatuses = ['running', 'completed', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof runStatuses)[number];

/** What a run does: fit and score, a tuning trial, a cross-validation, a forecast request. */
export const runKinds = ['train', 'trial', 'cv', 'predict'] as const;
export type RunKind = (typeof runKinds)[number];

/** JSON value stored in jsonb columns. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** One training, trial, cross-validation or forecast request of one model for one horizon. */
@Entity({ name: 'runs' })
@Check('runs_kind_check', `kind IN ('train', 'trial', 'cv', 'predict')`)
@Check('runs_status_check', `status IN ('running', 'completed', 'failed', 'cancelled')`)
@Check('runs_horizon_check', `horizon >= 1`)
export class Run {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'runs_pkey' })
  id!: string;

  @Index('runs_experiment_id_idx')
  @Column({ type: 'uuid', name: 'experiment_id' })
  experimentId!: string;

  @ManyToOne(() => Experiment, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'experiment_id', foreignKeyConstraintName: 'runs_experiment_id_fkey' })
  experiment?: Experiment;

  @Column({ type: 'uuid', name: 'dataset_id', nullable: true })
  datasetId!: string | null;

  @ManyToOne(() => Dataset, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'dataset_id', foreignKeyConstraintName: 'runs_dataset_id_fkey' })
  dataset?: Dataset | null;

  @Column({ type: 'text', name: 'model_name' })
  modelName!: string;

  @Column({ type: 'integer' })
  horizon!: number;

  @Column({ type: 'text' })
  kind!: RunKind;

  @Index('runs_status_idx')
  @Column({ type: 'text', default: 'running' })
  status!: RunStatus;

  @Column({ type: 'jsonb' })
  parameters!: JsonObject;

  @Column({ type: 'timestamptz', name: 'started_at', default: () => 'now()' })
  startedAt!: Date;

  @Column({ type: 'timestamptz', name: 'ended_at', nullable: true })
  endedAt!: Date | null;

  @Column({ type: 'bigint', name: 'duration_ms', nullable: true, transformer: bigintNumber })
  durationMs!: number | null;

  @Column({ type: 'text', name: 'error_message', nullable: true })
  errorMessage!: string | null;

  /**
   * A refit's study: the one whose best trial chose this run's parameters.
   * A trial's run is linked from its trial (`study_trials.run_id`), not here.
   */
  @Index('runs_study_id_idx')
  @Column({ type: 'uuid', name: 'study_id', nullable: true })
  studyId!: string | null;

  @ManyToOne(() => HyperparameterStudy, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'study_id', foreignKeyConstraintName: 'runs_study_id_fkey' })
  study?: HyperparameterStudy | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}
