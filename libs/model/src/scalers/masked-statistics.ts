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

/**
 * Lower median of the available points (`torch.nanmedian`: for an even count,
 * the smaller of the two middle values) → [B, 1].
 *
 * Without a sort op it is found by ranks: rank_i = #{j available: x_j < x_i, or
 * x_j = x_i and j < i} is a permutation of 0..n−1 over the available points, and
 * the median is the point with rank k = ⌊(n − 1)/2⌋, i.e. 2k ∈ {n − 2, n − 1}: n − 2.5 < 2·rank < n − 0.5.
 * Costs `[B, L, L]` comparisons: cheap for the input sizes of these models.
 */
export function maskedLowerMedian(g: GraphBuilder, x: Tensor, mask: Tensor): Tensor {
  const length = x.shape[1];
  if (typeof length !== 'number') throw new GraphError(`maskedLowerMedian: x must be [B, L] with static L, got [${x.shape.join(', ')}]`);
  const xi = g.reshape(x, [x.shape[0], length, 1]);
  const xj = g.reshape(x, [x.shape[0], 1, length]);
  const mj = g.reshape(mask, [x.shape[0], 1, length]);
  // before[i][j] = 1 when j < i (ties are broken by position).
  const before = new Float64Array(length * length);
  for (let i = 0; i < length; i++) for (let j = 0; j < i; j++) before[i * length + j] = 1;
  const smaller = g.add(g.compare(xj, 'lt', xi), g.mul(g.compare(xj, 'eq', xi), g.constant(before, [length, length])));
  const rank = g.reduceSum(g.mul(smaller, mj), [2]);
  const n = maskedCount(g, mask);
  const twice = g.mul(rank, 2);
  const chosen = g.mul(g.mul(g.compare(twice, 'gt', g.sub(n, 2.5)), g.compare(twice, 'lt', g.sub(n, 0.5))), mask);
  return g.reduceSum(g.mul(chosen, x), [1], true);
}

/** Masked max and min → [B, 1] each; 0 for a row with no available point. */
export function maskedRange(g: GraphBuilder, x: Tensor, mask: Tensor): { min: Tensor; max: Tensor } {
  const big = 3e38;
  const max = g.reduceMax(g.where(mask, x, -big), [1], true);
  const min = g.neg(g.reduceMax(g.where(mask, g.neg(x), -big), [1], true));
  const empty = g.compare(maskedCount(g, mask), 'eq', 0);
  return { min: g.where(empty, 0, min), max: g.where(empty, 0, max) };
}
