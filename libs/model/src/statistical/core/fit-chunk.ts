import type { StatisticalHyperparameters } from './local-statistical-model';
import type { SeriesForecast } from './series-fit';

/** A contiguous share of a frame's series sent to one fitting worker. @internal */
export interface FitChunk {
  index: number;
  model: string;
  hyperparameters: StatisticalHyperparameters;
  h: number;
  /** Each series' history: [T_i]. */
  series: Float64Array[];
}

/** The forecasts of one {@link FitChunk}, in its order. @internal */
export interface FitChunkResult {
  index: number;
  forecasts: SeriesForecast[];
}
