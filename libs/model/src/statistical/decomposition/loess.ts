/**
 * The local fits of STL (Cleveland et al. 1990; R `stats::stl`'s Fortran
 * `stlest`/`stless`), on equally spaced points x = 1..n.
 *
 * @internal
 */

/**
 * Loess value at `xs` from the points `nleft..nright` (1-based) of `y`, read
 * at `y[yOffset + j − 1]`: tricube weights w_j = (1 − (|j − xs|/h)³)³ with
 * h = max(xs − nleft, nright − xs) (+ ⌊(len − n)/2⌋ when the window is wider
 * than the series), times the robustness weights `rw` when given; degree 1
 * adds the local linear correction w_j ← w_j (1 + b (j − ā)),
 * b = (xs − ā) / Σ w (j − ā)². NaN when every weight is 0.
 */
export function loessAt(
  y: Float64Array,
  yOffset: number,
  n: number,
  len: number,
  degree: number,
  xs: number,
  nleft: number,
  nright: number,
  w: Float64Array,
  rw: Float64Array | null,
): number {
  let h = Math.max(xs - nleft, nright - xs);
  if (len > n) h += Math.floor((len - n) / 2);
  const h9 = 0.999 * h;
  const h1 = 0.001 * h;
  let total = 0;
  for (let j = nleft; j <= nright; j++) {
    let wj = 0;
    const r = Math.abs(j - xs);
    if (r <= h9) {
      if (r <= h1) wj = 1;
      else {
        const q = r / h;
        const u = 1 - q * q * q;
        wj = u * u * u;
      }
      if (rw !== null) wj *= rw[j - 1]!;
      total += wj;
    }
    w[j - 1] = wj;
  }
  if (total <= 0) return NaN;
  for (let j = nleft; j <= nright; j++) w[j - 1]! /= total;
  if (h > 0 && degree > 0) {
    let center = 0;
    for (let j = nleft; j <= nright; j++) center += w[j - 1]! * j;
    let b = xs - center;
    let c = 0;
    for (let j = nleft; j <= nright; j++) c += w[j - 1]! * (j - center) * (j - center);
    if (Math.sqrt(c) > 0.001 * (n - 1)) {
      b /= c;
      for (let j = nleft; j <= nright; j++) w[j - 1]! *= b * (j - center) + 1;
    }
  }
  let value = 0;
  for (let j = nleft; j <= nright; j++) value += w[j - 1]! * y[yOffset + j - 1]!;
  return value;
}

/**
 * Loess smooth of the `n` points of `y` (from `yOffset`) with window `len`,
 * written to `ys[ysOffset..ysOffset+n)`: fitted every `jump` points (and at
 * the last), linearly interpolated in between. A point whose weights all
 * vanish keeps its value. `w` is scratch of length ≥ n.
 */
export function loessSmooth(
  y: Float64Array,
  yOffset: number,
  n: number,
  len: number,
  degree: number,
  jump: number,
  rw: Float64Array | null,
  ys: Float64Array,
  ysOffset: number,
  w: Float64Array,
): void {
  if (n < 2) {
    ys[ysOffset] = y[yOffset]!;
    return;
  }
  const step = Math.min(jump, n - 1);
  const at = (i: number, nleft: number, nright: number): void => {
    const v = loessAt(y, yOffset, n, len, degree, i, nleft, nright, w, rw);
    ys[ysOffset + i - 1] = Number.isNaN(v) ? y[yOffset + i - 1]! : v;
  };
  let nleft = 1;
  let nright = n;
  if (len >= n) {
    for (let i = 1; i <= n; i += step) at(i, 1, n);
  } else if (step === 1) {
    const half = (len + 1) >> 1;
    nright = len;
    for (let i = 1; i <= n; i++) {
      if (i > half && nright !== n) {
        nleft++;
        nright++;
      }
      at(i, nleft, nright);
    }
  } else {
    const half = (len + 1) >> 1;
    for (let i = 1; i <= n; i += step) {
      if (i < half) {
        nleft = 1;
        nright = len;
      } else if (i >= n - half + 1) {
        nleft = n - len + 1;
        nright = n;
      } else {
        nleft = i - half + 1;
        nright = len + i - half;
      }
      at(i, nleft, nright);
    }
  }
  if (step === 1) return;
  // Straight lines between the fitted points: ys_j = ys_i + (j − i)(ys_{i+s} − ys_i)/s.
  for (let i = 1; i <= n - step; i += step) {
    const delta = (ys[ysOffset + i + step - 1]! - ys[ysOffset + i - 1]!) / step;
    for (let j = i + 1; j < i + step; j++) ys[ysOffset + j - 1] = ys[ysOffset + i - 1]! + delta * (j - i);
  }
  const k = Math.floor((n - 1) / step) * step + 1;
  if (k !== n) {
    at(n, nleft, nright);
    if (k !== n - 1) {
      const delta = (ys[ysOffset + n - 1]! - ys[ysOffset + k - 1]!) / (n - k);
      for (let j = k + 1; j < n; j++) ys[ysOffset + j - 1] = ys[ysOffset + k - 1]! + delta * (j - k);
    }
  }
}
