/**
 * Forecasts for every series of a frame, `h` steps each, in the frame's order.
 * `mean[i]` is series i's point forecast: [h]. `quantiles`, when the model
 * produces intervals, holds one array per level: `values[q][i]`: [h].
 */
export interface Forecast {
  seriesIds: string[];
  h: number;
  /** Timestamps of the forecast points, UTC epoch ms: [series][h]. */
  ds: Float64Array[];
  mean: Float64Array[];
  quantiles?: { levels: number[]; values: Float64Array[][] };
}
