import { maxRootModulus, polynomialRoots } from './polynomial-roots';

/** The roots as [re, im] pairs sorted by real then imaginary part, for comparison. */
function sortedRoots(coef: Float64Array): [number, number][] {
  const { re, im } = polynomialRoots(coef);
  return Array.from(re, (r, i): [number, number] => [r, im[i]!]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

describe('polynomialRoots (Aberth–Ehrlich)', () => {
  it('finds real and complex roots of polynomials given by increasing power', () => {
    // (z − 2)(z + 0.5) = z² − 1.5z − 1.
    const real = sortedRoots(Float64Array.of(-1, -1.5, 1));
    expect(real[0]![0]).toBeCloseTo(-0.5, 13);
    expect(real[1]![0]).toBeCloseTo(2, 13);
    // 1 + 0.5z + 0.5z² (an MA(2) polynomial): z = −0.5 ± i·√7/2.
    const complex = sortedRoots(Float64Array.of(1, 0.5, 0.5));
    expect(complex.map(([r]) => r)).toEqual([expect.closeTo(-0.5, 13), expect.closeTo(-0.5, 13)]);
    expect(complex.map(([, i]) => i)).toEqual([expect.closeTo(-Math.sqrt(7) / 2, 13), expect.closeTo(Math.sqrt(7) / 2, 13)]);
  });

  it('uses only the first `length` coefficients', () => {
    const { re } = polynomialRoots(Float64Array.of(-3, 1, 99, 99), 2);
    expect(re.length).toBe(1);
    expect(re[0]).toBeCloseTo(3, 13);
  });

  it('gives the largest modulus from a warm start as from a cold one', () => {
    const coef = Float64Array.of(0.3, -0.2, 0.1, 1);
    const { re, im } = polynomialRoots(coef);
    const cold = Math.max(...Array.from(re, (r, i) => Math.hypot(r, im[i]!)));
    maxRootModulus(Float64Array.of(0.0625, 0, 0, 1), 4);
    expect(maxRootModulus(coef, 4)).toBeCloseTo(cold, 13);
  });
});
