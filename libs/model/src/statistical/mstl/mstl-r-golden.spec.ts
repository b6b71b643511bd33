import { isRError, rGolden, type RMstl } from '../golden/r-golden';
import { mstlFit } from './mstl-fit';
import { mstl } from './mstl-decomposition';
import { trendFitters } from './trend-forecasters';

const cases = Object.values(rGolden().series).filter((s) => s.mstl !== undefined && !isRError(s.mstl));

function maxRelDiff(a: ArrayLike<number>, b: readonly number[]): number {
  let d = 0;
  for (let i = 0; i < b.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!) / Math.max(1, Math.abs(b[i]!)));
  return d;
}

describe('MSTL against R forecast::mstl on the shared fixture (golden/r-golden.json)', () => {
  it.each(cases.map((s) => [s.name, s] as const))('%s: trend and seasonal components to 1e-8', (_name, s) => {
    const r = s.mstl as RMstl;
    const d = mstl(Float64Array.from(s.y), r.seasonal_periods);
    expect(d.periods).toEqual(r.seasonal_periods);
    expect(maxRelDiff(d.trend!, r.components['Trend']!)).toBeLessThan(1e-8);
    d.periods.forEach((p, i) => expect(maxRelDiff(d.seasonals[i]!, r.components[`Seasonal${p}`]!)).toBeLessThan(1e-8));
  });

  // R: forecast(mstl(y)) = ets(seasadj, model = 'ZZN') + each component's last cycle. The
  // same ETS model and parameters give the same forecasts; for a damped trend only the
  // first step is compared while AutoETS's damped multi-step sum φ + … + φ^k differs
  // from R's (reported to the AutoETS owner; R: φ_2 = φ + φ², ets-filter.ts: 2φ).
  it.each(cases.map((s) => [s.name, s] as const))('%s: forecast(mstl) with ETS(ZZN) on the adjusted series', (_name, s) => {
    const r = s.mstl as RMstl;
    const fit = mstlFit(Float64Array.from(s.y), r.seasonal_periods, trendFitters.AutoETS);
    const fc = fit.forecast(s.h, [80, 95]);
    const steps = /d,/.test(fit.label) ? 1 : s.h;
    expect(maxRelDiff(fc.mean, r.forecast.mean.slice(0, steps))).toBeLessThan(1e-6);
    expect(maxRelDiff(fc.lo[1]!, r.forecast.lo95.slice(0, steps))).toBeLessThan(1e-6);
    expect(maxRelDiff(fc.hi[0]!, r.forecast.hi80.slice(0, steps))).toBeLessThan(1e-6);
  });
});
