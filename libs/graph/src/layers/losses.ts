import { formatShape } from '../ir/dim';
import { GraphError } from '../ir/graph-error';
import type { Tensor } from '../ir/node';
import type { GraphBuilder } from '../builder/graph-builder';

/** Smallest mask total divided by; keeps an all-masked batch at loss 0 instead of NaN. */
export const MASK_EPS = 1e-8;

function allAxes(t: Tensor): number[] {
  return t.shape.map((_, i) => i);
}

/**
 * Mean of `values`, or the masked mean Σ(w·l) / max(Σw, ε) where `mask`
 * broadcasts to `values` (NeuralForecast masks padded points this way). A scalar `[]`.
 */
export function maskedMean(g: GraphBuilder, values: Tensor, mask?: Tensor): Tensor {
  if (values.shape.length === 0) return values;
  if (!mask) return g.reduceMean(values, allAxes(values));
  const w = g.broadcastLike(mask, values);
  return g.div(g.reduceSum(g.mul(values, w), allAxes(values)), g.maximum(g.reduceSum(w, allAxes(values)), MASK_EPS));
}

function difference(g: GraphBuilder, yhat: Tensor, y: Tensor, what: string): Tensor {
  if (formatShape(yhat.shape) !== formatShape(y.shape))
    throw new GraphError(`${what}: yhat ${formatShape(yhat.shape)} and y ${formatShape(y.shape)} differ`);
  return g.sub(yhat, y);
}

/** Mean absolute error |ŷ − y| (masked mean). */
export function maeLoss(g: GraphBuilder, yhat: Tensor, y: Tensor, mask?: Tensor): Tensor {
  return g.scope('mae', () => maskedMean(g, g.abs(difference(g, yhat, y, 'maeLoss')), mask));
}

/** Mean squared error (ŷ − y)² (masked mean). */
export function mseLoss(g: GraphBuilder, yhat: Tensor, y: Tensor, mask?: Tensor): Tensor {
  return g.scope('mse', () => {
    const d = difference(g, yhat, y, 'mseLoss');
    return maskedMean(g, g.mul(d, d), mask);
  });
}

/** Huber: ½d² where |d| < δ, else δ(|d| − ½δ) (PyTorch `HuberLoss`). */
export function huberLoss(g: GraphBuilder, yhat: Tensor, y: Tensor, delta: number, mask?: Tensor): Tensor {
  if (!(delta > 0)) throw new GraphError(`huberLoss: 'delta' must be > 0, got ${delta}`);
  return g.scope('huber', () => {
    const d = g.abs(difference(g, yhat, y, 'huberLoss'));
    const l = g.where(g.compare(d, 'lt', delta), g.mul(g.mul(d, d), 0.5), g.mul(g.sub(d, 0.5 * delta), delta));
    return maskedMean(g, l, mask);
  });
}

/**
 * Multi-quantile pinball loss (NeuralForecast `MQLoss`): `yhat: [..., Q]`,
 * `y: [...]` or `[..., 1]`; l = q·max(y − ŷ, 0) + (1 − q)·max(ŷ − y, 0), mean over everything.
 */
export function quantileLoss(g: GraphBuilder, yhat: Tensor, y: Tensor, quantiles: readonly number[], mask?: Tensor): Tensor {
  const q = yhat.shape[yhat.shape.length - 1];
  if (q !== quantiles.length)
    throw new GraphError(`quantileLoss: yhat ${formatShape(yhat.shape)} must end with ${quantiles.length} quantiles`);
  if (quantiles.some((v) => !(v > 0 && v < 1)))
    throw new GraphError(`quantileLoss: quantiles must be in (0, 1), got [${quantiles.join(', ')}]`);
  return g.scope('quantile', () => {
    const target = y.shape.length === yhat.shape.length - 1 ? g.reshape(y, [...y.shape, 1]) : y;
    const m = mask && mask.shape.length === yhat.shape.length - 1 ? g.reshape(mask, [...mask.shape, 1]) : mask;
    const qs = g.constant(quantiles, [quantiles.length]);
    const d = g.sub(target, yhat);
    const l = g.add(g.mul(qs, g.relu(d)), g.mul(g.sub(1, qs), g.relu(g.neg(d))));
    return maskedMean(g, l, m);
  });
}
