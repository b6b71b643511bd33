import type { SeriesFit } from '../core/series-fit';
import golden from './fixtures/mstl-golden.json';
import { mstlFit } from './mstl-fit';
import { mstl, usablePeriods } from './mstl-decomposition';
import { seasonalNaiveSum } from './seasonal-naive-sum';
import { EDGE_CASE_SERIES, isFiniteForecast } from '../../testing/edge-case-series';

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!));
  return d;
}

/** A test trend model: naive, with ±(last − first) bands so shifts are visible. */
const naiveTrend = (x: Float64Array): SeriesFit => {
  const last = x[x.length - 1]!;
  const width = Math.abs(last - x[0]!) + 1;
  return {
    label: 'Naive',
    forecast: (h, levels) => ({
      mean: new Float64Array(h).fill(last),
      lo: levels.map(() => new Float64Array(h).fill(last - width)),
      hi: levels.map(() => new Float64Array(h).fill(last + width)),
    }),
  };
};

describe('mstl against R forecast::mstl (fixtures/mstl-golden.json, tools/reference/mstl-golden.R)', () => {
  it.each([
    ['AirPassengers, m = 12', golden.mstlAir],
    ['M4 H10 last 400 hours, m = 24 and 168', golden.mstlHourly],
  ] as const)('%s: every component to 1e-8', (_name, g) => {
    const fit = mstl(Float64Array.from(g.y), g.periods);
    expect(fit.periods).toEqual(g.periods);
    g.seasonals.forEach((s, i) => expect(maxAbsDiff(fit.seasonals[i]!, s)).toBeLessThan(1e-8));
    expect(maxAbsDiff(fit.trend!, g.trend)).toBeLessThan(1e-8);
    const remainder = fit.adjusted.map((v, t) => v - fit.trend![t]!);
    expect(maxAbsDiff(remainder, g.remainder)).toBeLessThan(1e-8);
  });

  it('continues each seasonal component from its last cycle (R: rep(tail(S, m)))', () => {
    const g = golden.mstlHourly;
    const fit = mstl(Float64Array.from(g.y), g.periods);
    expect(maxAbsDiff(seasonalNaiveSum(fit.seasonals, fit.periods, 48), g.seasonalForecast48)).toBeLessThan(1e-8);
  });
});

describe('MSTL forecaster', () => {
  it('adds the seasonal continuation to the trend model’s mean and interval bounds', () => {
    const y = Float64Array.from(golden.mstlHourly.y);
    const fc = mstlFit(y, [24, 168], naiveTrend).forecast(48, [80]);
    const d = mstl(y, [24, 168]);
    const last = d.adjusted[y.length - 1]!;
    const width = Math.abs(last - d.adjusted[0]!) + 1;
    for (let k = 0; k < 48; k++) {
      expect(fc.mean[k]).toBeCloseTo(last + golden.mstlHourly.seasonalForecast48[k]!, 8);
      expect(fc.hi[0]![k]! - fc.mean[k]!).toBeCloseTo(width, 8);
      expect(fc.mean[k]! - fc.lo[0]![k]!).toBeCloseTo(width, 8);
    }
  });

  it('drops periods without two full cycles; with none left the trend model sees y itself', () => {
    expect(usablePeriods([168, 24, 24, 1], 400)).toEqual([24, 168]);
    expect(usablePeriods([24, 168], 336)).toEqual([24]);
    expect(usablePeriods([12], 24)).toEqual([]);
    const y = Float64Array.of(3, 1, 4, 1, 5);
    const d = mstl(y, [12]);
    expect(d.periods).toEqual([]);
    expect(Array.from(d.adjusted)).toEqual([3, 1, 4, 1, 5]);
    expect(d.trend).toBeNull();
  });

  it.each([
    ...EDGE_CASE_SERIES,
    ['all zeros', new Array<number>(60).fill(0), 12],
    ['a few seasons', Array.from({ length: 30 }, (_, t) => 10 + Math.sin((2 * Math.PI * t) / 12)), 12],
  ])('%s: finite forecasts', (_name, values, m) => {
    const fc = mstlFit(Float64Array.from(values), [m], naiveTrend).forecast(14, [80, 95]);
    expect(isFiniteForecast(fc)).toBe(true);
  });

  it('a constant series forecasts its value', () => {
    const fc = mstlFit(new Float64Array(60).fill(5), [12], naiveTrend).forecast(5, []);
    expect(maxAbsDiff(fc.mean, [5, 5, 5, 5, 5])).toBeLessThan(1e-9);
  });

  it('replaces a non-finite trend forecast by the last adjusted value', () => {
    const broken: SeriesFit = { label: 'broken', forecast: (h) => ({ mean: new Float64Array(h).fill(NaN), lo: [], hi: [] }) };
    const fc = mstlFit(Float64Array.of(1, 2, 3), [12], () => broken).forecast(2, [80]);
    expect(Array.from(fc.mean)).toEqual([3, 3]);
  });
});
