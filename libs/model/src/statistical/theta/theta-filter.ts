/** The four theta models of Fiorucci et al. (2016). */
export type ThetaModelType = 'STM' | 'OTM' | 'DSTM' | 'DOTM';

/** Parameters of one theta model: initial level ℓ₀, smoothing α, theta θ. */
export interface ThetaParameters {
  level0: number;
  alpha: number;
  theta: number;
}

/** State after the last observation (StatsForecast's `states[n−1]`); `t` is its index n − 1. */
export interface ThetaState {
  /** ℓ_t, the SES level of y. */
  level: number;
  /** ȳ_t, the mean of y_0..y_t. */
  meanY: number;
  /** A_t, B_t: intercept and slope of the trend line (fixed for STM/OTM, updated for DSTM/DOTM). */
  a: number;
  b: number;
  t: number;
}

/** @internal */
export function isDynamic(type: ThetaModelType): boolean {
  return type === 'DSTM' || type === 'DOTM';
}

/**
 * The theta state-space filter (StatsForecast `theta.cpp`, Fiorucci et al.
 * 2016 eqs. 3–6), writing the one-step errors e_t into `e` [n] and returning
 * the state after y_{n−1}. With q = 1 − α and c = 1 − 1/θ:
 *
 *   μ_t = ℓ_{t−1} + c·(A_{t−1} q^t + B_{t−1} (1 − q^{t+1})/α)     (one-step forecast)
 *   ℓ_t = α y_t + q ℓ_{t−1},   ȳ_t = (t ȳ_{t−1} + y_t)/(t + 1)
 *   dynamic: B_t = ((t − 1) B_{t−1} + 6 (y_t − ȳ_{t−1})/(t + 1))/(t + 2),  A_t = ȳ_t − B_t (t + 2)/2
 *   static:  A, B are the least-squares line of y on 1..n, fixed.
 *
 * At t = 0: ℓ = α y_0 + q ℓ₀, ȳ = y_0; dynamic A = μ_0 = y_0, B = 0; static
 * μ_0 = ℓ₀ + c (A + B).
 */
export function thetaFilter(y: Float64Array, type: ThetaModelType, p: ThetaParameters, e: Float64Array): ThetaState {
  const n = y.length;
  const { alpha, theta } = p;
  const q = 1 - alpha;
  const c = 1 - 1 / theta;
  const dynamic = isDynamic(type);
  let a: number;
  let b: number;
  let mu: number;
  if (dynamic) {
    a = y[0]!;
    b = 0;
    mu = y[0]!;
  } else {
    [a, b] = trendLine(y);
    mu = p.level0 + c * (a + b);
  }
  e[0] = y[0]! - mu;
  let level = alpha * y[0]! + q * p.level0;
  let meanY = y[0]!;
  let qt = q; // q^t
  for (let t = 1; t < n; t++) {
    const yt = y[t]!;
    mu = level + c * (a * qt + (b * (1 - qt * q)) / alpha);
    e[t] = yt - mu;
    level = alpha * yt + q * level;
    const prevMean = meanY;
    meanY = (t * meanY + yt) / (t + 1);
    if (dynamic) {
      b = ((t - 1) * b + (6 * (yt - prevMean)) / (t + 1)) / (t + 2);
      a = meanY - (b * (t + 2)) / 2;
    }
    qt *= q;
  }
  return { level, meanY, a, b, t: n - 1 };
}

/**
 * Intercept A and slope B of the least-squares line y_t ≈ A + B·(t + 1),
 * t = 0..n−1: B = 6 (2 Σ (t+1) y_t / n − (n + 1) ȳ)/(n² − 1), A = ȳ − (n + 1) B/2.
 * A single point has slope 0.
 */
export function trendLine(y: Float64Array): [number, number] {
  const n = y.length;
  let mean = 0;
  let weighted = 0;
  for (let t = 0; t < n; t++) {
    mean += y[t]!;
    weighted += (t + 1) * y[t]!;
  }
  mean /= n;
  weighted /= n;
  const b = n > 1 ? (6 * (2 * weighted - (n + 1) * mean)) / (n * n - 1) : 0;
  return [mean - ((n + 1) * b) / 2, b];
}

/**
 * Point forecasts [h]: the filter run on with each future y replaced by its
 * forecast μ (so ℓ, ȳ and, for the dynamic models, A and B keep updating).
 */
export function thetaForecast(state: ThetaState, type: ThetaModelType, p: ThetaParameters, h: number): Float64Array {
  const { alpha, theta } = p;
  const q = 1 - alpha;
  const c = 1 - 1 / theta;
  const dynamic = isDynamic(type);
  let { level, meanY, a, b } = state;
  const out = new Float64Array(h);
  for (let j = 0; j < h; j++) {
    const t = state.t + 1 + j;
    const qt = q ** t;
    const mu = level + c * (a * qt + (b * (1 - qt * q)) / alpha);
    out[j] = mu;
    level = alpha * mu + q * level;
    const prevMean = meanY;
    meanY = (t * meanY + mu) / (t + 1);
    if (dynamic) {
      b = ((t - 1) * b + (6 * (mu - prevMean)) / (t + 1)) / (t + 2);
      a = meanY - (b * (t + 2)) / 2;
    }
  }
  return out;
}

/**
 * Forecast variance factors [h]: Var(y_{T+j}) / σ² for the model driven by
 * future errors (y = μ + ε). Every update is linear in y, so the response of
 * y_{T+j} to a unit ε_{T+k} (k ≤ j) follows by running the forecast
 * recursion on the perturbations alone (constants drop out):
 * Var(y_{T+j}) = σ² Σ_k (∂y_{T+j}/∂ε_{T+k})². For STM/OTM this is SES's
 * 1 + jα²; the dynamic models add the trend line's response.
 */
export function thetaVarianceFactors(state: ThetaState, type: ThetaModelType, p: ThetaParameters, h: number): Float64Array {
  const { alpha, theta } = p;
  const q = 1 - alpha;
  const c = 1 - 1 / theta;
  const dynamic = isDynamic(type);
  const out = new Float64Array(h);
  for (let k = 0; k < h; k++) {
    let level = 0;
    let meanY = 0;
    let a = 0;
    let b = 0;
    for (let j = k; j < h; j++) {
      const t = state.t + 1 + j;
      const qt = q ** t;
      const dy = level + c * (a * qt + (b * (1 - qt * q)) / alpha) + (j === k ? 1 : 0);
      out[j] += dy * dy;
      level = alpha * dy + q * level;
      const prevMean = meanY;
      meanY = (t * meanY + dy) / (t + 1);
      if (dynamic) {
        b = ((t - 1) * b + (6 * (dy - prevMean)) / (t + 1)) / (t + 2);
        a = meanY - (b * (t + 2)) / 2;
      }
    }
  }
  return out;
}
