import { init, type GraphBuilder, type Tensor } from '@tsforecast/graph';
import { maskedLowerMedian, maskedMean, maskedRange, maskedStd } from './masked-statistics';
import type { ScalerType } from './scaler-type';

/** NeuralForecast's `TemporalNorm` eps, added to every scale. */
export const SCALER_EPS = 1e-6;

/** Φ⁻¹(0.75): MAD of a normal = σ·0.6745, the robust scaler's fallback when the MAD is 0. */
const MAD_PER_STD = 0.6744897501960817;

/**
 * Shift and scale of each window, `[B, 1]`, computed from its input part only:
 * `z = (x − shift) / scale`. RevIN adds a learnable affine `[1]` applied to the
 * network output before the inverse.
 */
export interface ScalerStatistics {
  readonly type: ScalerType;
  readonly shift: Tensor;
  readonly scale: Tensor;
  readonly revin?: { readonly bias: Tensor; readonly weight: Tensor };
}

/** Replaces zeros by 1 and adds ε: `x[x == 0] = 1; x + eps` (division guard of every NeuralForecast scaler). */
function guardScale(g: GraphBuilder, s: Tensor): Tensor {
  return g.add(g.where(g.compare(s, 'eq', 0), 1, s), SCALER_EPS);
}

/**
 * Builds the statistics of NeuralForecast's `_scalers.py` for `y: [B, L]` with
 * availability `mask: [B, L]` (masked statistics, same eps and guards):
 * - identity: shift 0, scale 1;
 * - standard / revin: masked mean, masked (biased) std;
 * - robust: masked lower median, MAD = lower median of |x − median|
 *   (σ·0.6745 when the MAD is 0);
 * - minmax: masked min, max − min.
 * RevIN adds params `scaler.revin_bias: [1]` (0) and `scaler.revin_weight: [1]` (1):
 * the inverse uses shift + bias and scale·(relu(weight) + ε), as NeuralForecast does
 * (see {@link revinAffine} for how they get a gradient).
 */
export function scalerStatistics(g: GraphBuilder, type: ScalerType, y: Tensor, mask: Tensor): ScalerStatistics {
  const plain = (shift: Tensor, scale: Tensor): ScalerStatistics => ({ type, shift, scale });
  switch (type) {
    case 'identity': {
      const zero = g.mul(maskedMean(g, y, mask), 0);
      return plain(zero, g.add(zero, 1));
    }
    case 'standard':
    case 'revin': {
      const mean = maskedMean(g, y, mask);
      const std = guardScale(g, maskedStd(g, y, mask, mean));
      if (type === 'standard') return plain(mean, std);
      return g.scope('scaler', () => {
        const bias = g.param('revin_bias', [1], init.zeros());
        const weight = g.param('revin_weight', [1], init.ones());
        return { type, shift: mean, scale: std, revin: { bias, weight } };
      });
    }
    case 'robust': {
      const median = maskedLowerMedian(g, y, mask);
      const mad = maskedLowerMedian(g, g.abs(g.sub(y, median)), mask);
      const std = maskedStd(g, y, mask, maskedMean(g, y, mask));
      const fallback = g.where(g.compare(mad, 'eq', 0), g.mul(std, MAD_PER_STD), mad);
      return plain(median, guardScale(g, fallback));
    }
    case 'minmax': {
      const { min, max } = maskedRange(g, y, mask);
      return plain(min, guardScale(g, g.sub(max, min)));
    }
  }
}

/** `x: [B, T]` → `(x − shift) / scale`. */
export function applyScaler(g: GraphBuilder, x: Tensor, s: ScalerStatistics): Tensor {
  return s.type === 'identity' ? x : g.div(g.sub(x, s.shift), s.scale);
}

function widen(g: GraphBuilder, t: Tensor, like: Tensor): Tensor {
  return like.shape.length === 3 ? g.reshape(t, [t.shape[0], 1, 1]) : t;
}

/**
 * RevIN's affine in the scaled space: `z·(relu(w) + ε) + b / scale`, so that
 * `affine(z)·scale + shift = z·scale·(relu(w) + ε) + shift + b` — NeuralForecast's
 * inverse. The training loss compares this (not `z`) with the scaled target, so
 * `w` and `b` learn. Identity for the other scalers.
 */
export function revinAffine(g: GraphBuilder, z: Tensor, s: ScalerStatistics): Tensor {
  if (!s.revin) return z;
  return g.add(g.mul(z, g.add(g.relu(s.revin.weight), SCALER_EPS)), widen(g, g.div(s.revin.bias, s.scale), z));
}

/** `z: [B, T]` or `[B, T, Q]` back to raw values: `revinAffine(z) · scale + shift`. */
export function invertScaler(g: GraphBuilder, z: Tensor, s: ScalerStatistics): Tensor {
  if (s.type === 'identity') return z;
  return g.add(g.mul(revinAffine(g, z, s), widen(g, s.scale, z)), widen(g, s.shift, z));
}
