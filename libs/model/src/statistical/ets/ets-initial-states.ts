import { ADD, MULT, NONE, type ComponentCode } from './ets-spec';

/**
 * Starting values of the initial states, R's `initstate` heuristic (Hyndman
 * et al. 2002): the seasonal indices from a classical decomposition of the
 * whole series (n >= 3m), or from a regression on trend + one Fourier pair
 * (n < 3m); then l₀ (and b₀) from the mean of (a line through) the first
 * max(10, 2m) seasonally adjusted points.
 *
 * Returns (l₀, b₀?, s₀ … s_{m−2}) — m − 1 seasons: the last one follows from
 * Σs = 0 (additive) or Σs = m (multiplicative). `m` is the season length of
 * a seasonal model, ignored otherwise.
 */
export function etsInitialStates(y: Float64Array, trend: ComponentCode, season: ComponentCode, m: number): Float64Array {
  const n = y.length;
  let ysa = y;
  let seas: Float64Array | null = null;
  if (season !== NONE) {
    const seasonal = n < 3 * m ? fourierSeasonal(y, m, season) : decomposeSeasonal(y, m, season);
    // s₀ … s_{m−2} = seasonal[m−1], …, seasonal[1] (newest first).
    seas = new Float64Array(m - 1);
    for (let j = 0; j < m - 1; j++) seas[j] = seasonal[m - 1 - j]!;
    ysa = new Float64Array(n);
    if (season === ADD) {
      for (let t = 0; t < n; t++) ysa[t] = y[t]! - seasonal[t]!;
    } else {
      let sum = 0;
      for (let j = 0; j < m - 1; j++) sum += seas[j] = Math.max(seas[j]!, 1e-2);
      if (sum > m) {
        const denom = sum + 1e-2 * (m - 1);
        for (let j = 0; j < m - 1; j++) seas[j] = seas[j]! / denom;
      }
      for (let t = 0; t < n; t++) ysa[t] = y[t]! / Math.max(seasonal[t]!, 1e-2);
    }
  }
  const maxn = Math.min(Math.max(10, season !== NONE ? 2 * m : 2), n);
  const head: number[] = [];
  if (trend === NONE) {
    let sum = 0;
    for (let t = 0; t < maxn; t++) sum += ysa[t]!;
    head.push(sum / maxn);
  } else {
    const [a, b] = lineFit(ysa, maxn);
    head.push(...(trend === ADD ? additiveTrendStart(a, b) : multiplicativeTrendStart(a, b, ysa)));
  }
  const out = new Float64Array(head.length + (seas?.length ?? 0));
  out.set(head, 0);
  if (seas) out.set(seas, head.length);
  return out;
}

/** l₀ = a, b₀ = b, nudged so that l₀ + b₀ ≠ 0 (a multiplicative error divides by it). */
function additiveTrendStart(a: number, b: number): [number, number] {
  if (Math.abs(a + b) < 1e-8) return [a * (1 + 1e-3), b * (1 - 1e-3)];
  return [a, b];
}

/** b₀ = ratio of the first two fitted values, l₀ = first fitted value / b₀; R's fallbacks. */
function multiplicativeTrendStart(a: number, b: number, ysa: Float64Array): [number, number] {
  let l0 = a + b;
  if (Math.abs(l0) < 1e-8) l0 = 1e-7;
  let b0 = (a + 2 * b) / l0;
  l0 = l0 / b0;
  if (Math.abs(b0) > 1e10) b0 = Math.sign(b0) * 1e10;
  if (l0 < 1e-8 || b0 < 1e-8) {
    l0 = Math.max(ysa[0]!, 1e-3);
    b0 = Math.max(ysa.length > 1 ? ysa[1]! / ysa[0]! : 1, 1e-3);
  }
  return [l0, b0];
}

/** Least-squares line y_t ≈ a + b·t over t = 1 … k: [a, b]. */
function lineFit(y: Float64Array, k: number): [number, number] {
  if (k < 2) return [y[0]!, 0];
  const tMean = (k + 1) / 2;
  let yMean = 0;
  for (let t = 0; t < k; t++) yMean += y[t]!;
  yMean /= k;
  let sxy = 0;
  let sxx = 0;
  for (let t = 0; t < k; t++) {
    const dt = t + 1 - tMean;
    sxy += dt * (y[t]! - yMean);
    sxx += dt * dt;
  }
  const b = sxy / sxx;
  return [yMean - b * tMean, b];
}

