import type { Frequency, MetricName } from '@tsforecast/data';

/** What `cli train` (or an API call) asks for. */
export interface TrainRequest {
  /** Path of the long-format CSV. */
  data: string;
  /** Model names as in the registry (`SeasonalNaive`, `NHITS`, ...). */
  models: string[];
  /** Forecast horizons; every model runs at every horizon. */
  horizons: number[];
  /** Experiment name (created when new). */
  experiment: string;
  /** Where `leaderboard.csv`, `predictions.csv` and `summary.json` go; default `<OUTPUT_DIR>/<experiment>`. Created (and checked writable) before any work. */
  outputDir?: string;
  frequency?: Frequency | string;
  seasonLength?: number;
  /** Hyperparameter overrides applied to every model that has them (`max_steps`, `input_size`, ...). */
  overrides?: Record<string, unknown>;
  /** Metric that ranks the leaderboard (lower is better), a key of the metric table (`METRICS`). Default `mae`. */
  rankBy?: MetricName;
  /**
   * Run the request's jobs with workers in this process (default), or leave
   * them to `cli worker`s elsewhere (`false`) and only wait for them.
   */
  localWorkers?: boolean;
  /** Tune each neural model before the final fit (see `TuningService`); absent: fit the defaults. */
  search?: SearchRequest;
}

/** A hyperparameter search per model × horizon (`cli train --search`). */
export interface SearchRequest {
  sampler: 'tpe' | 'random' | 'grid';
  /** Finished (complete or pruned) trials the study should have in total; a resumed study runs only the rest. */
  trials: number;
  /** Stop starting new trials after this many seconds (per model × horizon). */
  timeoutSeconds?: number;
  pruner: 'median' | 'sha' | 'none';
  /** Sampler seed of a new study (a loaded study keeps its stored one). */
  seed?: number;
}

/** The outcome of one model × horizon. */
export interface RunOutcome {
  runId: string;
  model: string;
  horizon: number;
  /** `cancelled` only for a job stopped through its signal (queue workers). */
  status: 'completed' | 'failed' | 'cancelled';
  metrics?: Record<string, number>;
  error?: string;
  fitSeconds: number;
  modelRef?: string;
  /** The search that chose the parameters, with `search`. */
  tuning?: TuningSummary;
}

/** What a search found for one model × horizon. */
export interface TuningSummary {
  studyName: string;
  /** The best trial's sampled config (the user's overrides still win in the refit). */
  bestParams: Record<string, unknown>;
  bestTrial: number;
  /** Validation MAE of the best trial. */
  bestValue: number;
  /** Trials started by this call. */
  newTrials: number;
  /** Finished (complete + pruned) trials of the study after this call. */
  finishedTrials: number;
}

export interface TrainResult {
  experiment: string;
  experimentId: string;
  datasetId: string | null;
  outcomes: RunOutcome[];
  /** `leaderboard.csv` ranks the runs of this call only (summary.json says so: `leaderboardScope: "invocation"`). */
  outputs: { leaderboard: string; predictions: string; summary: string };
  /** Best model per horizon by `rankBy`. */
  best: { horizon: number; model: string; runId: string; score: number }[];
}
