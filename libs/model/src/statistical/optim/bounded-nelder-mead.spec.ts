import { boundedNelderMead } from './bounded-nelder-mead';

describe('boundedNelderMead', () => {
  it('finds the minimum of the Rosenbrock function', () => {
    const rosen = (x: Float64Array): number => 100 * (x[1]! - x[0]! ** 2) ** 2 + (1 - x[0]!) ** 2;
    const r = boundedNelderMead(rosen, [-1.2, 1], [-5, -5], [5, 5], { tolerance: 1e-14, maxIterations: 5000 });
    expect(r.x[0]).toBeCloseTo(1, 4);
    expect(r.x[1]).toBeCloseTo(1, 4);
  });

  it('stays in the box and stops on its bound when the minimum is outside', () => {
    const r = boundedNelderMead((x) => (x[0]! - 3) ** 2 + (x[1]! + 2) ** 2, [0.5, 0.5], [0.1, 0], [0.99, 1], { tolerance: 1e-12 });
    expect(r.x[0]).toBeCloseTo(0.99, 6);
    expect(r.x[1]).toBeCloseTo(0, 6);
  });

  it('one dimension: a simplex straddling a symmetric minimum stops early on values alone, not with xTolerance', () => {
    const f = (x: Float64Array): number => (x[0]! - 1) ** 2;
    expect(boundedNelderMead(f, [0.5], [-1], [3], { tolerance: 1e-12 }).x[0]).toBeCloseTo(0.975, 12);
    expect(boundedNelderMead(f, [0.5], [-1], [3], { tolerance: 1e-12, xTolerance: 1e-8 }).x[0]).toBeCloseTo(1, 7);
  });

  it('treats NaN as +∞ and moves away from it', () => {
    const r = boundedNelderMead((x) => (x[0]! < 0 ? NaN : (x[0]! - 1) ** 2), [0.5], [-1], [3], { tolerance: 1e-12, xTolerance: 1e-8 });
    expect(r.x[0]).toBeCloseTo(1, 5);
    expect(Number.isFinite(r.value)).toBe(true);
  });
});
