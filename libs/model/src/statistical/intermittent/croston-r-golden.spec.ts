import { isRError, rGolden } from '../golden/r-golden';
import { crostonFit } from './croston-classic';

describe('CrostonClassic against R forecast::croston on the shared fixture (golden/r-golden.json)', () => {
  const cases = Object.values(rGolden().series).filter((s) => !isRError(s.croston));
  it.each(cases.map((s) => [s.name, s] as const))('%s: every step to 1e-9 relative', (_name, s) => {
    const r = s.croston as { mean: number[] };
    const ours = crostonFit(Float64Array.from(s.y), 1).forecast(s.h, []).mean;
    r.mean.forEach((v, k) => expect(Math.abs(ours[k]! - v)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(v))));
  });
});
