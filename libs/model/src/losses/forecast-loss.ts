import { ConfigError } from '@tsforecast/config';
import type { GraphBuilder, Tensor } from '@tsforecast/graph';

/** Training losses (NeuralForecast `MAE`, `MSE`, `HuberLoss`, `MQLoss`). */
export const LOSS_NAMES = ['mae', 'mse', 'huber', 'mqloss'] as const;
export type LossName = (typeof LOSS_NAMES)[number];

/** A loss and its parameters. */
export interface LossSpec {
  readonly name: LossName;
  /** Prediction-interval levels in percent for `mqloss` (e.g. [80, 90]). */
  readonly level?: readonly number[];
  /** Huber δ (default 1). */
  readonly delta?: number;
}

/**
 * Quantiles of `mqloss` from its levels, as NeuralForecast's `level_to_outputs`:
 * the median plus 0.5 ± level/200 for each level, ascending.
 * [80, 90] → [0.05, 0.1, 0.5, 0.9, 0.95].
 */
export function levelsToQuantiles(level: readonly number[]): number[] {
  for (const l of level) if (!(l > 0 && l < 100)) throw new ConfigError(`'level' values must be in (0, 100), got ${l}`);
  const qs = new Set<number>([0.5]);
  for (const l of level) {
    qs.add(Math.round((0.5 - l / 200) * 1e9) / 1e9);
    qs.add(Math.round((0.5 + l / 200) * 1e9) / 1e9);
  }
  return [...qs].sort((a, b) => a - b);
}

/** The quantiles a loss makes the network output, or undefined for a point loss. */
export function lossQuantiles(spec: LossSpec): number[] | undefined {
  return spec.name === 'mqloss' ? levelsToQuantiles(spec.level ?? [80, 90]) : undefined;
}

/** Outputs per horizon step: Q for `mqloss`, else 1. */
export function lossOutputs(spec: LossSpec): number {
  return lossQuantiles(spec)?.length ?? 1;
}

/**
 * The loss of `yhat: [B, h, Q]` against `y: [B, h]`, masked by `mask: [B, h]`
 * (a masked mean over available points, as NeuralForecast's weighted losses).
 */
export function lossGraph(g: GraphBuilder, spec: LossSpec, yhat: Tensor, y: Tensor, mask: Tensor): Tensor {
  const quantiles = lossQuantiles(spec);
  if (quantiles) return g.quantileLoss(yhat, y, quantiles, mask);
  const point = g.reshape(yhat, [yhat.shape[0], yhat.shape[1]]);
  switch (spec.name) {
    case 'mae':
      return g.maeLoss(point, y, mask);
    case 'mse':
      return g.mseLoss(point, y, mask);
    default:
      return g.huberLoss(point, y, spec.delta ?? 1, mask);
  }
}

/** The point forecast `[B, h]` of `out: [B, h, Q]`: the median output for `mqloss`, else the only one. */
export function pointOutput(g: GraphBuilder, spec: LossSpec, out: Tensor): Tensor {
  const quantiles = lossQuantiles(spec);
  const index = quantiles ? quantiles.indexOf(0.5) : 0;
  return g.reshape(g.slice(out, 2, index, index + 1), [out.shape[0], out.shape[1]]);
}

/**
 * The same loss computed on the host (float64) for validation: `yhat[w][t][q]`
 * flattened as `[W, h, Q]`, `y` and `mask` as `[W, h]`.
 */
export function hostLoss(spec: LossSpec, yhat: Float32Array, y: Float32Array, mask: Float32Array): number {
  const quantiles = lossQuantiles(spec) ?? [0.5];
  const q = quantiles.length;
  let sum = 0;
  let weight = 0;
  for (let i = 0; i < y.length; i++) {
    if (mask[i] === 0) continue;
    for (let k = 0; k < q; k++) {
      const d = y[i] - yhat[i * q + k];
      let l: number;
      if (spec.name === 'mqloss') l = Math.max(quantiles[k] * d, (quantiles[k] - 1) * d);
      else if (spec.name === 'mae') l = Math.abs(d);
      else if (spec.name === 'mse') l = d * d;
      else {
        const delta = spec.delta ?? 1;
        l = Math.abs(d) < delta ? 0.5 * d * d : delta * (Math.abs(d) - 0.5 * delta);
      }
      sum += mask[i] * l;
    }
    weight += mask[i] * q;
  }
  return weight > 0 ? sum / weight : 0;
}
