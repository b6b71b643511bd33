import { GraphError, type GraphBuilder, type Tensor } from '@tsforecast/graph';

/**
 * In-graph masked statistics over the time axis of `x: [B, L]`, the building
 * blocks of NeuralForecast's `_scalers.py`. Every statistic is `[B, 1]`; a row
 * with no available point gives 0 (NeuralForecast's `nan_to_num(nan=0)`).
 * None of them needs a gradient: they depend on data inputs only.
 */

/** Smallest count divided by, so an all-masked row gives 0/ε = 0 instead of NaN. */
const COUNT_EPS = 1e-12;

/** Number of available points per row: Σ mask → [B, 1]. */
export function maskedCount(g: GraphBuilder, mask: Tensor): Tensor {
  return g.reduceSum(mask, [1], true);
}

/** Σ(x·m) / Σm → [B, 1] (`masked_mean`). */
export function maskedMean(g: GraphBuilder, x: Tensor, mask: Tensor): Tensor {
  return g.div(g.reduceSum(g.mul(x, mask), [1], true), g.maximum(maskedCount(g, mask), COUNT_EPS));
}

/** √(masked mean of (x − mean)²) → [B, 1], the biased standard deviation of `std_statistics`. */
export function maskedStd(g: GraphBuilder, x: Tensor, mask: Tensor, mean: Tensor): Tensor {
  const d = g.sub(x, mean);
  return g.sqrt(maskedMean(g, g.mul(d, d), mask));
}

/** Stand-in for a missing point when sorting: sorts after every real value, finite in float32. */
const MISSING = 3e38;

/**
 * Lower median of the available points (`torch.nanmedian`: for an even count,
 * the smaller of the two middle values) → [B, 1].
 *
 * Missing points are replaced by a huge value so they sort last; the median is
 * the k-th smallest value with k = ⌊(n − 1)/2⌋ ≤ ⌊(L − 1)/2⌋, so only the
 * ⌊(L − 1)/2⌋ + 1 smallest values of each row are selected (ONNX TopK), and the
 * k-th is picked by a one-hot row: 2k ∈ {n − 2, n − 1} ⇔ n − 2.5 < 2k < n − 0.5.
 * (The earlier rank-by-comparison form built `[B, L, L]` tensors and took
 * ~10 ms of a 1024-window training step.)
 */
export function maskedLowerMedian(g: GraphBuilder, x: Tensor, mask: Tensor): Tensor {
  const length = x.shape[1];
  if (typeof length !== 'number') throw new GraphError(`maskedLowerMedian: x must be [B, L] with static L, got [${x.shape.join(', ')}]`);
  const k = Math.floor((length - 1) / 2) + 1;
  const smallest = g.smallestK(g.where(mask, x, MISSING), k);
  const twice = g.constant(
    Float64Array.from({ length: k }, (_, j) => 2 * j),
    [k],
  );
  const n = maskedCount(g, mask);
  const chosen = g.mul(g.compare(twice, 'gt', g.sub(n, 2.5)), g.compare(twice, 'lt', g.sub(n, 0.5)));
  return g.reduceSum(g.mul(chosen, smallest), [1], true);
}

/** Masked max and min → [B, 1] each; 0 for a row with no available point. */
export function maskedRange(g: GraphBuilder, x: Tensor, mask: Tensor): { min: Tensor; max: Tensor } {
  const big = 3e38;
  const max = g.reduceMax(g.where(mask, x, -big), [1], true);
  const min = g.neg(g.reduceMax(g.where(mask, g.neg(x), -big), [1], true));
  const empty = g.compare(maskedCount(g, mask), 'eq', 0);
  return { min: g.where(empty, 0, min), max: g.where(empty, 0, max) };
}
