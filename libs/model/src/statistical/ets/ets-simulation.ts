import { Xoshiro128 } from '@tsforecast/graph';
import { ADD, MULT, NONE } from './ets-spec';
import type { EtsState } from './ets-state';

/** Sample paths R's `forecast.ets` simulates for models without a formula. */
export const SIMULATION_PATHS = 5000;
/** Fixed seed: the same fit always gives the same intervals. */
const SEED = 20080101;

/**
 * Prediction intervals by simulation (R's `pegelsfcast.C`): 5000 future paths
 * from the last state with errors ε ~ N(0, σ²) (y = ŷ + ε, or ŷ(1 + ε)),
 * bounds at the 0.5 ∓ level/200 sample quantiles (R's type 8). Seeded, so
 * reproducible. Returns lo[level][h], hi[level][h].
 */
export function simulatedIntervals(fit: EtsState, h: number, levels: readonly number[]): { lo: Float64Array[]; hi: Float64Array[] } {
  const { components: c, m, par, lastState: x, sigma2 } = fit;
  const rng = new Xoshiro128(SEED);
  const sd = Math.sqrt(Math.max(sigma2, 0));
  const paths = new Float64Array(h * SIMULATION_PATHS);
  const state = new Float64Array(x.length);
  const s0 = c.trend === NONE ? 1 : 2;
  const ms = c.season === NONE ? 1 : m;
  const phi = c.damped ? par.phi : 1;
  for (let k = 0; k < SIMULATION_PATHS; k++) {
    state.set(x);
    for (let i = 0; i < h; i++) {
      const l = state[0]!;
      const b = c.trend === NONE ? 0 : state[1]!;
      const phib = c.trend === ADD ? phi * b : c.trend === MULT ? Math.pow(Math.max(b, 0), phi) : 0;
      const q = c.trend === ADD ? l + phib : c.trend === MULT ? l * phib : l;
      const sOld = c.season === NONE ? 0 : state[s0 + ms - 1]!;
      const f = c.season === ADD ? q + sOld : c.season === MULT ? q * sOld : q;
      const eps = sd * rng.normal();
      const y = c.error === ADD ? f + eps : f * (1 + eps);
      paths[i * SIMULATION_PATHS + k] = y;
      const p = c.season === ADD ? y - sOld : c.season === MULT ? y / sOld : y;
      const lNew = q + par.alpha * (p - q);
      if (c.trend === ADD) state[1] = phib + (par.beta / par.alpha) * (lNew - l - phib);
      else if (c.trend === MULT) state[1] = phib + (par.beta / par.alpha) * (lNew / l - phib);
      if (c.season !== NONE) {
        const target = c.season === ADD ? y - q : y / q;
        for (let j = ms - 1; j > 0; j--) state[s0 + j] = state[s0 + j - 1]!;
        state[s0] = sOld + par.gamma * (target - sOld);
      }
      state[0] = lNew;
    }
  }
  const lo = levels.map(() => new Float64Array(h));
  const hi = levels.map(() => new Float64Array(h));
  for (let i = 0; i < h; i++) {
    const column = paths
      .subarray(i * SIMULATION_PATHS, (i + 1) * SIMULATION_PATHS)
      .filter(Number.isFinite)
      .sort();
    levels.forEach((level, j) => {
      lo[j]![i] = quantileType8(column, 0.5 - level / 200);
      hi[j]![i] = quantileType8(column, 0.5 + level / 200);
    });
  }
  return { lo, hi };
}

/** Sample quantile of sorted `x`, Hyndman & Fan type 8 (R's `quantile(type = 8)`). */
export function quantileType8(x: Float64Array, p: number): number {
  const n = x.length;
  if (n === 0) return NaN;
  const pos = (n + 1 / 3) * p + 1 / 3;
  const j = Math.floor(pos);
  const g = pos - j;
  if (j < 1) return x[0]!;
  if (j >= n) return x[n - 1]!;
  return x[j - 1]! + g * (x[j]! - x[j - 1]!);
}
