import { UsageError } from '@tsforecast/config';
import { windowAverageDefinition } from './window-average';
import { frameOf } from '../../testing/frame-of';
import { fitAndPredict } from '../../testing/fit-and-predict';

function frame(series: Record<string, number[]>) {
  return frameOf(series, { seasonLength: 4, start: Date.UTC(2020, 0, 1) });
}

describe('WindowAverage', () => {
  it('repeats the mean of the last windowSize values; a short series averages all it has', async () => {
    const data = frame({ a: [1, 2, 3, 4, 5, 6], b: [7, 9] });
    const model = windowAverageDefinition.create(3, 4, { windowSize: 3 });
    const fc = await fitAndPredict(model, data);
    expect(fc.mean.map((m) => Array.from(m))).toEqual([
      [5, 5, 5],
      [8, 8, 8],
    ]);
    expect(Array.from(fc.ds[0]!)).toEqual([Date.UTC(2020, 6, 1), Date.UTC(2020, 7, 1), Date.UTC(2020, 8, 1)]);
    expect(fc.quantiles).toBeUndefined();
  });

  it('defaults the window to the season length and rejects a bad window', () => {
    expect(windowAverageDefinition.defaults(12, 4)).toMatchObject({ windowSize: 4, seasonLength: 4, level: [80, 95] });
    expect(() => windowAverageDefinition.create(3, 4, { windowSize: 0 })).toThrow(UsageError);
    expect(() => windowAverageDefinition.create(3, 4, { windowSize: 0 })).toThrow(/'windowSize' must be an integer >= 1, got 0/);
    expect(() => windowAverageDefinition.create(3, 4, { level: [120] })).toThrow(/'level' must be a list of numbers in \(0, 100\)/);
  });
});
