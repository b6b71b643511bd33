import { classicalSeasonal } from '../decomposition/classical-decomposition';

/** CES seasonality: N none, S simple (lag-m complex level), P partial (additive seasonal), F full (complex seasonal). */
export type CesSeasonType = 'N' | 'S' | 'P' | 'F';

/** Complex smoothing parameters α = a0 + i·a1 and, seasonal, β = b0 + i·b1 (b1 unused by P). */
export interface CesParameters {
  a0: number;
  a1: number;
  b0: number;
  b1: number;
}

/** State columns: level and its "information potential" (ℓ, c), plus seasonal (s) for P, (s, d) for F. */
export function cesComponents(type: CesSeasonType): number {
  return type === 'N' || type === 'S' ? 2 : type === 'P' ? 3 : 4;
}

/** The lag of the state rows the update reads: 1 for N, m otherwise. */
export function cesLag(type: CesSeasonType, m: number): number {
  return type === 'N' ? 1 : m;
}

/**
 * A CES state table [rows, k], row-major: rows 0..lag−1 hold the initial
 * states, row lag + t the state after y_t, then lag trailing rows of
 * forecast states (StatsForecast's `n + 2m` layout).
 */
export interface CesStates {
  type: CesSeasonType;
  lag: number;
  k: number;
  values: Float64Array;
}

/**
 * Initial states (StatsForecast `initstate`): N: ℓ = mean of the first
 * min(10, n) points, c = ℓ/1.1; S: ℓ_j = y_j, c_j = y_j/1.1 for the first
 * m points; P, F: ℓ = mean of the first m points, c = ℓ/1.1, s_j the
 * additive classical seasonal indices, F also d_j = s_j/1.1.
 */
export function cesInitialStates(y: Float64Array, m: number, type: CesSeasonType): CesStates {
  const lag = cesLag(type, m);
  const k = cesComponents(type);
  const n = y.length;
  const values = new Float64Array((n + 2 * lag) * k);
  if (type === 'N') {
    const idx = Math.min(10, n);
    let mean = 0;
    for (let t = 0; t < idx; t++) mean += y[t]! / idx;
    values[0] = mean;
    values[1] = mean / 1.1;
  } else if (type === 'S') {
    for (let j = 0; j < lag; j++) {
      values[j * k] = y[j]!;
      values[j * k + 1] = y[j]! / 1.1;
    }
  } else {
    let mean = 0;
    for (let j = 0; j < lag; j++) mean += y[j]! / lag;
    const seasonal = classicalSeasonal(y, m, 'additive');
    for (let j = 0; j < lag; j++) {
      values[j * k] = mean;
      values[j * k + 1] = mean / 1.1;
      values[j * k + 2] = seasonal[j]!;
      if (type === 'F') values[j * k + 3] = seasonal[j]! / 1.1;
    }
  }
  return { type, lag, k, values };
}

/** One-step forecast for row i from rows i−1 (N, P, F level) or i−m (S level) and i−m (seasonal). */
function stepForecast(v: Float64Array, k: number, i: number, lag: number, type: CesSeasonType): number {
  const level = type === 'S' ? v[(i - lag) * k]! : v[(i - 1) * k]!;
  return type === 'P' || type === 'F' ? level + v[(i - lag) * k + 2]! : level;
}

/**
 * Writes row i from observation y (StatsForecast `cesupdate`), with
 * e = y − forecast and the complex-valued update
 *   ℓ_i = ℓ − (1 − a1) c + (a0 − a1) e,   c_i = ℓ + (1 − a0) c + (a0 + a1) e
 * on the previous (N, P, F) or lag-m (S) row; P: s_i = s_{i−m} + b0 e;
 * F: the same complex update of (s, d) with (b0, b1) on row i − m.
 */
