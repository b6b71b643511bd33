import { UsageError } from '@tsforecast/config';
import type { SeriesFrame } from '@tsforecast/data';
import golden from './fixtures/mstl-golden.json';
import { defaultSeasonLengths, mstlDefinition } from './mstl';
import { fitAndPredict } from '../../testing/fit-and-predict';

describe('MSTL registration', () => {
  it('defaults to [24, 168] for hourly data and the dataset season otherwise; validates', () => {
    expect(defaultSeasonLengths(24)).toEqual([24, 168]);
    expect(mstlDefinition.defaults(12, 12)).toMatchObject({ seasonLengths: [12], trendForecaster: 'AutoETS', level: [80, 95] });
    expect(() => mstlDefinition.create(4, 12, { seasonLengths: [] })).toThrow(UsageError);
    expect(() => mstlDefinition.create(4, 12, { seasonLengths: [12, 0] })).toThrow(
      /'seasonLengths' must be a non-empty list of integers >= 1, got \[12,0\]/,
    );
    expect(() => mstlDefinition.create(4, 12, { trendForecaster: 'Naive' as 'AutoETS' })).toThrow(
      /'trendForecaster' must be one of AutoETS, AutoARIMA, got "Naive"/,
    );
  });

  it('forecasts a frame through LocalStatisticalModel with the default trend model', async () => {
    const y = golden.mstlAir.y;
    const frame: SeriesFrame = {
      frequency: { unit: 'month', step: 1 },
      seasonLength: 12,
      exogenousColumns: [],
      series: [{ id: 'air', y: Float64Array.from(y), ds: Float64Array.from(y, (_, i) => Date.UTC(1949, i, 1)), exogenous: {} }],
    };
    const model = mstlDefinition.create(12, 12, {});
    const fc = await fitAndPredict(model, frame);
    expect(fc.mean[0]!.length).toBe(12);
    expect(fc.mean[0]!.every(Number.isFinite)).toBe(true);
    expect(fc.quantiles?.levels).toEqual([0.025, 0.1, 0.5, 0.9, 0.975]);
  });
});
