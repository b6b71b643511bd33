import type { Frequency, Series } from '@tsforecast/data';
import type { Releasable } from './model-session-cache';

/** The forecast of one series: timestamps, means, and one row per quantile level of the forecast. */
export interface SeriesForecast {
  readonly ds: Float64Array;
  readonly mean: Float64Array;
  /** `[quantile][h]`, in the order of {@link ServedForecasts.quantiles}; empty without quantiles. */
  readonly quantiles: readonly Float64Array[];
}

/** What a served model answers for the series of one request. */
export interface ServedForecasts {
  /** One per series, in the request's order. */
  readonly forecasts: SeriesForecast[];
  /** The quantile levels every forecast holds (e.g. [0.1, 0.5, 0.9]); empty when the forecast has none. */
  readonly quantiles: readonly number[];
}

/**
 * A saved model version ready to serve, as the session cache holds it: a
 * neural model's ONNX session ({@link OnnxServedModel}) or a baseline or
 * statistical model fitted on each request's history ({@link LocalFitServedModel}).
 * @internal
 */
export interface ServedModel extends Releasable {
  /** `NAME@VERSION`. */
  readonly ref: string;
  readonly frequency: Frequency;
  /**
   * How many parts a request of `count` series is split into, parts that run concurrently (a neural model's
   * session workers): each part is validated, forecast and formatted while the others run. Absent: one part.
   */
  parts?(count: number): number;
  /** Forecasts `h` points after each series (validated, in the model's frequency). */
  forecast(series: readonly Series[]): Promise<ServedForecasts>;
}
