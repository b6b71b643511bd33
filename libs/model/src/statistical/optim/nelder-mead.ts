/** Options of {@link nelderMead}; the defaults are those of R's `optim(method = "Nelder-Mead")`. */
export interface NelderMeadOptions {
  /** Stop when the best value is <= abstol (default −∞: never). */
  abstol?: number;
  /** Stop when the simplex values span <= reltol·(|f(x0)| + reltol) (default √ε ≈ 1.49e−8). */
  reltol?: number;
  /** Reflection coefficient (default 1). */
  alpha?: number;
  /** Contraction coefficient (default 0.5). */
  beta?: number;
  /** Expansion coefficient (default 2). */
  gamma?: number;
  /** Most function evaluations (default 500; R's `ets` passes 2000). */
  maxit?: number;
}

/** What {@link nelderMead} found. */
export interface NelderMeadResult {
  /** Best point [n]. */
  x: Float64Array;
  /** f(x). */
  value: number;
  /** Function evaluations made. */
  evaluations: number;
  /** 0: converged; 1: maxit reached; 10: the simplex stopped shrinking. */
  fail: 0 | 1 | 10;
}

/** Value that stands in for a non-finite f, as in R's `nmmin`. */
const BIG = 1.0e35;

/**
 * Derivative-free minimisation of `f` from `x0` by the Nelder–Mead simplex,
 * step for step as R's `nmmin` (the C code behind `optim` and behind
 * `forecast::ets`), so that fits land where R's do: the first simplex adds
 * `max(0.1·|x0_i|)` (0.1 when x0 = 0) to each coordinate in turn; the
 * convergence test compares the spread of the simplex values with a tolerance
 * fixed from f(x0); a non-finite f counts as 1e35.
 *
 * `f` receives a buffer that is reused between calls: read it, don't keep it.
 *
 * @throws RangeError when f(x0) is not finite.
 * @example
 * const r = nelderMead((x) => (x[0]! - 1) ** 2 + (x[1]! + 2) ** 2, Float64Array.of(0, 0));
 */
export function nelderMead(f: (x: Float64Array) => number, x0: Float64Array, options: NelderMeadOptions = {}): NelderMeadResult {
  const abstol = options.abstol ?? -Infinity;
  const reltol = options.reltol ?? Math.sqrt(Number.EPSILON);
  const alpha = options.alpha ?? 1;
  const bet = options.beta ?? 0.5;
  const gamm = options.gamma ?? 2;
  const maxit = options.maxit ?? 500;
  const n = x0.length;
  const b = Float64Array.from(x0);
  const f0 = f(b);
  if (!Number.isFinite(f0)) throw new RangeError(`'f(x0)' must be finite, got ${f0}`);
  if (maxit <= 0 || n === 0) return { x: b, value: f0, evaluations: 1, fail: 0 };
  // Vertices as rows of p: [n+1, n]; fv their values; c the centroid.
  const n1 = n + 1;
  const p = new Float64Array(n1 * n);
  const fv = new Float64Array(n1);
  const c = new Float64Array(n);
  const convtol = reltol * (Math.abs(f0) + reltol);
  let evaluations = 1;
  p.set(b, 0);
  fv[0] = f0;
  let step = 0;
  for (let i = 0; i < n; i++) step = Math.max(step, 0.1 * Math.abs(b[i]!));
  if (step === 0) step = 0.1;
  let size = 0;
  for (let j = 1; j < n1; j++) {
    p.set(b, j * n);
    let trystep = step;
    while (p[j * n + j - 1] === b[j - 1]) {
      p[j * n + j - 1] = b[j - 1]! + trystep;
      trystep *= 10;
    }
    size += trystep;
  }
  let oldsize = size;
  let calcvert = true;
  let L = 0;
  let fail: 0 | 1 | 10 = 0;
  const evaluate = (): number => {
    const v = f(b);
    evaluations++;
    return Number.isFinite(v) ? v : BIG;
  };
  for (;;) {
    if (calcvert) {
      for (let j = 0; j < n1; j++) {
        if (j === L) continue;
        for (let i = 0; i < n; i++) b[i] = p[j * n + i]!;
        fv[j] = evaluate();
      }
      calcvert = false;
    }
    let VL = fv[L]!;
    let VH = VL;
    let H = L;
    for (let j = 0; j < n1; j++) {
      if (j === L) continue;
      const v = fv[j]!;
      if (v < VL) {
        L = j;
        VL = v;
      }
      if (v > VH) {
        H = j;
        VH = v;
      }
    }
    if (VH <= VL + convtol || VL <= abstol) break;
    // Centroid of all vertices but the worst.
    for (let i = 0; i < n; i++) {
      let t = -p[H * n + i]!;
      for (let j = 0; j < n1; j++) t += p[j * n + i]!;
      c[i] = t / n;
    }
    // Reflection: x_r = (1 + α) c − α x_H.
    for (let i = 0; i < n; i++) b[i] = (1 + alpha) * c[i]! - alpha * p[H * n + i]!;
    const VR = evaluate();
    if (VR < VL) {
      // Expansion: x_e = γ x_r + (1 − γ) c; c keeps x_r.
      for (let i = 0; i < n; i++) {
        const e = gamm * b[i]! + (1 - gamm) * c[i]!;
        c[i] = b[i]!;
        b[i] = e;
      }
      const fe = evaluate();
      if (fe < VR) {
        for (let i = 0; i < n; i++) p[H * n + i] = b[i]!;
        fv[H] = fe;
      } else {
        for (let i = 0; i < n; i++) p[H * n + i] = c[i]!;
        fv[H] = VR;
      }
    } else {
      if (VR < VH) {
        for (let i = 0; i < n; i++) p[H * n + i] = b[i]!;
        fv[H] = VR;
      }
      // Contraction towards the centroid: x_c = (1 − β) x_H + β c.
      for (let i = 0; i < n; i++) b[i] = (1 - bet) * p[H * n + i]! + bet * c[i]!;
      const fc = evaluate();
      if (fc < fv[H]!) {
        for (let i = 0; i < n; i++) p[H * n + i] = b[i]!;
        fv[H] = fc;
      } else if (VR >= VH) {
        // Shrink every vertex towards the best one.
        calcvert = true;
        size = 0;
        for (let j = 0; j < n1; j++) {
          if (j === L) continue;
          for (let i = 0; i < n; i++) {
            p[j * n + i] = bet * (p[j * n + i]! - p[L * n + i]!) + p[L * n + i]!;
            size += Math.abs(p[j * n + i]! - p[L * n + i]!);
          }
        }
        if (size < oldsize) {
          oldsize = size;
        } else {
          fail = 10;
          break;
        }
      }
    }
    if (evaluations > maxit) break;
  }
  if (evaluations > maxit) fail = 1;
  return { x: p.slice(L * n, L * n + n), value: fv[L]!, evaluations, fail };
}
