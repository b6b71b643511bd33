import { UsageError } from '@tsforecast/config';
import type { SeriesFrame } from '@tsforecast/data';
import { seasonalWindowAverageDefinition, seasonalWindowAverageFit } from './seasonal-window-average';
import { fitAndPredict } from '../../testing/fit-and-predict';

const mean = (values: number[], m: number, w: number, h: number): number[] =>
  Array.from(seasonalWindowAverageFit(Float64Array.from(values), m, w).forecast(h, []).mean);

describe('SeasonalWindowAverage', () => {
  it('averages each season position over the last windowSize seasons', () => {
    // m = 3, w = 2: last two seasons [4, 5, 6] and [7, 8, 9] → [5.5, 6.5, 7.5]
    expect(mean([1, 2, 3, 4, 5, 6, 7, 8, 9], 3, 2, 5)).toEqual([5.5, 6.5, 7.5, 5.5, 6.5]);
    // w = 3 over a series of 10: positions end at t = 8, 9, 10 (1-based) → (2+5+8)/3, (3+6+9)/3, (4+7+10)/3
    expect(mean([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 3, 3, 3)).toEqual([5, 6, 7]);
  });

  it('uses the seasons a short series has; positions before its start take the series mean', () => {
    // w = 4 but only 2 full seasons (plus one point): position 1 → (2+4)/2, position 2 → (1+3+5)/3
    expect(mean([1, 2, 3, 4, 5], 2, 4, 2)).toEqual([3, 3]);
    // T = 2 < m = 4: positions 1, 2 never observed → mean 1.5; positions 3, 4 → 1, 2
    expect(mean([1, 2], 4, 2, 4)).toEqual([1.5, 1.5, 1, 2]);
    expect(mean([7], 1, 3, 2)).toEqual([7, 7]);
  });

  it('runs through the registration and validates windowSize', async () => {
    const frame: SeriesFrame = {
      frequency: { unit: 'month', step: 1 },
      seasonLength: 2,
      exogenousColumns: [],
      series: [
        { id: 'a', y: Float64Array.of(1, 2, 3, 4), ds: Float64Array.from([0, 1, 2, 3], (i) => Date.UTC(2020, i, 1)), exogenous: {} },
      ],
    };
    const model = seasonalWindowAverageDefinition.create(3, 2, {});
    expect(Array.from((await fitAndPredict(model, frame)).mean[0]!)).toEqual([2, 3, 2]);
    expect(() => seasonalWindowAverageDefinition.create(3, 2, { windowSize: 0 })).toThrow(UsageError);
    expect(() => seasonalWindowAverageDefinition.create(3, 2, { windowSize: 1.5 })).toThrow(
      /'windowSize' must be an integer >= 1, got 1.5/,
    );
  });
});