/**
 * R's `decompose`: centred moving average of order m (2×m for even m), the
 * detrended series (y − trend or y / trend) averaged per position in the
 * cycle, the averages centred (Σ = 0, or mean 1); returned repeated over [n].
 */
export function decomposeSeasonal(y: Float64Array, m: number, season: ComponentCode): Float64Array {
  const n = y.length;
  const half = Math.floor(m / 2);
  const even = m % 2 === 0;
  const sums = new Float64Array(m);
  const counts = new Float64Array(m);
  for (let t = half; t < n - half; t++) {
    let trend = 0;
    if (even) {
      trend = 0.5 * (y[t - half]! + y[t + half]!);
      for (let k = t - half + 1; k < t + half; k++) trend += y[k]!;
    } else {
      for (let k = t - half; k <= t + half; k++) trend += y[k]!;
    }
    trend /= m;
    sums[t % m] += season === MULT ? y[t]! / trend : y[t]! - trend;
    counts[t % m]++;
  }
  const figure = new Float64Array(m);
  let mean = 0;
  for (let i = 0; i < m; i++) mean += figure[i] = sums[i]! / counts[i]!;
  mean /= m;
  for (let i = 0; i < m; i++) figure[i] = season === MULT ? figure[i]! / mean : figure[i]! - mean;
  const out = new Float64Array(n);
  for (let t = 0; t < n; t++) out[t] = figure[t % m]!;
  return out;
}

/**
 * Seasonal component of a short series (n < 3m), as R's `initstate`: fit
 * y_t = a + b·t + c·sin(2πt/m) + d·cos(2πt/m) (no sine for m = 2) by least
 * squares, then y − a − b·t (additive) or y / (a + b·t) (multiplicative).
 */
export function fourierSeasonal(y: Float64Array, m: number, season: ComponentCode): Float64Array {
  const n = y.length;
  const withSin = m !== 2;
  const k = withSin ? 4 : 3;
  // Normal equations XᵀX β = Xᵀy, X: [n, k].
  const xtx = new Float64Array(k * k);
  const xty = new Float64Array(k);
  const row = new Float64Array(k);
  for (let t = 1; t <= n; t++) {
    row[0] = 1;
    row[1] = t;
    if (withSin) row[2] = Math.sin((2 * Math.PI * t) / m);
    row[k - 1] = Math.cos((2 * Math.PI * t) / m);
    for (let i = 0; i < k; i++) {
      xty[i] += row[i]! * y[t - 1]!;
      for (let j = 0; j < k; j++) xtx[i * k + j] += row[i]! * row[j]!;
    }
  }
  const beta = solveSymmetric(xtx, xty, k);
  const out = new Float64Array(n);
  for (let t = 1; t <= n; t++) {
    const line = beta[0]! + beta[1]! * t;
    out[t - 1] = season === MULT ? y[t - 1]! / line : y[t - 1]! - line;
  }
  return out;
}

/** Solves A x = b for a small k×k system by Gaussian elimination with partial pivoting. */
function solveSymmetric(a: Float64Array, b: Float64Array, k: number): Float64Array {
  const A = Float64Array.from(a);
  const x = Float64Array.from(b);
  for (let c = 0; c < k; c++) {
    let piv = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(A[r * k + c]!) > Math.abs(A[piv * k + c]!)) piv = r;
    if (piv !== c) {
      for (let j = 0; j < k; j++) [A[c * k + j], A[piv * k + j]] = [A[piv * k + j]!, A[c * k + j]!];
      [x[c], x[piv]] = [x[piv]!, x[c]!];
    }
    const d = A[c * k + c]!;
    if (Math.abs(d) < 1e-300) continue;
    for (let r = c + 1; r < k; r++) {
      const f = A[r * k + c]! / d;
      for (let j = c; j < k; j++) A[r * k + j] -= f * A[c * k + j]!;
      x[r] -= f * x[c]!;
    }
  }
  for (let c = k - 1; c >= 0; c--) {
    let s = x[c]!;
    for (let j = c + 1; j < k; j++) s -= A[c * k + j]! * x[j]!;
    const d = A[c * k + c]!;
    x[c] = Math.abs(d) < 1e-300 ? 0 : s / d;
  }
  return x;
}
