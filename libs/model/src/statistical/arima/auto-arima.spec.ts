import { isRError, rGolden, rResult } from '../golden/r-golden';
import { fitAutoArima } from './auto-arima';

const relDiff = (a: number, b: number): number => Math.abs(a - b) / Math.max(1, Math.abs(b));

describe('fitAutoArima (vs R forecast::auto.arima, r-golden.json)', () => {
  // The M4 hourly series (700–960 points, m = 24) take seconds each; `tools/reference` has them for the benchmark.
  const series = Object.values(rGolden().series).filter((s) => !s.name.startsWith('m4_hourly') && !isRError(s.auto_arima));
  for (const s of series) {
    it(`selects R’s model on ${s.name} and forecasts as R does`, () => {
      const r = rResult(s, 'auto_arima');
      const fit = fitAutoArima(Float64Array.from(s.y), s.m);
      expect(fit.label).toBe(r.method);
      if (r.aicc !== null && Number.isFinite(fit.aicc)) expect(relDiff(fit.aicc, r.aicc)).toBeLessThan(1e-6);
      if (r.sigma2 !== null) expect(relDiff(fit.sigma2, r.sigma2)).toBeLessThan(1e-4);
      const fc = fit.forecast(s.h, [80, 95]);
      for (let k = 0; k < s.h; k++) {
        expect(relDiff(fc.mean[k]!, r.mean[k]!)).toBeLessThan(1e-4);
        expect(relDiff(fc.lo[0]![k]!, r.lo80[k]!)).toBeLessThan(1e-4);
        expect(relDiff(fc.hi[1]![k]!, r.hi95[k]!)).toBeLessThan(1e-4);
      }
    });
  }
});

describe('fitAutoArima exhaustive search (stepwise = false)', () => {
  it('selects R’s model: auto.arima(Q600, stepwise = FALSE) is ARIMA(1,1,0)(0,0,1)[4] with drift, AICc 496.0801', () => {
    const s = rGolden().series['m3_quarterly_Q600']!;
    const fit = fitAutoArima(Float64Array.from(s.y), s.m, { stepwise: false });
    expect(fit.label).toBe('ARIMA(1,1,0)(0,0,1)[4] with drift');
    expect(fit.aicc).toBeCloseTo(496.0801, 3);
    // R: forecast(...)$mean[1:3] = 4845.908 4822.083 4890.498
    expect(Array.from(fit.forecast(3, []).mean, (v) => Math.round(v * 1000) / 1000)).toEqual([4845.908, 4822.083, 4890.498]);
  });
});

describe('fitAutoArima edge cases: finite forecasts, documented fallbacks', () => {
  const finite = (y: number[], m: number, h = 6): string => {
    const fit = fitAutoArima(Float64Array.from(y), m);
    const fc = fit.forecast(h, [80, 95]);
    for (const a of [fc.mean, ...fc.lo, ...fc.hi]) expect(Array.from(a).every(Number.isFinite)).toBe(true);
    for (let k = 0; k < h; k++) expect(fc.lo[1]![k]!).toBeLessThanOrEqual(fc.mean[k]!);
    return fit.label;
  };

  it('one point: the constant model repeats it', () => {
    expect(finite([7], 12)).toBe('ARIMA(0,0,0) with non-zero mean');
    expect(Array.from(fitAutoArima(Float64Array.of(7), 1).forecast(3, []).mean)).toEqual([7, 7, 7]);
  });

  it('two and three points, a season longer than the series', () => {
    finite([3, 5], 1);
    finite([10, 12, 11], 4);
    finite([1, 4, 2, 8, 5], 12);
  });

  it('constant, zeros and a linear series', () => {
    expect(finite(new Array<number>(30).fill(42), 4)).toBe('ARIMA(0,0,0) with non-zero mean');
    finite([0, 0, 0, 5, 0, 0, 3, 0, 0, 0, 0, 4, 0, 0, 0, 2], 4);
    // Constant first differences: R's random walk with a drift fixed to the mean step.
    const line = Array.from({ length: 20 }, (_, i) => 3 + 2 * i);
    expect(finite(line, 1)).toBe('ARIMA(0,1,0) with drift');
    expect(fitAutoArima(Float64Array.from(line), 1).forecast(2, []).mean[1]).toBeCloseTo(3 + 2 * 21, 8);
  });

  it('rejects an empty series', () => {
    expect(() => fitAutoArima(new Float64Array(0), 1)).toThrow(/'y' must have at least 1 value, got 0/);
  });
});
