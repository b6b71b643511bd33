import { thetafGolden } from '../theta/fixtures/thetaf-golden';
import { classicalSeasonal } from './classical-decomposition';
import { autocorrelations, isSeasonal } from './seasonality-test';

const golden = thetafGolden();

function expectClose(actual: ArrayLike<number>, expected: readonly number[], tol: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++)
    expect(Math.abs(actual[i]! - expected[i]!)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected[i]!)));
}

describe('classical decomposition', () => {
  it('matches the hand-computed additive season of a period-2 zigzag', () => {
    // Trend of [1, 3, 1, 3, 1, 3] with weights [½, 1, ½]/2 is 2 everywhere it exists.
    expect(Array.from(classicalSeasonal(Float64Array.from([1, 3, 1, 3, 1, 3]), 2, 'additive'))).toEqual([-1, 1, -1, 1, -1, 1]);
    // Odd m: plain 3-point average; multiplicative indices average to 1.
    const s = classicalSeasonal(Float64Array.from([2, 4, 6, 2, 4, 6, 2, 4, 6]), 3, 'multiplicative');
    expectClose(s.slice(0, 3), [0.5, 1, 1.5], 1e-12);
  });

  it.each(golden.filter((g) => g.additiveFigure).map((g) => [g.name, g] as const))("matches R's decompose() figures on %s", (_name, g) => {
    const y = Float64Array.from(g.y);
    expectClose(classicalSeasonal(y, g.m, 'additive').slice(0, g.m), g.additiveFigure!, 1e-9);
    if (g.multiplicativeFigure) expectClose(classicalSeasonal(y, g.m, 'multiplicative').slice(0, g.m), g.multiplicativeFigure, 1e-9);
  });

  it('rejects fewer than two seasons', () => {
    expect(() => classicalSeasonal(Float64Array.from([1, 2, 3]), 2, 'additive')).toThrow(
      /'m' must be an integer in \[2, 1\] for a series of 3 points, got 2/,
    );
  });
});

describe('seasonality test', () => {
  it.each(golden.filter((g) => g.acf).map((g) => [g.name, g] as const))("matches R's acf and thetaf's decision on %s", (_name, g) => {
    const y = Float64Array.from(g.y);
    expectClose(autocorrelations(y, g.m), g.acf!, 1e-10);
    expect(isSeasonal(y, g.m)).toBe(g.seasonal);
  });

  it('says no for m = 1, short or constant series and white noise-like data', () => {
    expect(isSeasonal(Float64Array.from([1, 2, 3, 4, 5, 6]), 1)).toBe(false);
    expect(isSeasonal(Float64Array.from([1, 5, 1, 5, 1]), 4)).toBe(false);
    expect(isSeasonal(new Float64Array(24).fill(3), 4)).toBe(false);
    expect(isSeasonal(Float64Array.from([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3]), 4)).toBe(false);
    expect(Array.from(autocorrelations(new Float64Array(5).fill(2), 2))).toEqual([0, 0]);
  });
});
