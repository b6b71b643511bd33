/**
 * STL (Cleveland et al. 1990), the non-robust decomposition of R's
 * `stl(x, s.window)`: y = seasonal + trend + remainder by alternating loess
 * smoothers — cycle-subseries smoothing (span ns, degree 0), a low-pass
 * filter of the seasonal (moving averages m, m, 3 then loess span nl), and a
 * trend loess (span nt, degree 1) — `inner` = 2 passes, no robustness
 * iterations. Follows the netlib Fortran that R runs, including its jumps
 * (loess at every j-th point, linear interpolation between).
 */
export interface StlDecomposition {
  seasonal: Float64Array;
  trend: Float64Array;
  remainder: Float64Array;
}

/** R's `nextodd(round(x))`. */
function nextOdd(x: number): number {
  const r = Math.round(x);
  return r % 2 === 0 ? r + 1 : r;
}

/**
 * R's `stl(x, s.window = sWindow)` defaults: t.window = nextodd(⌈1.5 m / (1 − 1.5 / s.window)⌉),
 * l.window = nextodd(m), jumps ⌈window / 10⌉. Needs y.length > 2m and m ≥ 2.
 */
export function stl(y: Float64Array, m: number, sWindow: number): StlDecomposition {
  const n = y.length;
  if (m < 2 || n <= 2 * m) throw new RangeError(`'y' must have more than two periods (2 × ${m}) for STL, got ${n} points`);
  const tWindow = nextOdd(Math.ceil((1.5 * m) / (1 - 1.5 / sWindow)));
  const lWindow = nextOdd(m);
  const odd3 = (v: number): number => {
    const w = Math.max(3, v);
    return w % 2 === 0 ? w + 1 : w;
  };
  const ns = odd3(sWindow);
  const nt = odd3(tWindow);
  const nl = odd3(lWindow);
  const sJump = Math.ceil(sWindow / 10);
  const tJump = Math.ceil(tWindow / 10);
  const lJump = Math.ceil(lWindow / 10);
  const np = Math.max(2, m);
  const trend = new Float64Array(n);
  const season = new Float64Array(n);
  const w1 = new Float64Array(n + 2 * np);
  const w2 = new Float64Array(n + 2 * np);
  const w3 = new Float64Array(n + 2 * np);
  const w4 = new Float64Array(n + 2 * np);
  const w5 = new Float64Array(n + 2 * np);
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 0; i < n; i++) w1[i] = y[i]! - trend[i]!;
    subseriesSmooth(w1, n, np, ns, 0, sJump, w2, w3, w4, w5);
    lowPass(w2, n + 2 * np, np, w3, w1);
    loess(w3, n, nl, 1, lJump, w1, w5);
    for (let i = 0; i < n; i++) season[i] = w2[np + i]! - w1[i]!;
    for (let i = 0; i < n; i++) w1[i] = y[i]! - season[i]!;
    loess(w1, n, nt, 1, tJump, trend, w3);
  }
  const remainder = new Float64Array(n);
  for (let i = 0; i < n; i++) remainder[i] = y[i]! - season[i]! - trend[i]!;
  return { seasonal: season, trend, remainder };
}

/**
 * One local (degree 0 or 1) tricube-weighted fit at abscissa xs (1-based
 * positions) from points nleft..nright (1-based); NaN when all weights vanish (`stlest`).
 */
function loessPoint(y: Float64Array, n: number, len: number, deg: number, xs: number, nleft: number, nright: number, w: Float64Array): number {
  const range = n - 1;
  let h = Math.max(xs - nleft, nright - xs);
  if (len > n) h += Math.trunc((len - n) / 2);
  const h9 = 0.999 * h;
  const h1 = 0.001 * h;
  let a = 0;
  for (let j = nleft; j <= nright; j++) {
    const r = Math.abs(j - xs);
    if (r <= h9) {
      const wj = r <= h1 ? 1 : (1 - (r / h) ** 3) ** 3;
      w[j - 1] = wj;
      a += wj;
    } else w[j - 1] = 0;
  }
  if (a <= 0) return NaN;
  for (let j = nleft; j <= nright; j++) w[j - 1] = w[j - 1]! / a;
  if (h > 0 && deg > 0) {
    let mean = 0;
    for (let j = nleft; j <= nright; j++) mean += w[j - 1]! * j;
    let b = xs - mean;
    let c = 0;
    for (let j = nleft; j <= nright; j++) c += w[j - 1]! * (j - mean) ** 2;
    if (Math.sqrt(c) > 0.001 * range) {
      b /= c;
      for (let j = nleft; j <= nright; j++) w[j - 1] = w[j - 1]! * (b * (j - mean) + 1);
    }
  }
  let ys = 0;
  for (let j = nleft; j <= nright; j++) ys += w[j - 1]! * y[j - 1]!;
  return ys;
}

