import { loessAt, loessSmooth } from './loess';

/** Windows, degrees and jumps of {@link stl}; unset fields take R `stats::stl`'s defaults. */
export interface StlOptions {
  /** Seasonal (cycle-subseries) loess window, odd ≥ 3 (R `s.window`). */
  sWindow: number;
  /** Seasonal loess degree, 0 or 1 (R default 0). */
  sDegree?: number;
  /** Trend window; default nextodd(⌈1.5 m / (1 − 1.5 / sWindow)⌉). */
  tWindow?: number;
  /** Trend loess degree (default 1). */
  tDegree?: number;
  /** Low-pass window; default nextodd(m). */
  lWindow?: number;
  /** Low-pass loess degree (default tDegree). */
  lDegree?: number;
  /** Inner-loop passes (R default 2 without robustness). */
  inner?: number;
}

/** STL components, each [n]; remainder = y − seasonal − trend. */
export interface StlDecomposition {
  seasonal: Float64Array;
  trend: Float64Array;
}

/** R's `nextodd`: round, then + 1 when even. */
function nextOdd(x: number): number {
  const r = Math.round(x);
  return r % 2 === 0 ? r + 1 : r;
}

/** Windows below 3 become 3, even ones the next odd (R's Fortran `stl`). */
function oddWindow(x: number): number {
  const w = Math.max(3, x);
  return w % 2 === 0 ? w + 1 : w;
}

/** Moving average of length `len` over x[0..n): out[i] = (1/len) Σ_{j<len} x[i+j], n − len + 1 values. */
function movingAverage(x: Float64Array, n: number, len: number, out: Float64Array): void {
  let v = 0;
  for (let j = 0; j < len; j++) v += x[j]!;
  out[0] = v / len;
  for (let i = 1; i <= n - len; i++) {
    v += x[i + len - 1]! - x[i - 1]!;
    out[i] = v / len;
  }
}

/** Scratch arrays of one decomposition, sized n + 2m. */
interface StlWork {
  detrended: Float64Array;
  cycle: Float64Array;
  lowPass: Float64Array;
  ma: Float64Array;
  ma2: Float64Array;
  sub: Float64Array;
  subSmooth: Float64Array;
  w: Float64Array;
}

/**
 * Cycle-subseries smoothing (`stlss`): each of the m subseries of `x` is
 * loess-smoothed and extrapolated one cycle back and one forward, giving
 * `cycle` [n + 2m] (position i + m of `cycle` is time i).
 */
function smoothCycleSubseries(x: Float64Array, n: number, m: number, win: number, degree: number, jump: number, work: StlWork): void {
  const { sub, subSmooth, w, cycle } = work;
  for (let j = 0; j < m; j++) {
    const k = Math.floor((n - j - 1) / m) + 1;
    for (let i = 0; i < k; i++) sub[i] = x[i * m + j]!;
    loessSmooth(sub, 0, k, win, degree, jump, null, subSmooth, 1, w);
    // One cycle before the start (x = 0) and one after the end (x = k + 1).
    const before = loessAt(sub, 0, k, win, degree, 0, 1, Math.min(win, k), w, null);
    subSmooth[0] = Number.isNaN(before) ? subSmooth[1]! : before;
    const after = loessAt(sub, 0, k, win, degree, k + 1, Math.max(1, k - win + 1), k, w, null);
    subSmooth[k + 1] = Number.isNaN(after) ? subSmooth[k]! : after;
    for (let i = 0; i < k + 2; i++) cycle[i * m + j] = subSmooth[i]!;
  }
}

/**
 * STL, seasonal-trend decomposition by loess (Cleveland, Cleveland, McRae &
 * Terpenning 1990), as R's `stats::stl` without robustness weights
 * (`robust = FALSE`: `inner` passes, no outer loop). Each inner pass:
 *
 *   1. detrend: x = y − T
 *   2. cycle-subseries loess of x (window sWindow) → C [n + 2m]
 *   3. low-pass of C: MA_m ∘ MA_m ∘ MA_3, then loess (lWindow) → L
 *   4. seasonal S = C[m..m+n) − L
 *   5. trend T = loess of y − S (window tWindow).
 *
 * Fits are made every ⌈window/10⌉ points and interpolated (R's jumps).
 * Needs n > 2m and m ≥ 2 (R refuses less); the caller checks.
 *
 * @example stl(y, 24, { sWindow: 11 }).seasonal
 * @internal
 */
export function stl(y: Float64Array, m: number, options: StlOptions): StlDecomposition {
  const n = y.length;
  if (!(m >= 2 && n > 2 * m)) throw new RangeError(`'y' must have more than two periods of m = ${m} points, got ${n}`);
  const sWindow = oddWindow(options.sWindow);
  const sDegree = options.sDegree ?? 0;
  const tWindow = oddWindow(options.tWindow ?? nextOdd(Math.ceil((1.5 * m) / (1 - 1.5 / options.sWindow))));
  const tDegree = options.tDegree ?? 1;
  const lWindow = oddWindow(options.lWindow ?? nextOdd(m));
  const lDegree = options.lDegree ?? tDegree;
  const inner = options.inner ?? 2;
  const [sJump, tJump, lJump] = [sWindow, tWindow, lWindow].map((w) => Math.ceil(w / 10)) as [number, number, number];
  const N = n + 2 * m;
  const work: StlWork = {
    detrended: new Float64Array(n),
    cycle: new Float64Array(N),
    lowPass: new Float64Array(n),
    ma: new Float64Array(N),
    ma2: new Float64Array(N),
    sub: new Float64Array(Math.ceil(n / m) + 2),
    subSmooth: new Float64Array(Math.ceil(n / m) + 2),
    w: new Float64Array(N),
  };
  const seasonal = new Float64Array(n);
  const trend = new Float64Array(n);
  for (let pass = 0; pass < inner; pass++) {
    for (let i = 0; i < n; i++) work.detrended[i] = y[i]! - trend[i]!;
    smoothCycleSubseries(work.detrended, n, m, sWindow, sDegree, sJump, work);
    // Low-pass: MA_m (N − m + 1), MA_m (N − 2m + 2), MA_3 (n values), then loess.
    movingAverage(work.cycle, N, m, work.ma);
    movingAverage(work.ma, N - m + 1, m, work.ma2);
    movingAverage(work.ma2, N - 2 * m + 2, 3, work.ma);
    loessSmooth(work.ma, 0, n, lWindow, lDegree, lJump, null, work.lowPass, 0, work.w);
    for (let i = 0; i < n; i++) {
      seasonal[i] = work.cycle[m + i]! - work.lowPass[i]!;
      work.detrended[i] = y[i]! - seasonal[i]!;
    }
    loessSmooth(work.detrended, 0, n, tWindow, tDegree, tJump, null, trend, 0, work.w);
  }
  return { seasonal, trend };
}
