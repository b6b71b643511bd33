import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { modelStageSqlList, type ModelStage } from './model-stage';
import { ModelVersion } from './model-version';

/** One change of a model version's stage: who (the token's subject), when, from, to. Written in the change's transaction. */
@Entity({ name: 'model_stage_changes' })
@Index('model_stage_changes_model_id_idx', ['modelId', 'changedAt'])
@Check('model_stage_changes_from_stage_check', `from_stage IN (${modelStageSqlList})`)
@Check('model_stage_changes_to_stage_check', `to_stage IN (${modelStageSqlList})`)
export class ModelStageChange {
  /** bigserial; node-postgres returns it as a string. */
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'model_stage_changes_pkey' })
  id!: string;

  @Column({ type: 'uuid', name: 'model_id' })
  modelId!: string;

  @ManyToOne(() => ModelVersion, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'model_id', foreignKeyConstraintName: 'model_stage_changes_model_id_fkey' })
  model?: ModelVersion;

  @Column({ type: 'text', name: 'from_stage' })
  fromStage!: ModelStage;

  @Column({ type: 'text', name: 'to_stage' })
  toStage!: ModelStage;

  /** The subject (`sub`) of the token that asked, or `cli:<user>` from the command line. */
  @Column({ type: 'text', name: 'changed_by' })
  changedBy!: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'changed_at' })
  changedAt!: Date;
}
