import { nelderMead } from './nelder-mead';

// Golden values: R 4.2.2, `optim(x0, f)` (method "Nelder-Mead", default control).
describe('nelderMead', () => {
  it("follows R's optim step for step on Rosenbrock from (-1.2, 1)", () => {
    const rosenbrock = (x: Float64Array): number => 100 * (x[1]! - x[0]! ** 2) ** 2 + (1 - x[0]!) ** 2;
    const r = nelderMead(rosenbrock, Float64Array.of(-1.2, 1));
    expect(r.evaluations).toBe(195);
    expect(r.x[0]).toBeCloseTo(1.0002601387256695, 12);
    expect(r.x[1]).toBeCloseTo(1.000505999303765, 12);
    expect(r.value).toBeCloseTo(8.8252410967227472e-8, 18);
    expect(r.fail).toBe(0);
  });

  it('starts from a zero vector with steps of 0.1 (3-d quadratic, as R)', () => {
    const f = (x: Float64Array): number => (x[0]! - 1) ** 2 + (x[1]! - 2) ** 2 + (x[2]! - 3) ** 2 + 0.5 * x[0]! * x[1]!;
    const r = nelderMead(f, new Float64Array(3));
    expect(r.evaluations).toBe(136);
    expect(r.x[0]).toBeCloseTo(0.53335962047075436, 12);
    expect(r.x[2]).toBeCloseTo(3.0002113831142592, 12);
    expect(r.value).toBeCloseTo(0.7333334061709319, 14);
  });

  it('treats a non-finite value as a huge one and reports maxit', () => {
    // Walls at |x| > 2 are +Infinity; the minimum (1.5) is inside.
    const f = (x: Float64Array): number => (Math.abs(x[0]!) > 2 ? Infinity : (x[0]! - 1.5) ** 2);
    const r = nelderMead(f, Float64Array.of(0), { maxit: 1000 });
    expect(r.x[0]).toBeCloseTo(1.5, 3);
    expect(nelderMead(f, Float64Array.of(0), { maxit: 5 }).fail).toBe(1);
    expect(() => nelderMead(f, Float64Array.of(3))).toThrow(/'f\(x0\)' must be finite, got Infinity/);
  });
});