/** Loess of y[0..n) at every `jump`-th point, linearly interpolated between (`stless`); writes ys[0..n). */
function loess(y: Float64Array, n: number, len: number, deg: number, jump: number, ys: Float64Array, w: Float64Array): void {
  if (n < 2) {
    ys[0] = y[0]!;
    return;
  }
  const nj = Math.min(jump, n - 1);
  const at = (i: number, nleft: number, nright: number): void => {
    const v = loessPoint(y, n, len, deg, i, nleft, nright, w);
    ys[i - 1] = Number.isNaN(v) ? y[i - 1]! : v;
  };
  let nleft = 1;
  let nright = n;
  if (len >= n) {
    for (let i = 1; i <= n; i += nj) at(i, 1, n);
  } else if (nj === 1) {
    const nsh = Math.trunc((len + 1) / 2);
    nright = len;
    for (let i = 1; i <= n; i++) {
      if (i > nsh && nright !== n) {
        nleft++;
        nright++;
      }
      at(i, nleft, nright);
    }
  } else {
    const nsh = Math.trunc((len + 1) / 2);
    for (let i = 1; i <= n; i += nj) {
      if (i < nsh) {
        nleft = 1;
        nright = len;
      } else if (i >= n - nsh + 1) {
        nleft = n - len + 1;
        nright = n;
      } else {
        nleft = i - nsh + 1;
        nright = len + i - nsh;
      }
      at(i, nleft, nright);
    }
  }
  if (nj === 1) return;
  for (let i = 1; i <= n - nj; i += nj) {
    const slope = (ys[i + nj - 1]! - ys[i - 1]!) / nj;
    for (let j = i + 1; j <= i + nj - 1; j++) ys[j - 1] = ys[i - 1]! + slope * (j - i);
  }
  const k = Math.trunc((n - 1) / nj) * nj + 1;
  if (k !== n) {
    at(n, nleft, nright);
    if (k !== n - 1) {
      const slope = (ys[n - 1]! - ys[k - 1]!) / (n - k);
      for (let j = k + 1; j <= n - 1; j++) ys[j - 1] = ys[k - 1]! + slope * (j - k);
    }
  }
}

/** Cycle-subseries smoothing, each subseries extended one point at both ends (`stlss`); writes season[0..n+2np). */
function subseriesSmooth(
  y: Float64Array,
  n: number,
  np: number,
  ns: number,
  deg: number,
  jump: number,
  season: Float64Array,
  sub: Float64Array,
  smooth: Float64Array,
  weights: Float64Array,
): void {
  for (let j = 1; j <= np; j++) {
    const k = Math.trunc((n - j) / np) + 1;
    for (let i = 1; i <= k; i++) sub[i - 1] = y[(i - 1) * np + j - 1]!;
    const inner = smooth.subarray(1);
    loess(sub, k, ns, deg, jump, inner, weights);
    const first = loessPoint(sub, k, ns, deg, 0, 1, Math.min(ns, k), weights);
    smooth[0] = Number.isNaN(first) ? smooth[1]! : first;
    const last = loessPoint(sub, k, ns, deg, k + 1, Math.max(1, k - ns + 1), k, weights);
    smooth[k + 1] = Number.isNaN(last) ? smooth[k]! : last;
    for (let i = 1; i <= k + 2; i++) season[(i - 1) * np + j - 1] = smooth[i - 1]!;
  }
}

/** Moving averages of lengths np, np, 3 (`stlfts`): x [n] → out [n − 2np + 2 − 2]. */
function lowPass(x: Float64Array, n: number, np: number, out: Float64Array, work: Float64Array): void {
  movingAverage(x, n, np, out);
  movingAverage(out, n - np + 1, np, work);
  movingAverage(work, n - 2 * np + 2, 3, out);
}

function movingAverage(x: Float64Array, n: number, len: number, ave: Float64Array): void {
  const newn = n - len + 1;
  let v = 0;
  for (let i = 0; i < len; i++) v += x[i]!;
  ave[0] = v / len;
  for (let j = 1; j < newn; j++) {
    v += x[j + len - 1]! - x[j - 1]!;
    ave[j] = v / len;
  }
}
