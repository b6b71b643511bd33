import type { SeriesFrame } from '@tsforecast/data';
import type { RunDataset } from '../recording/run-recorder';
import type { SearchRequest } from './train-request';
import type { TrialOwner } from '../tuning/abandoned-trials';

/**
 * One model × horizon of a training: fit on `split.train`, forecast and score
 * the hold-out `split.test`, record the run. What a local pool or a worker
 * process hands to {@link HoldOutRunner.run}.
 */
export interface HoldOutJob {
  experiment: string;
  /** Model name as registered. */
  model: string;
  horizon: number;
  split: { train: SeriesFrame; test: SeriesFrame };
  dataset: RunDataset;
  /** `fingerprintFrame` of the whole frame, kept in the model's metadata. */
  frameFingerprint: string;
  /** The user's hyperparameter overrides (they win over tuned values). */
  overrides: Record<string, unknown>;
  /** Tune a neural model first. */
  search?: SearchRequest;
  /** Record the run under this id (a queue worker chose it and holds its lease). */
  runId?: string;
  /** The queue job attempt running it: recorded on its own trials, whose liveness is then the attempt's lease. */
  job?: TrialOwner;
  /** When the request was enqueued: the study's trials started since are this request's. */
  requestedAt?: Date;
  /** Where the model's files go; default `MODEL_DIR`. */
  modelDir?: string;
  /** Cancels the fit at its next step; the run is then recorded `cancelled`. */
  signal?: AbortSignal;
  /** CPU threads the fit may use. */
  threads?: number;
  /** Training progress (fraction 0..1 and the trainer's fields: step, loss, steps/s). */
  onProgress?: (fraction: number, fields: Record<string, number>) => void;
}
