import type { Dataset } from '../entities/tracking/dataset';
import type { Experiment } from '../entities/tracking/experiment';
import type { LeaderboardEntry, LeaderboardMetricName } from '../entities/tracking/leaderboard-entry';
import type { ModelVersion } from '../entities/tracking/model-version';
import type { JsonObject, Run, RunKind, RunStatus } from '../entities/tracking/run';
import type { RunMetric } from '../entities/tracking/run-metric';

/** A data set to register (upserted by fingerprint + name). */
export interface DatasetInput {
  name: string;
  path: string;
  /** sha256 of the content, lower-case hex. */
  fingerprint: string;
  rowCount: number;
  seriesCount: number;
  frequency?: string | null;
  seasonLength?: number | null;
}

/** What a new run is. */
export interface RunInput {
  experimentId: string;
  modelName: string;
  horizon: number;
  kind: RunKind;
  parameters: JsonObject;
  datasetId?: string | null;
  studyId?: string | null;
  trialNumber?: number | null;
}

/** One metric value; `step` for training curves, `window` for CV windows, `seriesId` for per-series scores. */
export interface MetricInput {
  name: string;
  value: number;
  step?: number | null;
  window?: number | null;
  seriesId?: string | null;
}

/** How a run ended well. `metrics` as `{ mae: 1.2 }` or as rows. */
export interface RunCompletion {
  metrics?: Record<string, number> | MetricInput[];
  /** Wall time; when omitted, the time since `started_at`. */
  durationMs?: number;
}

/** One forecast value. */
export interface PredictionInput {
  seriesId: string;
  ds: Date;
  value: number;
  quantiles?: JsonObject | null;
  cutoff?: Date | null;
}

/** A model artifact to register; the version is assigned. */
export interface ModelInput {
  runId: string;
  name: string;
  artifactPath: string;
  sizeBytes: number;
  sha256: string;
  hyperparameters: JsonObject;
  metadata: JsonObject;
}

/** A training run's last writes, made together: the model version, its predictions, the metrics and the status. */
export interface TrainedRunCompletion extends RunCompletion {
  model: ModelInput;
  predictions: PredictionInput[];
}

/** One leaderboard row to save; `rank` defaults to the position in the list (1-based). */
export interface LeaderboardInput {
  modelName: string;
  runId: string;
  rank?: number;
  metrics: Partial<Record<LeaderboardMetricName, number | null>>;
}

/** Filter of {@link TrackingStore.listRuns}. */
export interface RunQuery {
  /** Experiment name or id. */
  experiment?: string;
  status?: RunStatus;
  /** Most recent first; default 100. */
  limit?: number;
}

/** A run and its metrics. */
export interface RunDetails {
  run: Run;
  metrics: RunMetric[];
}

/**
 * The tracking API over the database that the upper layers use (logging's
 * Tracker, services, CLI). Writes that belong together run in one transaction:
 * a failure leaves nothing half-written.
 *
 * @example
 * const experiment = await store.ensureExperiment('m4-daily');
 * const run = await store.startRun({ experimentId: experiment.id, modelName: 'NHITS', horizon: 14, kind: 'train', parameters: {} });
 * await store.completeRun(run.id, { metrics: { mae: 1.2 }, durationMs: 3400 });
 */
export const TrackingStore = Symbol('TrackingStore');
export interface TrackingStore {
  /** The experiment of that name, created if missing (the description is set only on creation). */
  ensureExperiment(name: string, description?: string): Promise<Experiment>;
  /** Registers a data set, or returns the existing one with that fingerprint and name (path updated). */
  registerDataset(input: DatasetInput): Promise<Dataset>;
  /** Inserts a `running` run. */
  startRun(input: RunInput): Promise<Run>;
  /** Records the final metrics and marks the run `completed`, in one transaction. */
  completeRun(runId: string, completion?: RunCompletion): Promise<Run>;
  /**
   * Registers the run's model (next version of its name), stores its
   * predictions linked to it, records the metrics and marks the run
   * `completed` — in one transaction: if any part fails, no model version is
   * registered and the run stays `running` (for the caller to fail it).
   */
  completeRunWithModel(runId: string, completion: TrainedRunCompletion): Promise<{ run: Run; model: { id: string; version: number } }>;
  /** Marks the run `failed`, keeping `errorMessage`. */
  failRun(runId: string, errorMessage: string, durationMs?: number): Promise<Run>;
  /** Marks the run `cancelled`. */
  cancelRun(runId: string, reason?: string): Promise<Run>;
  /** Appends metric rows (training curves, CV windows, per-series scores). */
  recordMetrics(runId: string, rows: MetricInput[]): Promise<void>;
  /** Inserts forecast rows in batches inside one transaction; returns how many. */
  savePredictions(runId: string, rows: PredictionInput[], options?: { modelId?: string }): Promise<number>;
  /** Registers a model under the next version of its name (1, 2, …), safe under concurrent registrations. */
  registerModel(input: ModelInput): Promise<{ id: string; version: number }>;
  /** A model by uuid, `name@version`, or name (latest version); NotFoundError listing known models otherwise. */
  findModel(ref: string): Promise<ModelVersion>;
  /** All experiments, newest first. */
  listExperiments(): Promise<Experiment[]>;
  /** Runs, newest first. */
  listRuns(query?: RunQuery): Promise<Run[]>;
  /** One run with its metrics; NotFoundError if missing. */
  getRun(runId: string): Promise<RunDetails>;
  /** Replaces the experiment's leaderboard for this horizon, in one transaction. */
  saveLeaderboard(experimentId: string, horizon: number, entries: LeaderboardInput[]): Promise<LeaderboardEntry[]>;
  /** The leaderboard, by horizon then rank; all horizons when `horizon` is omitted. */
  getLeaderboard(experimentId: string, horizon?: number): Promise<LeaderboardEntry[]>;
}
