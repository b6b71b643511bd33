import type { Frequency } from '@tsforecast/data';

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
  /** Where `leaderboard.csv`, `predictions.csv` and `summary.json` go. */
  outputDir: string;
  frequency?: Frequency | string;
  seasonLength?: number;
  /** Hyperparameter overrides applied to every model that has them (`max_steps`, `input_size`, ...). */
  overrides?: Record<string, unknown>;
  /** Metric that ranks the leaderboard (lower is better). Default `mae`. */
  rankBy?: 'mae' | 'mse' | 'rmse' | 'mape' | 'smape' | 'mase';
}

/** The outcome of one model × horizon. */
export interface RunOutcome {
  runId: string;
  model: string;
  horizon: number;
  status: 'completed' | 'failed';
  metrics?: Record<string, number>;
  error?: string;
  fitSeconds: number;
  modelRef?: string;
}

export interface TrainResult {
  experiment: string;
  experimentId: string;
  datasetId: string;
  outcomes: RunOutcome[];
  outputs: { leaderboard: string; predictions: string; summary: string };
  /** Best model per horizon by `rankBy`. */
  best: { horizon: number; model: string; runId: string; score: number }[];
}
