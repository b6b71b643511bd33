import { nelderMead } from '../optim/nelder-mead';
import type { EtsParameters } from './ets-filter';
import { ADD, MULT, NONE, type EtsComponents } from './ets-spec';

/** A Holt–Winters fit in the shape the forecasting code expects. */
export interface HoltWintersFit {
  components: EtsComponents;
  m: number;
  par: EtsParameters;
  /** (l, b?, s_1 … s_m) after the last point, s_1 the newest season. */
  lastState: Float64Array;
  /** One-step residuals y − ŷ [n]. */
  residuals: Float64Array;
  fitted: Float64Array;
  sigma2: number;
  sse: number;
}

/** What to fit: trend none/additive/exponential, season none/additive/multiplicative. */
export interface HoltWintersSpec {
  trend: typeof NONE | typeof ADD | typeof MULT;
  season: typeof NONE | typeof ADD | typeof MULT;
  /** Fixed α (R's `ses(alpha = 0.99999)` for constant series); estimated when absent. */
  alpha?: number;
}

/**
 * R's `HoltWintersZZ`, which `ets` uses when a series has too few points for
 * its models (n <= parameters + 4) and for constant series: classical
 * Holt–Winters recursions from simple starting states (l = y₁, b = y₂ − y₁
 * or y₂/y₁; seasonal: l = mean of the first season, b from the second season),
 * smoothing parameters in [0, 1] minimising the one-step SSE. R minimises with
 * L-BFGS-B; here Nelder–Mead on the box (values outside count as +∞), restarted
 * at its optimum until it stops improving, started where R starts (α = 0.2/m, β = 0.1α, γ = 0.05(1 − α)). `null` when the
 * starting states cannot be formed (too few points).
 */
export function fitHoltWinters(y: Float64Array, m: number, spec: HoltWintersSpec): HoltWintersFit | null {
  const n = y.length;
  const seasonal = spec.season !== NONE && m > 1;
  const season = seasonal ? spec.season : NONE;
  const ms = seasonal ? m : 1;
  let l0: number;
  let b0 = spec.trend === MULT ? 1 : 0;
  const s0 = new Float64Array(ms).fill(season === MULT ? 1 : 0);
  if (!seasonal) {
    l0 = y[0]!;
    if (spec.trend !== NONE) {
      if (n < 2) return null;
      b0 = spec.trend === MULT ? y[1]! / y[0]! : y[1]! - y[0]!;
    }
  } else {
    if (n < ms || (spec.trend !== NONE && n < 2 * ms)) return null;
    l0 = 0;
    for (let i = 0; i < ms; i++) l0 += y[i]! / ms;
    if (spec.trend !== NONE) {
      let next = 0;
      for (let i = ms; i < 2 * ms; i++) next += y[i]! / ms;
      b0 = (next - l0) / ms;
    }
    for (let i = 0; i < ms; i++) s0[i] = season === MULT ? y[i]! / l0 : y[i]! - l0;
  }
  if (!Number.isFinite(l0) || !Number.isFinite(b0)) return null;
  const run = (alpha: number, beta: number, gamma: number, out?: HoltWintersRun): number =>
    holtWintersPass(y, ms, spec.trend, season, alpha, beta, gamma, l0, b0, s0, out);
  const estAlpha = spec.alpha === undefined;
  const estBeta = spec.trend !== NONE;
  const estGamma = season !== NONE;
  const alpha0 = 0.2 / m;
  const x0: number[] = [];
  if (estAlpha) x0.push(alpha0);
  if (estBeta) x0.push(0.1 * Math.min(1, spec.alpha ?? alpha0));
  if (estGamma) x0.push(0.05 * Math.min(1, 1 - (spec.alpha ?? alpha0)));
  let alpha = spec.alpha ?? alpha0;
  let beta = 0;
  let gamma = 0;
  const unpack = (x: Float64Array): boolean => {
    let k = 0;
    if (estAlpha) alpha = x[k++]!;
    if (estBeta) beta = x[k++]!;
    if (estGamma) gamma = x[k++]!;
    for (let i = 0; i < x.length; i++) if (!(x[i]! >= 0 && x[i]! <= 1)) return false;
    return true;
  };
  if (x0.length > 0) {
    const objective = (x: Float64Array): number => (unpack(x) ? run(alpha, beta, gamma) : Infinity);
    let best;
    try {
      best = nelderMead(objective, Float64Array.from(x0), { maxit: 1000 });
      // Restart from the optimum: a collapsed simplex (e.g. straddling a
      // 1-d minimum) stops early; a fresh simplex there moves on.
      for (let restart = 0; restart < 3; restart++) {
        const again = nelderMead(objective, best.x, { maxit: 1000 });
        const gain = best.value - again.value;
        best = again.value < best.value ? again : best;
        if (!(gain > 1e-10 * Math.abs(best.value))) break;
      }
    } catch {
      return null;
    }
    unpack(best.x);
  }
  const out: HoltWintersRun = {
    residuals: new Float64Array(n),
    fitted: new Float64Array(n),
    last: new Float64Array(1 + Number(spec.trend !== NONE) + (seasonal ? ms : 0)),
  };
  const sse = run(alpha, beta, gamma, out);
  if (!Number.isFinite(sse)) return null;
  const multiplicativeError = season === MULT || (season === NONE && spec.trend === MULT);
  let s2 = 0;
  for (let t = 0; t < n; t++) {
    const r = multiplicativeError ? out.residuals[t]! / out.fitted[t]! : out.residuals[t]!;
    s2 += r * r;
  }
  return {
    components: { error: multiplicativeError ? MULT : ADD, trend: spec.trend, season, damped: false },
    m: ms,
    par: { alpha, beta, gamma, phi: 1 },
    lastState: out.last,
    residuals: out.residuals,
    fitted: out.fitted,
    sigma2: s2 / n,
    sse,
  };
}

