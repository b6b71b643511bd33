import type { NumericDistribution } from './distribution';

/**
 * The space a numeric parameter is modelled in: log x for log domains, and for
 * stepped domains the bounds widened by half a step, so that every grid value
 * owns an interval [v − step/2, v + step/2] of equal width (in natural units).
 */
export interface ModelDomain {
  readonly low: number;
  readonly high: number;
}

function lowerEdge(d: NumericDistribution): number {
  if (d.step === 0) return d.low;
  const edge = d.low - d.step / 2;
  // A log domain cannot reach 0: the first value keeps half its own width instead.
  return d.log && edge <= 0 ? d.low / 2 : edge;
}

/** [low, high] of the model space. */
export function modelDomain(d: NumericDistribution): ModelDomain {
  const low = lowerEdge(d);
  const high = d.high + d.step / 2;
  return d.log ? { low: Math.log(low), high: Math.log(high) } : { low, high };
}

/** Natural value → model space. */
export function toModel(d: NumericDistribution, x: number): number {
  return d.log ? Math.log(x) : x;
}

/** Model space → natural value (not snapped to the grid). */
export function fromModel(d: NumericDistribution, y: number): number {
  return d.log ? Math.exp(y) : y;
}

/** The model-space interval a grid value owns (for interval-mass scoring). */
export function modelInterval(d: NumericDistribution, value: number): ModelDomain {
  const lo = Math.abs(value - d.low) < 1e-12 * Math.max(1, Math.abs(d.low)) ? lowerEdge(d) : value - d.step / 2;
  const hi = value + d.step / 2;
  return d.log ? { low: Math.log(lo), high: Math.log(hi) } : { low: lo, high: hi };
}
