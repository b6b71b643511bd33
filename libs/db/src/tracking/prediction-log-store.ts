/**
 * Forecasts `POST /forecast` served, column by column: entry `i` of every
 * array is one forecast point. Columns rather than row objects: a
 * 1,000-series request is 24,000 points, and the log builds them off the
 * request path in one pass.
 */
export interface ServedPredictionColumns {
  /** The model version's training run (the row's `run_id`). */
  readonly runIds: readonly string[];
  /** The model version that forecast (`model_id`). */
  readonly modelIds: readonly string[];
  readonly seriesIds: readonly string[];
  /** Forecast timestamps, epoch ms. */
  readonly dsMs: readonly number[];
  readonly values: readonly number[];
  /** Quantile forecasts keyed by quantile level as JSON text, e.g. `{"0.1":3.2,"0.9":7.5}`; null without quantiles. */
  readonly quantiles: readonly (string | null)[];
  /** When it was served, epoch ms. */
  readonly servedAtMs: readonly number[];
}

/**
 * The one writer of served forecasts into `predictions` (rows with
 * `served_at` set): the serving path's prediction log sends it batches.
 */
export const PredictionLogStore = Symbol('PredictionLogStore');
export interface PredictionLogStore {
  /**
   * Inserts the rows (one statement per 20,000) and resolves with their count.
   * @throws UsageError when the columns differ in length.
   */
  appendServed(columns: ServedPredictionColumns): Promise<number>;
}
