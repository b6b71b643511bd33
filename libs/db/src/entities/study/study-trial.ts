import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { JsonObject } from '../tracking';
import { HyperparameterStudy } from './hyperparameter-study';
import { Run } from '../tracking/run';

/** One trial of a study (table `study_trials`); `number` is unique per study. */
@Entity({ name: 'study_trials' })
@Unique('study_trials_study_id_number_key', ['studyId', 'number'])
@Unique('study_trials_run_id_key', ['runId'])
@Check('study_trials_state_check', `state IN ('running', 'complete', 'pruned', 'failed')`)
@Check('study_trials_number_check', `number >= 0`)
export class StudyTrial {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'study_trials_pkey' })
  id!: string;

  @Column({ type: 'uuid', name: 'study_id' })
  studyId!: string;

  @ManyToOne(() => HyperparameterStudy, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'study_id', foreignKeyConstraintName: 'study_trials_study_id_fkey' })
  study?: HyperparameterStudy;

  @Column({ type: 'integer' })
  number!: number;

  @Column({ type: 'text', default: 'running' })
  state!: 'running' | 'complete' | 'pruned' | 'failed';

  @Column({ type: 'double precision', nullable: true })
  value!: number | null;

  /** `{ name: { value, distribution } }`: internal values (a choice as its option index) and domains. */
  @Column({ type: 'jsonb' })
  params!: JsonObject;

  @Column({ type: 'timestamptz', name: 'started_at', default: () => 'now()' })
  startedAt!: Date;

  @Column({ type: 'timestamptz', name: 'completed_at', nullable: true })
  completedAt!: Date | null;

  @Column({ type: 'text', name: 'worker_id', nullable: true })
  workerId!: string | null;

  /** The run that evaluates this trial: the one trial↔run link, written when the run starts. */
  @Column({ type: 'uuid', name: 'run_id', nullable: true })
  runId!: string | null;

  @ManyToOne(() => Run, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'run_id', foreignKeyConstraintName: 'study_trials_run_id_fkey' })
  run?: Run | null;
}
