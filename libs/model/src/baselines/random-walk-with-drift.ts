import { formulaBaselineDefinition } from './formula-baseline';

/**
 * RandomWalkWithDrift (statsforecast `RandomWalkWithDrift`): the last value
 * plus the average step of the history, `ŷ_{T+k} = y_T + k·(y_T − y_1)/(T − 1)`.
 * A series needs at least 2 points.
 */
export const randomWalkWithDriftDefinition = formulaBaselineDefinition({
  name: 'RandomWalkWithDrift',
  description: 'Last value plus the average historical step times the lead',
  minHistory: 2,
  forecast: (y, h) => {
    const last = y[y.length - 1]!;
    const drift = (last - y[0]!) / (y.length - 1);
    return Float64Array.from({ length: h }, (_, i) => last + (i + 1) * drift);
  },
});
