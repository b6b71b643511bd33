/** Complex numbers z_i = re[i] + i·im[i], as two parallel arrays. */
export interface ComplexRoots {
  re: Float64Array;
  im: Float64Array;
}

/**
 * Complex roots of Σ a_k z^k (the first `length` coefficients, by increasing
 * power, leading one non-zero) by the Aberth–Ehrlich iteration: each root
 * estimate moves by N/(1 − N·Σ_{j≠i} 1/(z_i − z_j)), N = p/p' (Newton step
 * corrected for the other roots), cubically convergent for simple roots and
 * accurate to ~1e−14 on the near-unit-circle roots of ETS characteristic
 * polynomials, like R's `polyroot`. The iteration refines `start` in place and
 * returns it.
 *
 * @example
 * // z² − 1 = 0: roots ±1.
 * const { re } = polynomialRoots(Float64Array.of(-1, 0, 1));
 */
export function polynomialRoots(
  coef: Float64Array,
  length: number = coef.length,
  start: ComplexRoots = cauchyCircle(coef, length - 1),
): ComplexRoots {
  const d = length - 1;
  const { re, im } = start;
  for (let iter = 0; iter < 100; iter++) {
    let moved = 0;
    for (let i = 0; i < d; i++) {
      const w = aberthStep(coef, d, re, im, i);
      if (w === undefined) continue;
      moved = Math.max(moved, Math.hypot(w.re, w.im) / Math.max(1, Math.hypot(re[i]!, im[i]!)));
      re[i] = re[i]! - w.re;
      im[i] = im[i]! - w.im;
    }
    if (moved < 1e-14) break;
  }
  return start;
}

/**
 * Largest root modulus of Σ a_k z^k (see {@link polynomialRoots}), as R's
 * `polyroot` gives it to the ETS admissibility check. Successive calls (an
 * optimizer's nearby parameters) start from the previous roots of the same
 * degree, which takes a few iterations instead of dozens.
 */
export function maxRootModulus(coef: Float64Array, length: number): number {
  const d = length - 1;
  if (d < 1) return 0;
  const { re, im } = polynomialRoots(coef, length, warmStart(coef, d));
  let max = 0;
  for (let i = 0; i < d; i++) max = Math.max(max, Math.hypot(re[i]!, im[i]!));
  return max;
}

/** The Aberth correction w = N / (1 − N·S) of root i, undefined where it is not defined (a zero of p, p' or the denominator). */
function aberthStep(coef: Float64Array, d: number, re: Float64Array, im: Float64Array, i: number): { re: number; im: number } | undefined {
  // Horner for p(z) and p'(z).
  const zr = re[i]!;
  const zi = im[i]!;
  let pr = coef[d]!;
  let pi = 0;
  let dr = 0;
  let di = 0;
  for (let k = d - 1; k >= 0; k--) {
    const ndr = dr * zr - di * zi + pr;
    di = dr * zi + di * zr + pi;
    dr = ndr;
    const npr = pr * zr - pi * zi + coef[k]!;
    pi = pr * zi + pi * zr;
    pr = npr;
  }
  if (pr === 0 && pi === 0) return undefined;
  // N = p / p'.
  const dd = dr * dr + di * di;
  if (dd === 0) return undefined;
  const nr = (pr * dr + pi * di) / dd;
  const ni = (pi * dr - pr * di) / dd;
  // S = Σ 1/(z_i − z_j).
  let sr = 0;
  let si = 0;
  for (let j = 0; j < d; j++) {
    if (j === i) continue;
    const ar = zr - re[j]!;
    const ai = zi - im[j]!;
    const aa = ar * ar + ai * ai;
    if (aa === 0) continue;
    sr += ar / aa;
    si -= ai / aa;
  }
  // w = N / (1 − N·S).
  const br = 1 - (nr * sr - ni * si);
  const bi = -(nr * si + ni * sr);
  const bb = br * br + bi * bi;
  if (bb === 0) return undefined;
  return { re: (nr * br + ni * bi) / bb, im: (ni * br - nr * bi) / bb };
}

/** Roots of the previous {@link maxRootModulus} call, by degree: the warm start of the next one. */
const previous = new Map<number, ComplexRoots>();

/** The previous roots of this degree, else (and remembered for the next call) a {@link cauchyCircle}. */
function warmStart(coef: Float64Array, d: number): ComplexRoots {
  const cached = previous.get(d);
  if (cached && cached.re.every(Number.isFinite) && cached.im.every(Number.isFinite)) return cached;
  const start = cauchyCircle(coef, d);
  previous.set(d, start);
  return start;
}

/** d points on a circle of half the Cauchy bound's radius (at most 1e6), rotated off the real axis. */
function cauchyCircle(coef: Float64Array, d: number): ComplexRoots {
  const lead = coef[d]!;
  let radius = 0;
  for (let k = 0; k < d; k++) radius = Math.max(radius, Math.abs(coef[k]! / lead));
  radius = Math.min(1 + radius, 1e6);
  const re = new Float64Array(Math.max(d, 0));
  const im = new Float64Array(Math.max(d, 0));
  for (let i = 0; i < d; i++) {
    const angle = (2 * Math.PI * i) / d + 0.4;
    re[i] = radius * 0.5 * Math.cos(angle);
    im[i] = radius * 0.5 * Math.sin(angle);
  }
  return { re, im };
}
