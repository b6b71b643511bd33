import { formulaBaselineDefinition } from './formula-baseline';

/**
 * Naive (statsforecast `Naive`): every future point is the last observed value,
 * `ŷ_{T+k} = y_T`.
 */
export const naiveDefinition = formulaBaselineDefinition({
  name: 'Naive',
  description: 'Last observed value repeated over the horizon',
  minHistory: 1,
  forecast: (y, h) => new Float64Array(h).fill(y[y.length - 1]!),
});
