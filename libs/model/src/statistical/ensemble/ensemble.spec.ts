import { silentLogger, UsageError } from '@tsforecast/config';
import type { SeriesFit, SeriesForecast } from '../core/series-fit';
import { combineForecasts } from './combine-forecasts';
import { statisticalSpecs } from '../statistical-specs';
import { ensembleDefinition, ensembleFit, ensembleSpec } from './ensemble';
import { EDGE_CASE_SERIES, isFiniteForecast } from '../../testing/edge-case-series';
import { frameOf } from '../../testing/frame-of';
import { fitAndPredict } from '../../testing/fit-and-predict';

const f = (mean: number[], lo: number[][] = [], hi: number[][] = []): SeriesForecast => ({
  mean: Float64Array.from(mean),
  lo: lo.map((a) => Float64Array.from(a)),
  hi: hi.map((a) => Float64Array.from(a)),
});
const list = (a: Float64Array): number[] => Array.from(a);

describe('combineForecasts', () => {
  it('takes the step-wise mean or median of the points', () => {
    const members = [f([1, 10]), f([2, 40]), f([6, 20])];
    expect(list(combineForecasts(members, 'mean', 0, 2).mean)).toEqual([3, 70 / 3]);
    expect(list(combineForecasts(members, 'median', 0, 2).mean)).toEqual([2, 20]);
    // even count: mean of the middle two
    expect(list(combineForecasts([f([1]), f([5]), f([3]), f([100])], 'median', 0, 1).mean)).toEqual([4]);
  });

  it('combines each interval bound as the points, and leaves intervals out when a member has none', () => {
    const a = f([5, 5], [[1, 2]], [[9, 8]]);
    const b = f([7, 7], [[3, 4]], [[11, 12]]);
    const both = combineForecasts([a, b], 'median', 1, 2);
    expect(both.lo.map(list)).toEqual([[2, 3]]);
    expect(both.hi.map(list)).toEqual([[10, 10]]);
    // Three members: a mean of the bounds would put the lower bound (40) above the median point (10).
    const skewed = combineForecasts([f([10], [[9]], [[11]]), f([10], [[9]], [[11]]), f([300], [[100]], [[400]])], 'median', 1, 1);
    expect(list(skewed.mean)).toEqual([10]);
    expect(list(skewed.lo[0]!)).toEqual([9]);
    expect(list(skewed.hi[0]!)).toEqual([11]);
    const partial = combineForecasts([a, f([1, 1])], 'mean', 1, 2);
    expect(partial.lo).toEqual([]);
    expect(partial.hi).toEqual([]);
  });
});

describe('ensembleFit', () => {
  const constant = (v: number, label = `c${v}`): SeriesFit => ({ label, forecast: (h) => f(new Array(h).fill(v)) });
  it('fits every member; a member that throws or forecasts NaN is left out', () => {
    const members = [
      { name: 'a', fitter: () => constant(1) },
      { name: 'b', fitter: () => constant(3) },
      {
        name: 'broken',
        fitter: (): SeriesFit => {
          throw new Error('boom');
        },
      },
      { name: 'nan', fitter: () => constant(NaN, 'nan') },
    ];
    const fit = ensembleFit(Float64Array.of(1, 2), 1, members, 'mean');
    expect(list(fit.forecast(2, []).mean)).toEqual([2, 2]);
    expect(fit.label).toBe('Ensemble[mean](c1 | c3 | nan)');
    expect(() => ensembleFit(Float64Array.of(1), 1, [members[2]!], 'mean')).toThrow('boom');
  });
});

