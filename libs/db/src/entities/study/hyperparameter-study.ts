import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { JsonObject, JsonValue } from '../tracking';

/** A hyperparameter study: its search space and how it samples and prunes (table `studies`). */
@Entity({ name: 'studies' })
@Unique('studies_name_key', ['name'])
@Check('studies_direction_check', `direction IN ('minimize', 'maximize')`)
export class HyperparameterStudy {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'studies_pkey' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  direction!: 'minimize' | 'maximize';

  /** Sampler kind, seed and options. */
  @Column({ type: 'jsonb' })
  sampler!: JsonObject;

  /** Pruner kind and options. */
  @Column({ type: 'jsonb' })
  pruner!: JsonObject;

  /** The search space expressions as JSON. */
  @Column({ type: 'jsonb' })
  space!: JsonValue;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
