/**
 * Simple exponential smoothing as the intermittent-demand models use it
 * (StatsForecast `_ses_forecast`, R `ses(initial = "simple")`): the level
 * starts at the first value and
 *
 *   ℓ_1 = x_1,   ℓ_{t+1} = α x_t + (1 − α) ℓ_t,
 *
 * so the one-step forecast past the end is ℓ_{n+1}. One value forecasts itself.
 *
 * @example sesForecast(Float64Array.of(2, 4), 0.1) // 0.1·4 + 0.9·(0.1·2 + 0.9·2) = 2.2
 * @internal
 */
export function sesForecast(x: Float64Array, alpha: number, n = x.length): number {
  let level = x[0]!;
  for (let t = 0; t < n; t++) level = alpha * x[t]! + (1 - alpha) * level;
  return level;
}

/**
 * In-sample sum of squared one-step errors of SES, Σ_{t=2..n} (x_t − ℓ_t)²
 * (0 for fewer than 2 values).
 *
 * @internal
 */
export function sesSse(x: Float64Array, alpha: number, n = x.length): number {
  let level = x[0]!;
  let sse = 0;
  for (let t = 1; t < n; t++) {
    level = alpha * x[t - 1]! + (1 - alpha) * level;
    const e = x[t]! - level;
    sse += e * e;
  }
  return sse;
}

/** 1/φ, φ the golden ratio. */
const INV_PHI = 2 / (Math.sqrt(5) + 1);

/**
 * The α in [lower, upper] minimising {@link sesSse}, by golden-section search
 * to a bracket of 1e-12 (StatsForecast `golden_section_ses`, bounds 0.1..0.3
 * as in `_optimized_ses_forecast`). Equal objective values at both probes
 * stop the search (so fewer than 3 values give the midpoint, 0.2).
 *
 * @internal
 */
export function optimalSesAlpha(x: Float64Array, n = x.length, lower = 0.1, upper = 0.3): number {
  let a = lower;
  let b = upper;
  let c = b - (b - a) * INV_PHI;
  let d = a + (b - a) * INV_PHI;
  let fc = sesSse(x, c, n);
  let fd = sesSse(x, d, n);
  while (Math.abs(b - a) >= 1e-12) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - (b - a) * INV_PHI;
      fc = sesSse(x, c, n);
    } else if (fd < fc) {
      a = c;
      c = d;
      fc = fd;
      d = a + (b - a) * INV_PHI;
      fd = sesSse(x, d, n);
    } else break;
  }
  return (a + b) / 2;
}
