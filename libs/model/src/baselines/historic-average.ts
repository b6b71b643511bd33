import { formulaBaselineDefinition } from './formula-baseline';

/**
 * HistoricAverage (statsforecast `HistoricAverage`): every future point is the
 * mean of the whole history, `ŷ_{T+k} = (1/T) Σ_t y_t`.
 */
export const historicAverageDefinition = formulaBaselineDefinition({
  name: 'HistoricAverage',
  description: 'Mean of the whole history repeated over the horizon',
  minHistory: 1,
  forecast: (y, h) => {
    let sum = 0;
    for (let t = 0; t < y.length; t++) sum += y[t]!;
    return new Float64Array(h).fill(sum / y.length);
  },
});
