import { polynomialRoots } from '../core/polynomial-roots';

/**
 * R's `maInvert`: the invertible MA polynomial with the same autocovariances.
 * Roots r of 1 + Σ θ_i z^i inside the unit circle are replaced by 1/r̄ (here
 * 1/r, as R does), and θ is rebuilt from Π (1 − z / r). Returns a new array.
 */
export function maInvert(ma: Float64Array): Float64Array {
  const q = ma.length;
  let q0 = q;
  while (q0 > 0 && ma[q0 - 1] === 0) q0--;
  if (q0 === 0) return Float64Array.from(ma);
  const poly = new Float64Array(q0 + 1);
  poly[0] = 1;
  for (let i = 0; i < q0; i++) poly[i + 1] = ma[i]!;
  const { re, im } = polynomialRoots(poly);
  let inside = false;
  for (let i = 0; i < q0; i++) if (Math.hypot(re[i]!, im[i]!) < 1) inside = true;
  if (!inside) return Float64Array.from(ma);
  const out = new Float64Array(q);
  if (q0 === 1) {
    out[0] = 1 / ma[0]!;
    return out;
  }
  for (let i = 0; i < q0; i++) {
    const mod2 = re[i]! * re[i]! + im[i]! * im[i]!;
    if (mod2 < 1) {
      re[i] = re[i]! / mod2;
      im[i] = -im[i]! / mod2;
    }
  }
  // x ← Π_k (1 − z / r_k), complex coefficients.
  const xr = new Float64Array(q0 + 1);
  const xi = new Float64Array(q0 + 1);
  xr[0] = 1;
  for (let k = 0; k < q0; k++) {
    const mod2 = re[k]! * re[k]! + im[k]! * im[k]!;
    const ir = re[k]! / mod2;
    const ii = -im[k]! / mod2;
    for (let j = k + 1; j >= 1; j--) {
      // x_j ← x_j − x_{j−1} / r
      xr[j] = xr[j]! - (xr[j - 1]! * ir - xi[j - 1]! * ii);
      xi[j] = xi[j]! - (xr[j - 1]! * ii + xi[j - 1]! * ir);
    }
  }
  for (let i = 0; i < q0; i++) out[i] = xr[i + 1]!;
  return out;
}