describe('Ensemble registration', () => {
  const frame = (values: number[]) => frameOf({ s: values }, { seasonLength: 2, start: Date.UTC(2020, 0, 1) });

  it('combines named statistical members', async () => {
    const data = frame([1, 2, 3, 4, 5, 6]);
    // WindowAverage(2) = 5.5 flat; SeasonalWindowAverage(m = 2, 2 seasons) = [4, 5]; CrostonClassic on 1..6.
    const model = ensembleDefinition.create(2, 2, {
      members: ['WindowAverage', 'SeasonalWindowAverage', 'CrostonClassic'],
      combine: 'median',
    });
    const fc = await fitAndPredict(model, data);
    // Croston: z = SES(0.1) of 1..6 from 1 = 2.31441, p = 1; median per step = SWA's [4, 5].
    expect(list(fc.mean[0]!)).toEqual([4, 5]);
    expect(fc.quantiles).toBeUndefined();
  });

  it('AutoTheta + AutoCES on AirPassengers (mean): the mean of the members, intervals the mean of their bounds', async () => {
    const y = Float64Array.of(
      112,
      118,
      132,
      129,
      121,
      135,
      148,
      148,
      136,
      119,
      104,
      118,
      115,
      126,
      141,
      135,
      125,
      149,
      170,
      170,
      158,
      133,
      114,
      140,
      145,
      150,
      178,
      163,
      172,
      178,
      199,
      199,
      184,
      162,
      146,
      166,
      171,
      180,
      193,
      181,
      183,
      218,
      230,
      242,
      209,
      191,
      172,
      194,
    );
    const members = ['AutoTheta', 'AutoCES'].map((name) => {
      const spec = statisticalSpecs.get(name)!;
      return spec
        .fitter({ ...spec.defaults(12, 12), seasonLength: 12, level: [80, 95] })(y, 12)
        .forecast(12, [80, 95]);
    });
    const fit = ensembleDefinition.create(12, 12, { members: ['AutoTheta', 'AutoCES'], combine: 'mean' });
    const data = frameOf({ air: y }, { seasonLength: 12, start: Date.UTC(1949, 0, 1) });
    await fit.fit(data, { logger: silentLogger });
    const fc = await fit.predict(data);
    for (let k = 0; k < 12; k++) {
      expect(fc.mean[0]![k]).toBeCloseTo((members[0]!.mean[k]! + members[1]!.mean[k]!) / 2, 9);
      // quantile 0.025 is the 95 % lower bound
      expect(fc.quantiles!.values[0]![0]![k]).toBeCloseTo((members[0]!.lo[1]![k]! + members[1]!.lo[1]![k]!) / 2, 9);
    }
  });

  it.each([...EDGE_CASE_SERIES, ['all zeros', new Array<number>(30).fill(0), 12]])(
    'default members (AutoETS, AutoARIMA, AutoTheta, AutoCES; median) on %s: finite forecasts and intervals',
    (_name, values, m) => {
      const defaults = ensembleDefinition.defaults(4, 12) as unknown as Parameters<typeof ensembleSpec.fitter>[0];
      expect(defaults).toMatchObject({ members: ['AutoETS', 'AutoARIMA', 'AutoTheta', 'AutoCES'], combine: 'median' });
      const fc = ensembleSpec.fitter(defaults)(Float64Array.from(values), m).forecast(4, [80, 95]);
      expect(isFiniteForecast(fc)).toBe(true);
    },
  );

  it('rejects unknown members naming the valid ones, the ensemble itself, and a bad combine', () => {
    expect(() => ensembleDefinition.create(2, 2, { members: ['Nope'] })).toThrow(UsageError);
    expect(() => ensembleDefinition.create(2, 2, { members: ['Nope'] })).toThrow(
      /'members' has unknown model "Nope"; valid: .*WindowAverage.*CrostonSBA/,
    );
    expect(() => ensembleDefinition.create(2, 2, { members: ['Ensemble'] })).toThrow(/unknown model "Ensemble"/);
    expect(() => ensembleDefinition.create(2, 2, { members: [] })).toThrow(/'members' must be a non-empty list/);
    expect(() => ensembleDefinition.create(2, 2, { members: ['WindowAverage'], combine: 'max' as 'mean' })).toThrow(
      /'combine' must be one of mean, median, got "max"/,
    );
  });
});