interface HoltWintersRun {
  residuals: Float64Array;
  fitted: Float64Array;
  last: Float64Array;
}

/**
 * One pass of R's `zzhw` (classical Holt–Winters form):
 *   ŷ = (l + b) ∘ s_{t−m}  (∘ = + or ×; l·b for an exponential trend)
 *   l' = α (y ⊘ s_{t−m}) + (1 − α)(l + b),  b' = β (l' − l) + (1 − β) b,
 *   s' = γ (y ⊘ (l + b)) + (1 − γ) s_{t−m};  returns Σ (y − ŷ)².
 */
function holtWintersPass(
  y: Float64Array,
  m: number,
  trend: number,
  season: number,
  alpha: number,
  beta: number,
  gamma: number,
  l0: number,
  b0: number,
  s0: Float64Array,
  out?: HoltWintersRun,
): number {
  const n = y.length;
  const seasons = new Float64Array(m + n);
  seasons.set(s0, 0);
  let l = l0;
  let b = b0;
  let sse = 0;
  for (let t = 0; t < n; t++) {
    const s = seasons[t]!;
    const q = trend === MULT ? l * b : l + b;
    const f = season === MULT ? q * s : q + s;
    const r = y[t]! - f;
    sse += r * r;
    if (out) {
      out.residuals[t] = r;
      out.fitted[t] = f;
    }
    const lNew = alpha * (season === MULT ? y[t]! / s : y[t]! - s) + (1 - alpha) * q;
    b = trend === MULT ? beta * (lNew / l) + (1 - beta) * b : trend === ADD ? beta * (lNew - l) + (1 - beta) * b : 0;
    seasons[m + t] = season === MULT ? gamma * (y[t]! / q) + (1 - gamma) * s : season === ADD ? gamma * (y[t]! - q) + (1 - gamma) * s : s;
    l = lNew;
  }
  if (out) {
    const last = out.last;
    last[0] = l;
    if (trend !== NONE) last[1] = b;
    if (season !== NONE) for (let i = 0; i < m; i++) last[(trend !== NONE ? 2 : 1) + i] = seasons[n + m - 1 - i]!;
  }
  return sse;
}
