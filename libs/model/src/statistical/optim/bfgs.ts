import { ScaledObjective } from './scaled-objective';

/**
 * Variable-metric (BFGS) minimisation with central-difference gradients, as
 * R's `optim(method = "BFGS")` (Nash's `vmmin`) with its defaults: `maxit`
 * 100, `reltol` √ε ≈ 1.49e-8, `ndeps` 1e-3 on the parameters divided by
 * `parscale`. Matching R step for step matters: ARIMA fits stop where R's
 * stop, so the selected models agree.
 */

/** Options of {@link bfgsMinimize}; every field defaults to R's. */
export interface BfgsOptions {
  /** Most iterations (gradient evaluations); R: 100. */
  maxit?: number;
  /** Stop when |Δf| ≤ reltol (|f| + reltol); R: √ε. */
  reltol?: number;
  /** Finite-difference step on the scaled parameters; R: 1e-3. */
  ndeps?: number;
  /** Parameter scales [n]: the search runs on `par / parscale`; R: 1. */
  parscale?: Float64Array;
}

/** Where {@link bfgsMinimize} stopped. */
export interface BfgsResult {
  par: Float64Array;
  value: number;
  /** False when `maxit` was reached first (R's convergence code 1). */
  converged: boolean;
  fnCount: number;
  grCount: number;
}

/** Thrown when the objective is not finite at the start or a gradient is not finite (R stops with an error there). */
export class NonFiniteObjectiveError extends Error {
  constructor(what: string) {
    super(`BFGS: ${what} is not finite`);
    this.name = 'NonFiniteObjectiveError';
  }
}

const STEP_REDUCTION = 0.2;
const ACCEPT_TOLERANCE = 1e-4;
const REL_TEST = 10;

/**
 * Minimises `fn` from `init`. `fn` may return `Infinity`/`NaN` for points
 * outside its domain; the line search then shortens the step.
 *
 * @example
 * bfgsMinimize((x) => (x[0]! - 1) ** 2, Float64Array.of(0)).par // ≈ [1]
 */
export function bfgsMinimize(fn: (par: Float64Array) => number, init: Float64Array, options: BfgsOptions = {}): BfgsResult {
  const n = init.length;
  const maxit = options.maxit ?? 100;
  const reltol = options.reltol ?? Math.sqrt(Number.EPSILON);
  const scale = options.parscale ?? new Float64Array(n).fill(1);
  const ndeps = options.ndeps ?? 1e-3;
  const objective = new ScaledObjective(fn, scale, ndeps);
  const f = (b: Float64Array): number => objective.value(b);
  const b = new Float64Array(n);
  for (let i = 0; i < n; i++) b[i] = init[i]! / scale[i]!;
  const g = new Float64Array(n);
  const gradient = (): void => {
    const bad = objective.gradient(b, g);
    if (bad >= 0) throw new NonFiniteObjectiveError(`finite-difference gradient [${bad + 1}]`);
  };
  const result = (value: number, converged: boolean, fnCount: number, grCount: number): BfgsResult => ({
    par: objective.parameters(b),
    value,
    converged,
    fnCount,
    grCount,
  });
  let fmin = f(b);
  if (!Number.isFinite(fmin)) throw new NonFiniteObjectiveError('initial value');
  if (maxit <= 0 || n === 0) return result(fmin, true, 1, 0);
  const t = new Float64Array(n);
  const xs = new Float64Array(n);
  const c = new Float64Array(n);
  // B: lower triangle of the inverse-Hessian estimate, row-major [n, n].
  const B = new Float64Array(n * n);
  let fnCount = 1;
  let grCount = 1;
  gradient();
  let iter = 1;
  let ilast = grCount;
  let count = 0;
  let fval = fmin;
  do {
    if (ilast === grCount) {
      B.fill(0);
      for (let i = 0; i < n; i++) B[i * n + i] = 1;
    }
    for (let i = 0; i < n; i++) {
      xs[i] = b[i]!;
      c[i] = g[i]!;
    }
    // t = −B g, gradproj = tᵀ g
    let gradproj = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j <= i; j++) s -= B[i * n + j]! * g[j]!;
      for (let j = i + 1; j < n; j++) s -= B[j * n + i]! * g[j]!;
      t[i] = s;
      gradproj += s * g[i]!;
    }
    if (gradproj < 0) {
      let steplength = 1;
      let accpoint = false;
      do {
        count = 0;
        for (let i = 0; i < n; i++) {
          b[i] = xs[i]! + steplength * t[i]!;
          if (REL_TEST + xs[i]! === REL_TEST + b[i]!) count++;
        }
        if (count < n) {
          fval = f(b);
          fnCount++;
          accpoint = Number.isFinite(fval) && fval <= fmin + gradproj * steplength * ACCEPT_TOLERANCE;
          if (!accpoint) steplength *= STEP_REDUCTION;
        }
      } while (!(count === n || accpoint));
      const enough = fval > -Infinity && Math.abs(fval - fmin) > reltol * (Math.abs(fmin) + reltol);
      if (!enough) {
        count = n;
        fmin = fval;
      }
      if (count < n) {
        fmin = fval;
        gradient();
        grCount++;
        iter++;
        let d1 = 0;
        for (let i = 0; i < n; i++) {
          t[i] = steplength * t[i]!;
          c[i] = g[i]! - c[i]!;
          d1 += t[i]! * c[i]!;
        }
        if (d1 > 0) {
          // BFGS update of B with s = t, y = c (xs reused as B y).
          let d2 = 0;
          for (let i = 0; i < n; i++) {
            let s = 0;
            for (let j = 0; j <= i; j++) s += B[i * n + j]! * c[j]!;
            for (let j = i + 1; j < n; j++) s += B[j * n + i]! * c[j]!;
            xs[i] = s;
            d2 += s * c[i]!;
          }
          d2 = 1 + d2 / d1;
          for (let i = 0; i < n; i++) {
            for (let j = 0; j <= i; j++) B[i * n + j] = B[i * n + j]! + (d2 * t[i]! * t[j]! - xs[i]! * t[j]! - t[i]! * xs[j]!) / d1;
          }
        } else {
          ilast = grCount;
        }
      } else if (ilast < grCount) {
        count = 0;
        ilast = grCount;
      }
    } else {
      count = 0;
      if (ilast === grCount) count = n;
      else ilast = grCount;
    }
    if (iter >= maxit) break;
    if (grCount - ilast > 2 * n) ilast = grCount;
  } while (count !== n || ilast !== grCount);
  return result(fmin, iter < maxit, fnCount, grCount);
}
