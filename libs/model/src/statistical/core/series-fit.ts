/**
 * The forecast of one series at `levels.length` interval levels: `lo[j]` and
 * `hi[j]` bound the `levels[j]` % prediction interval. Each array is [h].
 */
export interface SeriesForecast {
  mean: Float64Array;
  lo: Float64Array[];
  hi: Float64Array[];
}

/**
 * A statistical model fitted to one series: it forecasts `h` steps past the
 * series' end, with prediction intervals at `levels` (each in (0, 100)).
 * Models without an interval method return empty `lo`/`hi` arrays and the
 * caller leaves the quantiles out.
 */
export interface SeriesFit {
  /** Short description of what was selected, e.g. `ETS(M,Ad,M)` or `ARIMA(0,1,1)(0,1,1)[12]`. */
  readonly label: string;
  forecast(h: number, levels: readonly number[]): SeriesForecast;
}

/**
 * Fits one series: `y` is the history [T] (finite values only), `m` the
 * season length (1 = no seasonality).
 */
export type SeriesFitter = (y: Float64Array, m: number) => SeriesFit;
