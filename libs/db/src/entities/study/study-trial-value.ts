import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { StudyTrial } from './study-trial';

/** An intermediate value a trial reported at a step (table `study_trial_values`). */
@Entity({ name: 'study_trial_values' })
@Unique('study_trial_values_trial_id_step_key', ['trialId', 'step'])
export class StudyTrialValue {
  /** bigserial; node-postgres returns it as a string. */
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'study_trial_values_pkey' })
  id!: string;

  @Column({ type: 'uuid', name: 'trial_id' })
  trialId!: string;

  @ManyToOne(() => StudyTrial, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'trial_id', foreignKeyConstraintName: 'study_trial_values_trial_id_fkey' })
  trial?: StudyTrial;

  @Column({ type: 'integer' })
  step!: number;

  @Column({ type: 'double precision' })
  value!: number;
}