export function cesUpdate(v: Float64Array, k: number, i: number, lag: number, type: CesSeasonType, p: CesParameters, y: number): void {
  const e = y - stepForecast(v, k, i, lag, type);
  const src = type === 'S' ? i - lag : i - 1;
  const l = v[src * k]!;
  const c = v[src * k + 1]!;
  v[i * k] = l - (1 - p.a1) * c + (p.a0 - p.a1) * e;
  v[i * k + 1] = l + (1 - p.a0) * c + (p.a0 + p.a1) * e;
  if (type === 'P') v[i * k + 2] = v[(i - lag) * k + 2]! + p.b0 * e;
  if (type === 'F') {
    const s = v[(i - lag) * k + 2]!;
    const d = v[(i - lag) * k + 3]!;
    v[i * k + 2] = s - (1 - p.b1) * d + (p.b0 - p.b1) * e;
    v[i * k + 3] = s + (1 - p.b0) * d + (p.b0 + p.b1) * e;
  }
}

/** One filter pass over y: errors into e, states into rows lag..lag+n−1; returns Σ e². */
function cesPass(y: Float64Array, st: CesStates, p: CesParameters, e: Float64Array): number {
  const { values: v, k, lag, type } = st;
  let sse = 0;
  for (let t = 0; t < y.length; t++) {
    const i = t + lag;
    const err = y[t]! - stepForecast(v, k, i, lag, type);
    e[t] = err;
    sse += err * err;
    cesUpdate(v, k, i, lag, type, p, y[t]!);
  }
  // Trailing rows: the states forecast lag steps on (observation = its forecast).
  for (let i = y.length + lag; i < y.length + 2 * lag; i++) cesUpdate(v, k, i, lag, type, p, stepForecast(v, k, i, lag, type));
  return sse;
}

/** Reverses the order of the rows of the table in place. */
function reverseRows(st: CesStates): void {
  const { values: v, k } = st;
  const rows = v.length / k;
  for (let a = 0, b = rows - 1; a < b; a++, b--) {
    for (let j = 0; j < k; j++) {
      const tmp = v[a * k + j]!;
      v[a * k + j] = v[b * k + j]!;
      v[b * k + j] = tmp;
    }
  }
}

/**
 * StatsForecast's `cescalc` with backfitting: a forward pass, a backward
 * pass over the reversed series started from the reversed trailing states,
 * and a final forward pass started from that pass's (reversed) trailing
 * states. `st` must hold the initial states in its first rows; on return it
 * holds the final forward pass, e [n] its errors. Returns −2 log L up to a
 * constant: n·log Σ e² of the final pass.
 */
export function cesCalc(y: Float64Array, yReversed: Float64Array, st: CesStates, p: CesParameters, e: Float64Array): number {
  cesPass(y, st, p, e);
  reverseRows(st);
  cesPass(yReversed, st, p, e);
  reverseRows(st);
  const sse = cesPass(y, st, p, e);
  return y.length * Math.log(sse);
}

/**
 * Point forecasts [h] from the last `lag` states (rows n..n+lag−1): the
 * update run on with every observation equal to its forecast. `impulse`
 * replaces those states (for the interval responses).
 */
export function cesForecast(st: CesStates, n: number, p: CesParameters, h: number, impulse?: Float64Array): Float64Array {
  const { k, lag, type } = st;
  const buf = new Float64Array((lag + h) * k);
  if (impulse) buf.set(impulse);
  else buf.set(st.values.subarray(n * k, (n + lag) * k));
  const out = new Float64Array(h);
  for (let j = 0; j < h; j++) {
    const i = lag + j;
    out[j] = stepForecast(buf, k, i, lag, type);
    cesUpdate(buf, k, i, lag, type, p, out[j]!);
  }
  return out;
}

/**
 * Forecast variance factors [h] of StatsForecast's CES intervals, which add
 * independent N(0, σ²) noise to every entry of the state table before
 * forecasting: the forecast is linear in the last `lag` states, so
 * Var(ŷ_{T+j}) = σ² Σ_{states x} (∂ŷ_{T+j}/∂x)², each derivative the
 * forecast from a unit impulse in that state (exact; StatsForecast samples
 * 5000 paths).
 */
export function cesVarianceFactors(st: CesStates, p: CesParameters, h: number): Float64Array {
  const entries = st.lag * st.k;
  const out = new Float64Array(h);
  const impulse = new Float64Array(entries);
  for (let x = 0; x < entries; x++) {
    impulse.fill(0);
    impulse[x] = 1;
    const response = cesForecast(st, 0, p, h, impulse);
    for (let j = 0; j < h; j++) out[j] += response[j]! ** 2;
  }
  return out;
}
