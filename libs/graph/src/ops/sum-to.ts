import { formatShape, type Shape } from '../ir/dim';
import type { Tensor } from '../ir/node';
import type { GraphBuilder } from '../builder/graph-builder';

/**
 * Reduces a broadcast cotangent back to the shape of the input that was
 * broadcast: sums leading extra axes, then (keeping dims) every axis where the
 * input had size 1. `g: [B, 3, 4]` to `[3, 1]` → sum over axes 0 and 2.
 */
export function sumTo(g: GraphBuilder, t: Tensor, target: Shape): Tensor {
  if (formatShape(t.shape) === formatShape(target)) return t;
  let x = t;
  const lead = t.shape.length - target.length;
  if (lead > 0)
    x = g.reduceSum(
      x,
      Array.from({ length: lead }, (_, i) => i),
      false,
    );
  const axes = target.flatMap((d, i) => (d === 1 && x.shape[i] !== 1 ? [i] : []));
  if (axes.length > 0) x = g.reduceSum(x, axes, true);
  return x;
}
