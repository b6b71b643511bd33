import type { TrainingJobRecord } from '../entities/jobs/training-job';
import type { JsonObject } from '../entities/tracking/run';

/** A training job to record once its queue jobs exist. */
export interface TrainingJobInput {
  experiment: string;
  request: JsonObject;
  jobIds: readonly string[];
  datasetId?: string | null;
  createdBy: string;
}

/** A page of {@link TrainingJobStore.list}: newest first. */
export interface TrainingJobPage {
  /** Most recent first; default 50. */
  limit?: number;
  /** Id of the last job of the previous page (keyset pagination by creation time, then id). */
  after?: string;
}

/**
 * The one writer of `training_jobs` (the API's `POST /jobs` records). Their
 * state lives in the queue; this keeps what was asked, by whom, and the ids.
 *
 * @example
 * const record = await store.create({ experiment: 'air', request, jobIds, createdBy: 'alice' });
 * await store.markCancelled(record.id);
 */
export const TrainingJobStore = Symbol('TrainingJobStore');
export interface TrainingJobStore {
  create(input: TrainingJobInput): Promise<TrainingJobRecord>;
  /** The job; NotFoundError when no job has that id (any text, a non-uuid included). */
  get(id: string): Promise<TrainingJobRecord>;
  list(page?: TrainingJobPage): Promise<TrainingJobRecord[]>;
  /** Sets `cancelled_at` (the first cancellation's time is kept); returns the record. */
  markCancelled(id: string): Promise<TrainingJobRecord>;
}
