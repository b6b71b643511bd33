import { isRError, rGolden, type REts } from '../golden/r-golden';
import { fitAutoEts } from './auto-ets';
import { isFiniteForecast } from '../../testing/edge-case-series';

/** max |a − b| / max(|b|, 1) over two arrays. */
function relDiff(a: ArrayLike<number>, b: readonly number[]): number {
  let worst = 0;
  b.forEach((v, i) => (worst = Math.max(worst, Math.abs(a[i]! - v) / Math.max(Math.abs(v), 1))));
  return worst;
}

describe('fitAutoEts against R forecast 8.20 (shared r-golden.json)', () => {
  const golden = rGolden();
  const cases = Object.values(golden.series).filter((s) => !isRError(s.ets));

  it.each(cases.map((s) => [s.name, s] as const))(
    '%s: same model, AICc, forecasts and intervals',
    (_name, s) => {
      const r = s.ets as REts;
      const fit = fitAutoEts(Float64Array.from(s.y), s.m);
      const f = fit.forecast(s.h, [80, 95]);
      const label = r.method === 'Simple exponential smoothing' ? 'ETS(A,N,N)' : r.method;
      expect(fit.label).toBe(label);
      // The short-series fallback: R minimises the SSE by L-BFGS-B, we by Nelder–Mead.
      const fallback = fit.method === 'holt-winters';
      const meanTol = fallback ? 1e-3 : 1e-8;
      expect(relDiff(f.mean, r.mean)).toBeLessThan(meanTol);
      if (r.aicc !== null) expect(Math.abs(fit.aicc! - r.aicc) / Math.abs(r.aicc)).toBeLessThan(1e-9);
      if (r.alpha !== null) expect(fit.par.alpha).toBeCloseTo(r.alpha, fallback ? 3 : 6);
      if (r.phi !== null) expect(fit.par.phi).toBeCloseTo(r.phi, 6);
      // R's class1 puts γ in the second-newest season slot when there is no trend
      // (ETS(·,N,A)); we use the exact variance (ets-variance.spec.ts), 5e-4 off R on H300.
      const seasonalNoTrend = r.components.trend === 'N' && r.components.season === 'A';
      const intervalTol = fallback || seasonalNoTrend ? 2e-3 : 1e-6;
      expect(relDiff(f.lo[0]!, r.lo80)).toBeLessThan(intervalTol);
      expect(relDiff(f.hi[0]!, r.hi80)).toBeLessThan(intervalTol);
      expect(relDiff(f.lo[1]!, r.lo95)).toBeLessThan(intervalTol);
      expect(relDiff(f.hi[1]!, r.hi95)).toBeLessThan(intervalTol);
    },
    180_000,
  );
});

describe('fitAutoEts edge cases', () => {
  const levels = [80, 95];

  it.each([
    ['1 point', [5], 4],
    ['2 points', [5, 7], 1],
    ['3 points', [10, 12, 11], 4],
    ['6 points (n <= 2 + 4)', [3, 5, 4, 6, 5, 7], 1],
    ['constant', Array(20).fill(3.5), 12],
    ['m longer than the series', [1, 3, 2, 4, 3, 5, 4, 6, 5, 7, 6, 8], 24],
    ['m above 24 (seasonality dropped)', Array.from({ length: 120 }, (_, t) => 10 + Math.sin((2 * Math.PI * t) / 52)), 52],
    ['zeros and negatives', Array.from({ length: 40 }, (_, t) => ((t * 7) % 5) - 2), 4],
  ])('%s: finite forecasts and intervals', (_name, y, m) => {
    const fit = fitAutoEts(Float64Array.from(y as number[]), m as number);
    const f = fit.forecast(8, levels);
    expect(isFiniteForecast(f)).toBe(true);
    for (let i = 0; i < 8; i++) expect(f.lo[1]![i]).toBeLessThanOrEqual(f.mean[i]!);
  });

  it('a constant series gets a flat forecast with zero-width intervals (R: ses with α = 0.99999)', () => {
    const fit = fitAutoEts(Float64Array.from(Array(10).fill(42)), 1);
    const f = fit.forecast(3, [95]);
    expect(fit.method).toBe('constant');
    expect(Array.from(f.mean)).toEqual([42, 42, 42]);
    expect(Array.from(f.hi[0]!)).toEqual([42, 42, 42]);
  });

  it('fits no multiplicative component to data with zeros, even when asked', () => {
    const y = Float64Array.from({ length: 48 }, (_, t) => (t % 12 === 6 ? 0 : 20 + 5 * Math.sin(t / 2) + (t % 3)));
    expect(fitAutoEts(y, 12).components.error).toBe(1);
    const asked = fitAutoEts(y, 12, { model: 'MNM' });
    expect(asked.label).toBe('ETS(A,N,A)');
  });

  it('honours model and damped', () => {
    const y = Float64Array.from({ length: 30 }, (_, t) => 100 + 3 * t + ((t * 13) % 7));
    expect(fitAutoEts(y, 1, { model: 'ANN' }).label).toBe('ETS(A,N,N)');
    expect(fitAutoEts(y, 1, { model: 'ZZN', damped: true }).label).toMatch(/^ETS\([AM],Ad,N\)$/);
    expect(fitAutoEts(y, 1, { model: 'AAN', damped: false }).label).toBe('ETS(A,A,N)');
    expect(() => fitAutoEts(y, 1, { model: 'XYZ' })).toThrow(/'model' must be three letters.*got 'XYZ'/);
  });

  it('simulates seeded intervals for a multiplicative trend: same fit, same bounds', () => {
    const y = Float64Array.from({ length: 40 }, (_, t) => 50 * Math.pow(1.03, t) * (1 + 0.02 * Math.sin(t)));
    const fit = fitAutoEts(y, 1, { model: 'MMN' });
    expect(fit.label).toMatch(/^ETS\(M,Md?,N\)$/);
    const a = fit.forecast(6, [80]);
    const b = fit.forecast(6, [80]);
    expect(Array.from(a.lo[0]!)).toEqual(Array.from(b.lo[0]!));
    for (let i = 0; i < 6; i++) expect(a.lo[0]![i]).toBeLessThan(a.hi[0]![i]!);
    expect(isFiniteForecast(a)).toBe(true);
  });
});
