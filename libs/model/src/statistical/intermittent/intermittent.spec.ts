import { UsageError } from '@tsforecast/config';
import golden from './fixtures/intermittent-golden.json';
import { adidaFit } from './adida';
import { aggregateSumForecast } from './aggregate-forecast';
import { crostonClassicSpec, crostonFit } from './croston-classic';
import { crostonSbaSpec } from './croston-sba';
import { aggregationLevel, demandSizes, interDemandIntervals, roundHalfEven } from './demand';
import { imapaFit } from './imapa';
import { optimalSesAlpha, sesForecast, sesSse } from './ses';
import { tsbDefinition, tsbFit } from './tsb';

const point = (fit: { forecast(h: number, l: number[]): { mean: Float64Array } }, h = 3): number[] =>
  Array.from(fit.forecast(h, [80]).mean);
const y = (values: number[]): Float64Array => Float64Array.from(values);

describe('SES and demand helpers', () => {
  it('smooths from the first value: ℓ = α x_t + (1 − α) ℓ', () => {
    // ℓ1 = 2, ℓ2 = 0.1·2 + 0.9·2 = 2, ℓ3 = 0.1·4 + 0.9·2 = 2.2
    expect(sesForecast(y([2, 4]), 0.1)).toBeCloseTo(2.2, 14);
    expect(sesForecast(y([7]), 0.3)).toBe(7);
    // errors: x2 − ℓ2 = 4 − 2 = 2, x3 − ℓ3 = 1 − 2.2 = −1.2 → 4 + 1.44
    expect(sesSse(y([2, 4, 1]), 0.1)).toBeCloseTo(5.44, 12);
  });

  it('finds the SSE-minimising α in [0.1, 0.3] (grid check), and 0.2 when the SSE is flat', () => {
    const x = y([5, 9, 4, 8, 12, 7, 10, 6, 11, 9]);
    const alpha = optimalSesAlpha(x);
    let best = 0.1;
    for (let a = 0.1; a <= 0.3 + 1e-12; a += 1e-5) if (sesSse(x, a) < sesSse(x, best)) best = a;
    expect(Math.abs(alpha - best)).toBeLessThan(2e-5);
    expect(optimalSesAlpha(y([3]))).toBeCloseTo(0.2, 12);
  });

  it('extracts demand sizes, intervals (1-based from t0 = 0) and a half-to-even aggregation level', () => {
    expect(Array.from(demandSizes(y([0, 3, 0, 0, 5])))).toEqual([3, 5]);
    expect(Array.from(interDemandIntervals(y([0, 3, 0, 0, 5])))).toEqual([2, 3]);
    expect([0.5, 1.5, 2.5, 3.5, 2.4, 2.6].map(roundHalfEven)).toEqual([0, 2, 2, 4, 2, 3]);
    // intervals [2, 3] → mean 2.5 → 2 (Python's round)
    expect(aggregationLevel(y([0, 3, 0, 0, 5]))).toBe(2);
  });

  it('aggregates buckets aligned to the end of the series', () => {
    // n = 5, k = 2: drop y1; buckets (2+3), (4+5) → SES of [5, 9]
    const sums = y([5, 9]);
    expect(aggregateSumForecast(y([1, 2, 3, 4, 5]), 2)).toBeCloseTo(sesForecast(sums, optimalSesAlpha(sums)), 14);
    expect(aggregateSumForecast(y([1, 2, 3]), 3)).toBe(6);
    expect(aggregateSumForecast(y([1, 2]), 3)).toBe(2);
  });
});

describe('intermittent models against R (fixtures/intermittent-golden.json, tools/reference/intermittent-golden.R)', () => {
  for (const [name, g] of Object.entries(golden.series)) {
    it(`${name}: Croston = R forecast::croston; SBA, ADIDA, IMAPA, TSB = R re-implementations`, () => {
      const series = y(g.y);
      expect(point(crostonFit(series, 1))[0]).toBeCloseTo(g.crostonClassic, 10);
      expect(point(crostonSbaSpec.fitter({ seasonLength: 1, level: [] })(series, 1))[0]).toBeCloseTo(g.crostonSba, 10);
      expect(aggregationLevel(series)).toBe(g.aggregationLevel);
      // α comes from two optimisers (golden section here, optimize() in R): 1e-6 relative.
      expect(point(adidaFit(series))[0]! / g.adida).toBeCloseTo(1, 6);
      expect(point(imapaFit(series))[0]! / g.imapa).toBeCloseTo(1, 6);
      expect(point(tsbFit(series, 0.2, 0.05))[0]).toBeCloseTo(g.tsb, 10);
    });
  }

  it('forecasts are flat over the horizon and carry no intervals', () => {
    const fc = crostonFit(y(golden.series.intermittent.y), 1).forecast(4, [80, 95]);
    expect(new Set(fc.mean).size).toBe(1);
    expect(fc.lo).toEqual([]);
    expect(fc.hi).toEqual([]);
  });
});

describe('intermittent edge cases', () => {
  const fits = {
    CrostonClassic: (s: Float64Array) => crostonFit(s, 1),
    CrostonSBA: (s: Float64Array) => crostonSbaSpec.fitter({ seasonLength: 1, level: [] })(s, 1),
    ADIDA: adidaFit,
    IMAPA: imapaFit,
    TSB: (s: Float64Array) => tsbFit(s, 0.1, 0.1),
  };
  it.each(Object.entries(fits))('%s: all zeros → 0; 1, 2, 3 points, one demand and constants stay finite', (_name, fit) => {
    expect(point(fit(y([0, 0, 0, 0])))).toEqual([0, 0, 0]);
    expect(point(fit(y([0])))).toEqual([0, 0, 0]);
    for (const s of [[4], [0, 4], [4, 0], [1, 0, 2], [0, 0, 0, 0, 0, 0, 9], [5, 5, 5, 5, 5], [-1, -2, 0]]) {
      const mean = point(fit(y(s)));
      expect(mean.every(Number.isFinite)).toBe(true);
    }
  });

  it('a constant positive series forecasts its value (Croston, ADIDA, IMAPA)', () => {
    expect(point(crostonFit(y([5, 5, 5, 5]), 1))[0]).toBeCloseTo(5, 12);
    expect(point(adidaFit(y([5, 5, 5, 5])))[0]).toBeCloseTo(5, 12);
    expect(point(imapaFit(y([5, 5, 5, 5])))[0]).toBeCloseTo(5, 12);
  });

  it('one demand: Croston gives z / p with p the position of that demand', () => {
    // z = 6 at t = 3 → p = 3 → 2
    expect(point(crostonFit(y([0, 0, 6]), 1))[0]).toBeCloseTo(2, 12);
    expect(point(crostonFit(y([0, 0, 6, 0]), 1))[0]).toBeCloseTo(2, 12);
  });

  it('TSB validates its smoothing constants', () => {
    expect(tsbDefinition.defaults(4, 1)).toMatchObject({ alphaD: 0.1, alphaP: 0.1 });
    expect(() => tsbDefinition.create(4, 1, { alphaD: 1.5 })).toThrow(UsageError);
    expect(() => tsbDefinition.create(4, 1, { alphaP: -0.1 })).toThrow(/'alphaP' must be a number in \[0, 1\], got -0.1/);
    expect(crostonClassicSpec.name).toBe('CrostonClassic');
  });
});
