import { ScaledObjective } from './scaled-objective';

/**
 * The Hessian R's `optim(..., hessian = TRUE)` reports (`optimhess`): central
 * differences of the central-difference gradient. With scaled parameters
 * b = par / parscale and step h = ndeps:
 *   g_j(b) = (f(b + h e_j) − f(b − h e_j)) / 2h,
 *   H_ij = (g_j(b + (h/s_i) e_i) − g_j(b − (h/s_i) e_i)) / (2 (h/s_i) s_i s_j),
 * then symmetrised. Returns a row-major [n, n] matrix, or `null` when a value
 * is not finite (R stops with an error there).
 */
export function numericHessian(
  fn: (par: Float64Array) => number,
  par: Float64Array,
  parscale?: Float64Array,
  ndeps = 1e-3,
): Float64Array | null {
  const n = par.length;
  const scale = parscale ?? new Float64Array(n).fill(1);
  const b = new Float64Array(n);
  for (let i = 0; i < n; i++) b[i] = par[i]! / scale[i]!;
  const objective = new ScaledObjective(fn, scale, ndeps);
  const gradient = (out: Float64Array): boolean => objective.gradient(b, out) < 0;
  const H = new Float64Array(n * n);
  const g1 = new Float64Array(n);
  const g2 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const eps = ndeps / scale[i]!;
    const bi = b[i]!;
    b[i] = bi + eps;
    const ok1 = gradient(g1);
    b[i] = bi - eps;
    const ok2 = gradient(g2);
    b[i] = bi;
    if (!ok1 || !ok2) return null;
    for (let j = 0; j < n; j++) H[i * n + j] = (g1[j]! - g2[j]!) / (2 * eps * scale[i]! * scale[j]!);
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const mean = 0.5 * (H[i * n + j]! + H[j * n + i]!);
      H[i * n + j] = mean;
      H[j * n + i] = mean;
    }
  }
  return H;
}
