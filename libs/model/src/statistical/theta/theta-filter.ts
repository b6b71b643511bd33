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
  const { alpha } = p;
  const q = 1 - alpha;
  const [a, b] = isDynamic(type) ? [y[0]!, 0] : trendLine(y);
  const r = new ThetaRecursion(type, p, { level: alpha * y[0]! + q * p.level0, meanY: y[0]!, a, b });
  e[0] = y[0]! - (isDynamic(type) ? y[0]! : p.level0 + r.c * (a + b));
  let qt = q; // q^t
  for (let t = 1; t < n; t++) {
    const yt = y[t]!;
    e[t] = yt - r.mean(qt);
    r.update(yt, t);
    qt *= q;
  }
  return { ...r.state, t: n - 1 };
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
  const r = new ThetaRecursion(type, p, state);
  const out = new Float64Array(h);
  for (let j = 0; j < h; j++) {
    const t = state.t + 1 + j;
    const mu = r.mean(r.q ** t);
    out[j] = mu;
    r.update(mu, t);
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
  const out = new Float64Array(h);
  for (let k = 0; k < h; k++) {
    const r = new ThetaRecursion(type, p, { level: 0, meanY: 0, a: 0, b: 0 });
    for (let j = k; j < h; j++) {
      const t = state.t + 1 + j;
      const dy = r.mean(r.q ** t) + (j === k ? 1 : 0);
      out[j] += dy * dy;
      r.update(dy, t);
    }
  }
  return out;
}

/** ℓ, ȳ, A, B: what the theta recursion carries from one observation to the next. */
type RecursionState = Pick<ThetaState, 'level' | 'meanY' | 'a' | 'b'>;

/**
 * The recursion of {@link thetaFilter} after t = 0, shared by the filter, the
 * forecast (future y replaced by μ) and the variance factors (run on
 * perturbations): q = 1 − α, c = 1 − 1/θ.
 */
class ThetaRecursion {
  readonly q: number;
  readonly c: number;
  readonly state: RecursionState;
  private readonly alpha: number;
  private readonly dynamic: boolean;

  constructor(type: ThetaModelType, p: ThetaParameters, start: RecursionState) {
    this.alpha = p.alpha;
    this.q = 1 - p.alpha;
    this.c = 1 - 1 / p.theta;
    this.dynamic = isDynamic(type);
    this.state = { level: start.level, meanY: start.meanY, a: start.a, b: start.b };
  }

  /** μ_t = ℓ_{t−1} + c·(A_{t−1} q^t + B_{t−1} (1 − q^{t+1})/α), given qt = q^t. */
  mean(qt: number): number {
    const { level, a, b } = this.state;
    return level + this.c * (a * qt + (b * (1 - qt * this.q)) / this.alpha);
  }

  /** Absorbs y_t: ℓ, ȳ and, for the dynamic models, B then A. */
  update(y: number, t: number): void {
    const s = this.state;
    s.level = this.alpha * y + this.q * s.level;
    const prevMean = s.meanY;
    s.meanY = (t * s.meanY + y) / (t + 1);
    if (this.dynamic) {
      s.b = ((t - 1) * s.b + (6 * (y - prevMean)) / (t + 1)) / (t + 2);
      s.a = s.meanY - (s.b * (t + 2)) / 2;
    }
  }
}
