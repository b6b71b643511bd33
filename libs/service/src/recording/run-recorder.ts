import type { DatasetInput, ModelInput } from '@tsforecast/db';

/** What a recorded run does: fit and score (`train`), a tuning trial, a cross-validation, a forecast request. */
export type RecordedRunKind = 'train' | 'trial' | 'cv' | 'predict';

/** The data a run read, registered once per content fingerprint and name (db's record of a data set). */
export type RunDataset = DatasetInput;

/** What a new run is. */
export interface RunStart {
  /** The run's id when the caller chose it (a queue worker leases the run before it starts); a uuid. */
  id?: string;
  kind: RecordedRunKind;
  /** Experiment name; created when new. */
  experiment: string;
  /** Model name as registered (`NHITS`, `SeasonalNaive`, ...). */
  model: string;
  horizon: number;
  /** The hyperparameters the run uses (serialised as JSON). */
  parameters: Record<string, unknown>;
  dataset?: RunDataset;
  /** Kind `trial`: the study trial this run evaluates. The one trial↔run link, written with the run. */
  trialId?: string;
  /** The study whose best trial chose these parameters (a refit after tuning). */
  studyId?: string;
}

/** A started run: the handle every later call takes. */
export interface RecordedRun {
  readonly id: string;
  readonly kind: RecordedRunKind;
  readonly experiment: string;
  readonly experimentId: string;
  readonly datasetId: string | null;
  readonly model: string;
  readonly horizon: number;
  readonly parameters: Record<string, unknown>;
  readonly startedAt: Date;
}

/** A point of a training curve (`train_loss`, `val_loss`, ... at `step`). */
export interface RunProgress {
  step: number;
  metrics: Record<string, number>;
}

/** The scores of one cross-validation window (stored as metric rows with `window`). */
export interface WindowScores {
  /** 0-based window index. */
  window: number;
  metrics: Record<string, number>;
}

/** One forecast value; `quantiles` keyed by level (`{ "0.1": 3.2, "0.9": 7.5 }`) when the model has intervals. */
export interface RecordedPrediction {
  seriesId: string;
  ds: Date;
  value: number;
  quantiles?: Record<string, number> | null;
  /** Last training timestamp of a cross-validation window. */
  cutoff?: Date | null;
}

/** How a run ended well. */
export interface RunResult {
  /** Final scores (`mae`, `smape`, `fit_seconds`, `val_mae`, ...). */
  metrics: Record<string, number>;
  /** Kind `cv`: per-window scores. */
  windows?: WindowScores[];
  predictions?: RecordedPrediction[];
  /** A model the run trained, its files already written (see `ModelStore.write`): registered as the next version of its name. */
  model?: ModelInput;
  /** Kind `predict`: id of the model version that made the predictions (they are linked to it). */
  usedModelId?: string;
  /** Wall time; default the time since the run started. */
  durationMs?: number;
}

/** A completed run and, when it trained one, the registered model version. */
export interface CompletedRun {
  run: RecordedRun;
  model?: { id: string; version: number };
}

/**
 * The one owner of run records. Every use case (training, tuning, evaluation,
 * forecasting) reports the life of a run here — started, progress, completed,
 * failed, cancelled — and nothing else writes runs, metrics, predictions or
 * model versions. The database is always written (completing a run registers
 * its model version, predictions and metrics in one transaction); the same
 * events go to every bound {@link RunRecordSink} (MLflow), whose failures are
 * logged as warnings and never fail the run.
 *
 * @example
 * const run = await recorder.start({ kind: 'cv', experiment: 'air', model: 'NHITS', horizon: 12, parameters });
 * try {
 *   await recorder.complete(run, { metrics: { mae: 17.4 }, windows: [{ window: 0, metrics: { mae: 16.9 } }] });
 * } catch (error) {
 *   await recorder.fail(run, error);
 * }
 */
export const RunRecorder = Symbol('RunRecorder');
export interface RunRecorder {
  /** Records a `running` run (the experiment and data set are created when new). */
  start(start: RunStart): Promise<RecordedRun>;
  /** Appends training-curve points. */
  progress(run: RecordedRun, progress: RunProgress): Promise<void>;
  /**
   * Marks the run `completed` with its metrics, window scores, predictions and
   * model version, in one transaction: when it throws nothing of it is stored
   * and the run is still `running` (fail it; discard a written model's files).
   */
  complete(run: RecordedRun, result: RunResult): Promise<CompletedRun>;
  /** Marks the run `failed` with the error's message. */
  fail(run: RecordedRun, error: unknown, durationMs?: number): Promise<void>;
  /** Marks the run `cancelled` (a pruned trial, a stopped job). */
  cancel(run: RecordedRun, reason: string): Promise<void>;
}

/** How a run ended, as sinks see it. */
export type RunEnd =
  | { status: 'completed'; result: RunResult; model?: { id: string; version: number } }
  | { status: 'failed'; error: string }
  | { status: 'cancelled'; reason: string };

/**
 * A mirror of run records outside the database (MLflow). Multi-bound; each
 * gets every event after the database has stored it. A sink that throws is
 * logged as a warning; it never fails the run.
 */
export const RunRecordSink = Symbol('RunRecordSink');
export interface RunRecordSink {
  readonly name: string;
  started(run: RecordedRun): Promise<void>;
  progressed(run: RecordedRun, progress: RunProgress): Promise<void>;
  finished(run: RecordedRun, end: RunEnd, endedAt: Date): Promise<void>;
}
