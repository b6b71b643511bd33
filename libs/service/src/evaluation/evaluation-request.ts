import type { MetricName, SeriesFrame } from '@tsforecast/data';

/** What `cli evaluate` (or an API call) asks for: rolling-origin cross-validation of each model × horizon. */
export interface EvaluationRequest {
  /** A long-format CSV path (`unique_id,ds,y`), or a frame already in memory (the API sends JSON). */
  data: string | SeriesFrame;
  /** Model names as in the registry, any letter case (`naive` is `Naive`). */
  models: string[];
  horizons: number[];
  /** Number of windows (default 3). */
  windows?: number;
  /** Points between cutoffs (default: the horizon). */
  stepSize?: number;
  /** Fit in every window (default true); false: once before the first cutoff. */
  refit?: boolean;
  /** Hyperparameter overrides, applied to the models that have them (`maxSteps`, `inputSize`). */
  overrides?: Record<string, unknown>;
  /** Experiment the `cv` runs are recorded in (default: the CSV's file name, or `evaluation` for a frame). */
  experiment?: string;
  /** Also write the per-window metrics to this CSV. */
  output?: string;
}

/** Mean metrics of one model × horizon over its windows. */
export interface EvaluationRow {
  readonly model: string;
  readonly horizon: number;
  readonly windows: number;
  readonly refit: boolean;
  readonly metrics: Record<MetricName, number>;
  /** The `cv` run that records it. */
  readonly runId: string;
}

/** One window's panel metrics. */
export interface EvaluationWindow {
  readonly model: string;
  readonly horizon: number;
  readonly window: number;
  /** First series' last training timestamp, UTC epoch ms. */
  readonly firstCutoff: number;
  readonly metrics: Record<MetricName, number>;
}

export interface EvaluationResult {
  readonly experiment: string;
  readonly rows: EvaluationRow[];
  readonly windows: EvaluationWindow[];
  /** The per-window CSV, when asked for. */
  readonly output?: string;
}
