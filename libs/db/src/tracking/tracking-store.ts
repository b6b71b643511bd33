import type { Dataset } from '../entities/tracking/dataset';
import type { Experiment } from '../entities/tracking/experiment';
import type { ModelVersion } from '../entities/tracking/model-version';
import type { Prediction } from '../entities/tracking/prediction';
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
  /** The run's id when the caller chose it (a worker holds its lease before the run starts); generated otherwise. */
  id?: string;
  experimentId: string;
  modelName: string;
  horizon: number;
  kind: RunKind;
  parameters: JsonObject;
  datasetId?: string | null;
  /** A refit's study: the one whose best trial chose the parameters. */
  studyId?: string | null;
  /** Kind `trial`: the study trial the run evaluates; its `run_id` is set in the same transaction. */
  trialId?: string | null;
}

/** One metric value; `step` for training curves, `window` for CV windows, `seriesId` for per-series scores. */
export interface MetricInput {
  name: string;
  value: number;
  step?: number | null;
  window?: number | null;
  seriesId?: string | null;
}

/**
 * How a run ended well, written in one transaction: `metrics` as `{ mae: 1.2 }`
 * or as rows (CV windows carry `window`), its predictions, and the model it
 * trained (registered as the next version of its name; the predictions link to
 * it) or, for a forecast request, the model version it used.
 */
export interface RunCompletion {
  metrics?: Record<string, number> | MetricInput[];
  predictions?: PredictionInput[];
  /** A trained model to register. */
  model?: ModelInput;
  /** The existing model version that made the predictions (kind `predict`). */
  usedModelId?: string;
  /** Wall time; when omitted, the time since `started_at`. */
  durationMs?: number;
}

/** A completed run and the model version it registered, if any. */
export interface CompletedRunRecord {
  run: Run;
  model?: { id: string; version: number };
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

/** Filter of {@link TrackingStore.listRunScores}. */
export interface RunScoreQuery {
  experimentId: string;
  kind: RunKind;
  /** All horizons when omitted. */
  horizon?: number;
}

/** A completed run with its final scores (metric rows without step, window or series). */
export interface RunScores {
  run: Run;
  metrics: Record<string, number>;
}

/** Filter of {@link TrackingStore.listRuns}. */
export interface RunQuery {
  /** Experiment name or id. */
  experiment?: string;
  status?: RunStatus;
  /** Model name, any letter case. */
  model?: string;
  kind?: RunKind;
  /** Most recent first; default 100. */
  limit?: number;
  /**
   * Id of the last run of the previous page: only runs after it in the listing
   * order (newest `startedAt` first, ties by id) — keyset pagination that
   * neither skips nor repeats runs when new ones arrive.
   */
  after?: string;
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
 * await store.completeRun(run.id, { metrics: { mae: 1.2 }, predictions, model: written.registration });
 */
export const TrackingStore = Symbol('TrackingStore');
export interface TrackingStore {
  /** The experiment of that name, created if missing (the description is set only on creation). */
  ensureExperiment(name: string, description?: string): Promise<Experiment>;
  /** Registers a data set, or returns the existing one with that fingerprint and name (path updated). */
  registerDataset(input: DatasetInput): Promise<Dataset>;
  /** Inserts a `running` run (and links its trial to it, in the same transaction). */
  startRun(input: RunInput): Promise<Run>;
  /**
   * Marks the run `completed` with its metrics, predictions and model version
   * in one transaction: if any part fails, nothing is stored, no model version
   * is registered and the run stays `running` (for the caller to fail it).
   */
  completeRun(runId: string, completion?: RunCompletion): Promise<CompletedRunRecord>;
  /** Marks the run `failed`, keeping `errorMessage`. */
  failRun(runId: string, errorMessage: string, durationMs?: number): Promise<Run>;
  /** Marks the run `cancelled`. */
  cancelRun(runId: string, reason?: string): Promise<Run>;
  /** Appends metric rows (training curves, CV windows, per-series scores). */
  recordMetrics(runId: string, rows: MetricInput[]): Promise<void>;
  /** Registers a model under the next version of its name (1, 2, …), safe under concurrent registrations. */
  registerModel(input: ModelInput): Promise<{ id: string; version: number }>;
  /** A model by uuid, `name@version`, or name (latest version); NotFoundError listing known models otherwise. */
  findModel(ref: string): Promise<ModelVersion>;
  /** Model versions, by name then newest version first; only those of `name` (any letter case) when given. */
  listModelVersions(name?: string): Promise<ModelVersion[]>;
  /** All experiments, newest first. */
  listExperiments(): Promise<Experiment[]>;
  /** An experiment by name or id; NotFoundError naming the known experiments otherwise. */
  findExperiment(ref: string): Promise<Experiment>;
  /** Runs, newest first. */
  listRuns(query?: RunQuery): Promise<Run[]>;
  /** One run with its metrics; NotFoundError if missing. */
  getRun(runId: string): Promise<RunDetails>;
  /** The run's forecast rows by series, cutoff, then date; NotFoundError if the run does not exist. */
  listPredictions(runId: string): Promise<Prediction[]>;
  /**
   * Every completed run of this kind ever recorded in the experiment, with its
   * final scores, oldest first: what an experiment's leaderboard ranks.
   */
  listRunScores(query: RunScoreQuery): Promise<RunScores[]>;
}
