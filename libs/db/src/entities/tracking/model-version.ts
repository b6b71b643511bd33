import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { bigintNumber } from './bigint-number';
import { modelStageSqlList, type ModelStage } from './model-stage';
import { Run, type JsonObject } from './run';

/** A registered model artifact: `name@version`, versions counting from 1 per name, each in a registry {@link ModelStage}. */
@Entity({ name: 'models' })
@Unique('models_name_version_key', ['name', 'version'])
@Index('models_one_production_per_name', ['name'], { unique: true, where: "stage = 'production'" })
@Check('models_version_check', `version >= 1`)
@Check('models_sha256_check', `sha256 ~ '^[0-9a-f]{64}$'`)
@Check('models_stage_check', `stage IN (${modelStageSqlList})`)
export class ModelVersion {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'models_pkey' })
  id!: string;

  @Index('models_run_id_idx')
  @Column({ type: 'uuid', name: 'run_id' })
  runId!: string;

  @ManyToOne(() => Run, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'run_id', foreignKeyConstraintName: 'models_run_id_fkey' })
  run?: Run;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'text', name: 'artifact_path' })
  artifactPath!: string;

  @Column({ type: 'bigint', name: 'size_bytes', transformer: bigintNumber })
  sizeBytes!: number;

  /** sha256 of the artifact file, lower-case hex. */
  @Column({ type: 'text' })
  sha256!: string;

  @Column({ type: 'jsonb' })
  hyperparameters!: JsonObject;

  @Column({ type: 'jsonb' })
  metadata!: JsonObject;

  /** Changed only through the model stage store, which writes the audit row in the same transaction. */
  @Column({ type: 'text', default: 'none' })
  stage!: ModelStage;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
