/** Settings of {@link boundedNelderMead}; the defaults are StatsForecast's (`nelder_mead.h`). */
export interface BoundedNelderMeadOptions {
  /** Relative size of the first simplex: vertex i moves x0[i] to x0[i]·(1 + initStep). */
  initStep?: number;
  /** Offset of vertex i when x0[i] is 0. */
  zeroStep?: number;
  /** Most iterations. */
  maxIterations?: number;
  /** Stop when the (population) standard deviation of the simplex values is below this, */
  tolerance?: number;
  /** plus this fraction of the best value's magnitude (default 0: an absolute tolerance), */
  relativeTolerance?: number;
  /**
   * and every vertex is within xTolerance·(1 + |x_best,i|) of the best in each
   * coordinate (default ∞: values only, as StatsForecast; a finite value stops
   * a simplex that straddles a symmetric minimum from ending early).
   */
  xTolerance?: number;
}

/** Where {@link boundedNelderMead} stopped. */
export interface BoundedNelderMeadResult {
  x: Float64Array;
  value: number;
  iterations: number;
}

/**
 * Minimises `f` over the box [lower, upper] by the adaptive Nelder–Mead
 * simplex (Gao & Han 2012 coefficients for n ≥ 2 parameters: reflection 1,
 * expansion 1 + 2/n, contraction 3/4 − 1/(2n), shrink 1 − 1/n), every trial
 * point clamped into the box — the variant StatsForecast uses for its Theta
 * and CES fits. A non-finite value of `f` counts as +∞, so the simplex moves
 * away from it. `f` may keep the array it is given only for the call.
 *
 * It is not R's `nmmin` (`nelderMead` in nelder-mead.ts, which the ETS fits follow): the
 * two differ in coefficients, first simplex, bounds and stopping rule, and each
 * fit must land where its reference implementation lands.
 *
 * @example
 * boundedNelderMead(([a, b]) => (a! - 1) ** 2 + (b! - 2) ** 2, [0, 0], [-5, -5], [5, 5]).x // ≈ [1, 2]
 * @internal
 */
export function boundedNelderMead(
  f: (x: Float64Array) => number,
  x0: ArrayLike<number>,
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
  options: BoundedNelderMeadOptions = {},
): BoundedNelderMeadResult {
  const n = x0.length;
  const {
    initStep = 0.05,
    zeroStep = 1e-4,
    maxIterations = 1000,
    tolerance = 1e-4,
    relativeTolerance = 0,
    xTolerance = Infinity,
  } = options;
  // Adaptive coefficients; in one dimension they would shrink to a point (σ = 0), so use the classic 2, ½, ½.
  const gamma = n > 1 ? 1 + 2 / n : 2;
  const rho = n > 1 ? 0.75 - 1 / (2 * n) : 0.5;
  const sigma = n > 1 ? 1 - 1 / n : 0.5;
  const clamp = (v: number, i: number): number => Math.min(Math.max(v, lower[i]!), upper[i]!);
  const value = (x: Float64Array): number => {
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  // simplex: [n + 1, n], row-major.
  const simplex = new Float64Array((n + 1) * n);
  const fs = new Float64Array(n + 1);
  for (let r = 0; r <= n; r++) {
    for (let i = 0; i < n; i++) simplex[r * n + i] = clamp(x0[i]!, i);
  }
  for (let i = 0; i < n; i++) {
    const v = simplex[i * n + i]!;
    simplex[i * n + i] = clamp(v === 0 ? zeroStep : v * (1 + initStep), i);
  }
  const row = (r: number): Float64Array => simplex.subarray(r * n, (r + 1) * n);
  for (let r = 0; r <= n; r++) fs[r] = value(row(r));

  const centroid = new Float64Array(n);
  const xr = new Float64Array(n);
  const xt = new Float64Array(n);
  // x = c + t·(p − c), clamped.
  const along = (out: Float64Array, c: Float64Array, p: Float64Array, t: number): void => {
    for (let i = 0; i < n; i++) out[i] = clamp(c[i]! + t * (p[i]! - c[i]!), i);
  };
  const replace = (r: number, x: Float64Array, v: number): void => {
    simplex.set(x, r * n);
    fs[r] = v;
  };

  let best = 0;
  let it = 0;
  for (; it < maxIterations; it++) {
    // Order: best, second worst, worst.
    best = 0;
    let worst = 0;
    for (let r = 1; r <= n; r++) {
      if (fs[r]! < fs[best]!) best = r;
      if (fs[r]! > fs[worst]! || (fs[r] === fs[worst] && r > worst)) worst = r;
    }
    let second = worst === 0 ? 1 : 0;
    for (let r = 0; r <= n; r++) if (r !== worst && fs[r]! > fs[second]!) second = r;
    if (spread(fs) < tolerance + relativeTolerance * Math.abs(fs[best]!) && size(simplex, n, best) <= xTolerance) break;

    // Centroid of every vertex but the worst.
    centroid.fill(0);
    for (let r = 0; r <= n; r++) {
      if (r === worst) continue;
      for (let i = 0; i < n; i++) centroid[i] += simplex[r * n + i]! / n;
    }
    const xw = row(worst);
    along(xr, centroid, xw, -1);
    const fr = value(xr);
    if (fs[best]! <= fr && fr < fs[second]!) {
      replace(worst, xr, fr);
      continue;
    }
    if (fr < fs[best]!) {
      along(xt, centroid, xr, gamma);
      const fe = value(xt);
      if (fe < fr) replace(worst, xt, fe);
      else replace(worst, xr, fr);
      continue;
    }
    if (fs[second]! <= fr && fr < fs[worst]!) {
      along(xt, centroid, xr, rho); // outside contraction
      const fc = value(xt);
      if (fc <= fr) {
        replace(worst, xt, fc);
        continue;
      }
    } else {
      along(xt, centroid, xr, -rho); // inside contraction
      const fc = value(xt);
      if (fc < fs[worst]!) {
        replace(worst, xt, fc);
        continue;
      }
    }
    // Shrink towards the best vertex.
    const xb = row(best);
    for (let r = 0; r <= n; r++) {
      if (r === best) continue;
      const x = row(r);
      along(x, xb, x, sigma);
      fs[r] = value(x);
    }
  }
  for (let r = 0; r <= n; r++) if (fs[r]! < fs[best]!) best = r;
  return { x: Float64Array.from(row(best)), value: fs[best]!, iterations: it + 1 };
}

/** Largest |x_r,i − x_best,i| / (1 + |x_best,i|) over the vertices r and coordinates i. */
function size(simplex: Float64Array, n: number, best: number): number {
  let d = 0;
  for (let r = 0; r <= n; r++) {
    for (let i = 0; i < n; i++) {
      const b = simplex[best * n + i]!;
      d = Math.max(d, Math.abs(simplex[r * n + i]! - b) / (1 + Math.abs(b)));
    }
  }
  return d;
}

/** Population standard deviation; +∞ while any value is infinite. */
function spread(v: Float64Array): number {
  let mean = 0;
  for (let i = 0; i < v.length; i++) mean += v[i]!;
  mean /= v.length;
  if (!Number.isFinite(mean)) return Infinity;
  let ss = 0;
  for (let i = 0; i < v.length; i++) ss += (v[i]! - mean) ** 2;
  return Math.sqrt(ss / v.length);
}
