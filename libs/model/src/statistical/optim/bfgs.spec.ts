import { bfgsMinimize, NonFiniteObjectiveError } from './bfgs';
import { numericHessian } from './numeric-hessian';

// Golden values: R 4.2 `optim(..., method = "BFGS")` and `optimHess` with default controls.
const rosenbrock = (x: Float64Array): number => 100 * (x[1]! - x[0]! ** 2) ** 2 + (1 - x[0]!) ** 2;

describe('bfgsMinimize (R optim BFGS with numeric gradients)', () => {
  it('takes R’s steps on Rosenbrock: same optimum, value and evaluation counts', () => {
    const r = bfgsMinimize(rosenbrock, Float64Array.of(-1.2, 1));
    expect(r.par[0]).toBeCloseTo(0.99980443323139745, 12);
    expect(r.par[1]).toBeCloseTo(0.99960838062348123, 12);
    expect(r.value).toBeCloseTo(3.8273827561079511e-8, 18);
    expect([r.fnCount, r.grCount]).toEqual([118, 38]);
    expect(r.converged).toBe(true);
  });

  it('searches on par / parscale as R does', () => {
    const f = (x: Float64Array): number => (x[0]! - 3) ** 2 + 10 * (x[1]! + 1) ** 2 + x[0]! * x[1]!;
    const r = bfgsMinimize(f, Float64Array.of(1, 1), { parscale: Float64Array.of(10, 0.5) });
    expect(r.par[0]).toBeCloseTo(3.5897436091651751, 8);
    expect(r.par[1]).toBeCloseTo(-1.1794871794897648, 8);
    expect([r.fnCount, r.grCount]).toEqual([17, 4]);
  });

  it('stops at maxit and reports it, and rejects a non-finite start', () => {
    expect(bfgsMinimize(rosenbrock, Float64Array.of(-1.2, 1), { maxit: 5 }).converged).toBe(false);
    expect(() => bfgsMinimize(() => NaN, Float64Array.of(0))).toThrow(NonFiniteObjectiveError);
  });
});

describe('numericHessian (R optimHess)', () => {
  it('matches optimHess on Rosenbrock', () => {
    const H = numericHessian(rosenbrock, Float64Array.of(0.5, 0.2))!;
    expect(H[0]).toBeCloseTo(222.00079999999645, 6);
    expect(H[1]).toBeCloseTo(-199.9999999999913, 6);
    expect(H[2]).toBeCloseTo(-199.9999999999913, 6);
    expect(H[3]).toBeCloseTo(200.00000000001972, 6);
  });
});
