/**
 * Whether every root of 1 − Σ_{k=1..p} a_k z^k lies outside the circle
 * |z| = radius. With b_k = a_k radius^k the question is whether AR(b) is
 * stationary, which the Schur–Cohn step-down (Durbin–Levinson backwards)
 * answers without root finding: every partial autocorrelation
 * b_jj must satisfy |b_jj| < 1, where b_{j−1,k} = (b_jk + b_jj b_{j,j−k}) / (1 − b_jj²).
 * R's `arCheck` (radius 1) and `auto.arima`'s unit-root margin (radius 1.01)
 * both reduce to this; trailing coefficients |a_k| ≤ `zeroTol` are dropped first as R does.
 */
export function rootsOutside(a: ArrayLike<number>, radius: number, zeroTol = 0): boolean {
  let p = a.length;
  while (p > 0 && !(Math.abs(a[p - 1]!) > zeroTol)) p--;
  if (p === 0) return true;
  const b = new Float64Array(p);
  const work = new Float64Array(p);
  let scale = 1;
  for (let k = 0; k < p; k++) {
    scale *= radius;
    b[k] = a[k]! * scale;
  }
  for (let j = p - 1; j >= 0; j--) {
    const kappa = b[j]!;
    if (!(Math.abs(kappa) < 1)) return false;
    const den = 1 - kappa * kappa;
    for (let k = 0; k < j; k++) work[k] = (b[k]! + kappa * b[j - k - 1]!) / den;
    for (let k = 0; k < j; k++) b[k] = work[k]!;
  }
  return true;
}
