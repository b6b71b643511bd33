import type { BenchDataset } from './datasets';
import { contiguousShares } from './datasets';
import { parseOptions } from './options';
import { combine, maxAbsDifference, scoreForecasts } from './score';
import { frameOf } from '@tsforecast/model/testing';

function frame(series: Record<string, number[]>) {
  return frameOf(series, { unit: 'year' });
}

describe('bench:stats harness', () => {
  it('splits series into contiguous shares that cover all of them once', () => {
    expect(contiguousShares(645, 2)).toEqual([
      [0, 322],
      [322, 645],
    ]);
    expect(contiguousShares(1, 2)).toEqual([[0, 1]]);
    expect(contiguousShares(7, 3)).toEqual([
      [0, 2],
      [2, 4],
      [4, 7],
    ]);
  });

  it('parses the options and names a bad one', () => {
    expect(parseOptions(['--datasets', 'm3_yearly', '--r', 'none', '--limit', '10', '--no-r-cache'], '/d')).toMatchObject({
      datasets: ['m3_yearly'],
      r: [],
      limit: 10,
      rCache: false,
      procs: 2,
      dataDir: '/d',
    });
    expect(parseOptions(['--help'], '/d')).toBeUndefined();
    expect(() => parseOptions(['--procs', '0'], '/d')).toThrow(/'--procs' must be an integer >= 1, got "0"/);
    expect(() => parseOptions(['--fast'], '/d')).toThrow(/unknown option '--fast'/);
  });

  it('scores sMAPE (0-200) and MASE (seasonal-naive scale) averaged over series, leaving zero-scale series out of MASE', () => {
    const train = frame({ a: [1, 2, 4], b: [3, 3, 3] });
    const test = frame({ a: [5, 6], b: [3, 3] });
    const dataset: BenchDataset = { name: 'toy', file: '', h: 2, m: 1, train, test };
    const score = scoreForecasts(dataset, [Float64Array.of(4, 6), Float64Array.of(3, 1)], 'toy');
    // a: sMAPE (200·1/9 + 0)/2, MASE mean(|1|, 0) / mean(1, 2) = 0.5/1.5; b: sMAPE (0 + 200·2/4)/2, scale 0.
    expect(score.smape).toBeCloseTo((200 / 9 / 2 + 100 / 2) / 2, 12);
    expect(score.mase).toBeCloseTo(0.5 / 1.5, 12);
    expect(score.maseExcluded).toBe(1);
    expect(() => scoreForecasts(dataset, [Float64Array.of(4, Number.NaN), Float64Array.of(3, 1)], 'X')).toThrow(
      /X on toy: forecast of series 'a' must be 2 finite values/,
    );
  });

  it('combines forecasts with equal weights and measures the largest gap', () => {
    const c = combine([[Float64Array.of(1, 2)], [Float64Array.of(3, 6)], [Float64Array.of(2, 1)]]);
    expect(Array.from(c[0]!)).toEqual([2, 3]);
    expect(maxAbsDifference([Float64Array.of(1, 2)], [Float64Array.of(1.5, 0)])).toBe(2);
  });
});
