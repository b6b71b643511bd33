import { ADD, MULT, NONE, type EtsComponents } from './ets-spec';

/** Smoothing parameters; β, γ and φ are ignored by models without trend, season, damping. */
export interface EtsParameters {
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
}

/** Guards of R's `etscalc`: a divisor below TOL gives HUGE. */
const TOL = 1e-10;
const HUGE = 1e10;

/**
 * Where {@link etsFilter} writes: `e` [n] the residuals (y − ŷ, or (y − ŷ)/ŷ
 * for multiplicative error) and `last` the state after the last point, in R's
 * order (l, b, s_1 … s_m with s_1 the newest season), when given; `ring` [m]
 * is scratch space for the seasonal states.
 */
export interface EtsFilterBuffers {
  ring: Float64Array;
  e?: Float64Array;
  last?: Float64Array;
}

/**
 * One pass of the ETS state-space recursions over `y` (R's `etscalc`, Hyndman
 * et al. 2008, tables 2.2–2.3, written as in R with β* = β/α):
 *
 *   q = l + φb (additive trend), l·b^φ (multiplicative), l (none)
 *   ŷ = q + s_{t−m} (additive season), q·s_{t−m} (multiplicative), q
 *   l' = q + α(p − q),  p = y − s_{t−m}, y / s_{t−m} or y
 *   b' = φb + (β/α)(l' − l − φb)  or  b^φ + (β/α)(l'/l − b^φ)
 *   s' = s_{t−m} + γ(y − q − s_{t−m})  or  s_{t−m} + γ(y/q − s_{t−m})
 *
 * and returns R's likelihood criterion n·log Σe² (+ 2 Σ log|ŷ| for a
 * multiplicative error): −2 log L up to a constant. NaN when a multiplicative
 * trend turns negative (R's NA).
 *
 * `init` is (l₀, b₀?, s₀ … s_{m−1}) with s₀ the newest season, all m seasons.
 * The seasons sit in a ring buffer so a step costs O(1), not O(m).
 */
export function etsFilter(
  y: Float64Array,
  m: number,
  c: EtsComponents,
  par: EtsParameters,
  init: Float64Array,
  buf: EtsFilterBuffers,
): number {
  const n = y.length;
  // Flags hoisted out of the loop (imported constants are property reads once bundled).
  const multError = c.error === MULT;
  const trendKind = c.trend === NONE ? 0 : c.trend === ADD ? 1 : 2;
  const seasonKind = c.season === NONE ? 0 : c.season === ADD ? 1 : 2;
  const alpha = par.alpha;
  const gamma = par.gamma;
  const betaStar = par.beta / alpha;
  const phi = c.damped ? par.phi : 1;
  const undamped = Math.abs(phi - 1) < TOL;
  const ms = seasonKind === 0 ? 1 : m;
  const ring = buf.ring;
  const e = buf.e;
  let l = init[0]!;
  let b = trendKind === 0 ? 0 : init[1]!;
  const s0 = trendKind === 0 ? 1 : 2;
  // ring[(pos − j) mod m] = s_j; the season used at time t is s_{m−1} = ring[(pos + 1) mod m].
  let pos = ms - 1;
  if (seasonKind !== 0) for (let j = 0; j < ms; j++) ring[ms - 1 - j] = init[s0 + j]!;
  let sse = 0;
  let logSum = 0;
  // Π|ŷ| in chunks: one log per chunk instead of one per step.
  let prod = 1;
  for (let t = 0; t < n; t++) {
    const old = pos + 1 === ms ? 0 : pos + 1;
    const sOld = seasonKind === 0 ? 0 : ring[old]!;
    let q: number;
    let phib: number;
    if (trendKind === 0) {
      q = l;
      phib = 0;
    } else if (trendKind === 1) {
      phib = phi * b;
      q = l + phib;
    } else {
      if (b < 0) return NaN;
      phib = undamped ? b : Math.pow(b, phi);
      q = l * phib;
    }
    const f = seasonKind === 1 ? q + sOld : seasonKind === 2 ? q * sOld : q;
    const yt = y[t]!;
    const et = multError ? (yt - f) / f : yt - f;
    if (e !== undefined) e[t] = et;
    sse += et * et;
    if (multError) {
      prod *= Math.abs(f);
      if (prod > 1e150 || prod < 1e-150) {
        logSum += Math.log(prod);
        prod = 1;
      }
    }
    // Level.
    const p = seasonKind === 0 ? yt : seasonKind === 1 ? yt - sOld : Math.abs(sOld) < TOL ? HUGE : yt / sOld;
    const lNew = q + alpha * (p - q);
    // Growth.
    if (trendKind === 1) b = phib + betaStar * (lNew - l - phib);
    else if (trendKind === 2) b = phib + betaStar * ((Math.abs(l) < TOL ? HUGE : lNew / l) - phib);
    // Season: the oldest slot becomes the newest.
    if (seasonKind !== 0) {
      const target = seasonKind === 1 ? yt - q : Math.abs(q) < TOL ? HUGE : yt / q;
      ring[old] = sOld + gamma * (target - sOld);
      pos = old;
    }
    l = lNew;
  }
  if (buf.last) {
    const last = buf.last;
    last[0] = l;
    if (trendKind !== 0) last[1] = b;
    if (seasonKind !== 0) for (let j = 0; j < ms; j++) last[s0 + j] = ring[(pos - j + ms) % ms]!;
  }
  let lik = n * Math.log(sse);
  if (multError) lik += 2 * (logSum + Math.log(prod));
  return lik;
}

/**
 * Point forecasts ŷ_{T+1..T+h} from the state `x` = (l, b?, s_1 … s_m) (R's
 * `etsforecast`): ŷ_{T+k} = l + φ_k b (or l·b^{φ_k}) combined with s_{T+k−m},
 * φ_k = φ + … + φ^k. NaN where a multiplicative trend is negative.
 */
export function etsPointForecast(x: Float64Array, m: number, c: EtsComponents, phiIn: number, h: number): Float64Array {
  const out = new Float64Array(h);
  const phi = c.damped ? phiIn : 1;
  const l = x[0]!;
  const b = c.trend === NONE ? 0 : x[1]!;
  const s0 = c.trend === NONE ? 1 : 2;
  const ms = c.season === NONE ? 1 : m;
  let phistar = phi;
  for (let i = 0; i < h; i++) {
    let f = c.trend === NONE ? l : c.trend === ADD ? l + phistar * b : b < 0 ? NaN : l * Math.pow(b, phistar);
    const j = (((ms - 1 - i) % ms) + ms) % ms;
    if (c.season === ADD) f += x[s0 + j]!;
    else if (c.season === MULT) f *= x[s0 + j]!;
    out[i] = f;
    // φ_{k+1} = φ_k + φ^{k+1} (R's `etsforecast` adds φ^k, one power short;
    // R shows it only for simulated models, whose forecasts use this function).
    phistar += Math.abs(phi - 1) < TOL ? 1 : Math.pow(phi, i + 2);
  }
  return out;
}
