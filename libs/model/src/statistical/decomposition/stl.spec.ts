import golden from '../mstl/fixtures/mstl-golden.json';
import { stl } from './stl';

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!));
  return d;
}

describe('stl against R stats::stl (mstl/fixtures/mstl-golden.json, tools/reference/mstl-golden.R)', () => {
  it.each(golden.stl.map((c) => [c.y.length, c.m, c.sWindow, c] as const))(
    'n = %i, m = %i, s.window = %i: seasonal and trend to 1e-9',
    (_n, m, sWindow, c) => {
      const fit = stl(Float64Array.from(c.y), m, { sWindow });
      expect(maxAbsDiff(fit.seasonal, c.seasonal)).toBeLessThan(1e-9);
      expect(maxAbsDiff(fit.trend, c.trend)).toBeLessThan(1e-9);
    },
  );

  it('refuses fewer than two full periods, as R does', () => {
    expect(() => stl(Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8), 4, { sWindow: 7 })).toThrow(/more than two periods of m = 4 points, got 8/);
  });
});
