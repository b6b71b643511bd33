import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { JsonObject } from '../tracking/run';

/**
 * A training job submitted through the API (`POST /jobs`, table
 * `training_jobs`): the request as given, and the `train-run` queue jobs it
 * became (one per model × horizon, in request order). Its state is not stored:
 * it is derived from those queue jobs, so there is one owner of "where is it".
 */
@Entity({ name: 'training_jobs' })
@Index('training_jobs_created_at_idx', ['createdAt', 'id'])
export class TrainingJobRecord {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'training_jobs_pkey' })
  id!: string;

  @Column({ type: 'text' })
  experiment!: string;

  /** The submitted request (data path resolved, models, horizons, search, overrides …). */
  @Column({ type: 'jsonb' })
  request!: JsonObject;

  /** The `train-run` queue job ids, one per model × horizon in request order. */
  @Column({ type: 'uuid', name: 'job_ids', array: true })
  jobIds!: string[];

  /** The registered data set the jobs read; null when it was not registered yet (the runs register it). */
  @Column({ type: 'uuid', name: 'dataset_id', nullable: true })
  datasetId!: string | null;

  /** Subject (`sub`) of the token that submitted it. */
  @Column({ type: 'text', name: 'created_by' })
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  /** When `DELETE /jobs/:id` cancelled it; null otherwise. */
  @Column({ type: 'timestamptz', name: 'cancelled_at', nullable: true })
  cancelledAt!: Date | null;
}
