import type { EtsParameters } from './ets-filter';
import type { EtsComponents } from './ets-spec';

/** What forecasting needs from a fitted ETS model: the model, its parameters, the last state x_T and σ². */
export interface EtsState {
  components: EtsComponents;
  m: number;
  par: EtsParameters;
  lastState: Float64Array;
  sigma2: number;
}
