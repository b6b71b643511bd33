import { coefficientVarianceOk } from './coefficient-variance';

describe('coefficientVarianceOk (R solve() + checkarima)', () => {
  it('accepts a positive definite Hessian, with or without a transform Jacobian', () => {
    const H = Float64Array.of(2, 0.5, 0.5, 1);
    expect(coefficientVarianceOk(H, 2, 100, null)).toBe(true);
    expect(coefficientVarianceOk(H, 2, 100, Float64Array.of(0.8, 0, 0.1, 1))).toBe(true);
  });

  it('rejects an indefinite Hessian: a negative variance (sqrt gives NaN in R)', () => {
    expect(coefficientVarianceOk(Float64Array.of(1, 2, 2, 1), 2, 100, null)).toBe(false);
  });

  it('rejects a singular Hessian (R: "system is computationally singular")', () => {
    expect(coefficientVarianceOk(Float64Array.of(1, 2, 2, 4), 2, 100, null)).toBe(false);
    expect(coefficientVarianceOk(Float64Array.of(1, 1, 1, 1 + 1e-17), 2, 100, null)).toBe(false);
  });

  it('accepts a model without estimated coefficients', () => {
    expect(coefficientVarianceOk(new Float64Array(0), 0, 10, null)).toBe(true);
  });
});
